package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import nl.sglzorg.meldpunt.common.web.ProblemMappers;
import nl.sglzorg.meldpunt.directory.SessionMechanism;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Nobody signed in on a desk page: {@code 303} to the sign-in page, which leads back to the page asked
 * for (a GET) afterwards. Never a {@code WWW-Authenticate}: a browser must not learn a password it
 * would then send by itself. Everywhere else the API's {@code 401} problem, as before.
 */
public class SignInRedirect {

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> unauthorized(UnauthorizedException e, HttpServerRequest request,
            jakarta.ws.rs.core.UriInfo uri) {
        if (request.path().equals("/beheer") || request.path().startsWith("/beheer/")) {
            return DeskRoot.seeOther(SessionMechanism.signInFor(request.method().name(), request.uri()));
        }
        return ProblemMappers.unauthorized(uri);
    }
}
