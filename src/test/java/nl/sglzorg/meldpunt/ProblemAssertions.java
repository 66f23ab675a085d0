package nl.sglzorg.meldpunt;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.response.Response;
import java.util.List;

/**
 * Checks that an error answer is a complete RFC 9457 problem ({@code application/problem+json})
 * and gives nothing of the server's insides away.
 */
public final class ProblemAssertions {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String TYPE_BASE = "https://sgl-zorg.nl/meldpunt/problems/";

    /** Fragments that only appear when a class name, package or stack trace leaks out. */
    private static final List<String> INTERNALS = List.of("Exception", "Error:", "java.", "javax.", "jakarta.",
            "com.fasterxml", "org.jboss", "org.hibernate", "io.quarkus", "io.vertx", "nl.sglzorg", "at nl.",
            "\tat ", "Caused by", "SignalRequest", "MessageRequest");

    private ProblemAssertions() {
    }

    /** A {@code 400} listing {@code field} among its violations. */
    public static void assertInvalid(Response response, String instance, String field) {
        assertProblem(response, 400, "invalid-input", "Ongeldige invoer", instance);
        List<String> fields = response.path("violations.field");
        assertThat("violations of " + response.asString(), fields, hasItem(field));
        List<String> messages = response.path("violations.message");
        assertThat("every violation says what is wrong", messages, everyItem(not(emptyOrNullString())));
    }

    /** Any problem answer: status, media type, and the five members with the expected values. */
    public static void assertProblem(Response response, int status, String slug, String title, String instance) {
        String body = response.asString();
        assertThat("status of " + body, response.statusCode(), equalTo(status));
        assertThat("content type of " + body, response.contentType(), startsWith(PROBLEM_JSON));
        assertThat(response.path("type"), equalTo(TYPE_BASE + slug));
        assertThat(response.path("title"), equalTo(title));
        assertThat(response.path("status"), equalTo(status));
        assertThat(response.path("detail"), not(emptyOrNullString()));
        assertThat(response.path("instance"), equalTo(instance));
        if (status != 400) {
            // violations belong to 400 only
            assertThat(response.path("violations"), nullValue());
        }
        assertNoInternals(body);
    }

    public static void assertNoInternals(String body) {
        for (String fragment : INTERNALS) {
            assertFalse(body.contains(fragment), () -> "problem body leaks '" + fragment + "': " + body);
        }
    }
}
