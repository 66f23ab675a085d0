package nl.sglzorg.meldpunt.common.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem, documented in {@code openapi/openapi.yaml}
 * @param violations present on {@code 400}: each refused field with the reason; also on a refused
 *        upload ({@code 413}, {@code 415}), naming the file field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://sgl-zorg.nl/meldpunt/problems/";

    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, null);
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, List.copyOf(list));
    }

    /** The request path as a problem's {@code instance}: only characters that cannot break out of it. */
    public static String instance(String path) {
        return path == null ? "" : path.replaceAll("[^A-Za-z0-9/_.-]", "");
    }

    /** Answers with this problem, for the routes that answer before the REST layer sees the request. */
    public void send(HttpServerResponse response) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE).end(Json.encode(this));
    }
}
