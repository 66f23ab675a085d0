package nl.sglzorg.meldpunt;

import static io.restassured.RestAssured.given;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Helpers for tests that make their own data through the API. Codes carry a counter so tests never
 * collide, whatever order they run in.
 */
public final class TestData {

    /** The first user, created at start-up from {@code %test.meldpunt.admin-password}. */
    public static final String ADMIN = "communicatie";
    public static final String ADMIN_PASSWORD = "test-communicatie-wachtwoord";
    public static final String STAFF_PASSWORD = "een-lang-wachtwoord-123";
    public static final String REQUESTED_BY = "X-Requested-By";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final int RUN = ThreadLocalRandom.current().nextInt(1, 250);

    private TestData() {
    }

    /** A fresh code such as {@code T7-UNIT}: unique within the test run. */
    public static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36).toUpperCase();
    }

    /**
     * A request as an API client makes it: with {@code X-Requested-By}, which the cross-site guard
     * wants on a write without a JSON body and on a read the access log records.
     */
    public static RequestSpecification api() {
        return given().header(REQUESTED_BY, "meldpunt-tests");
    }

    /** A request to the management interface (health, metrics, the contract, Swagger UI), on its own port. */
    public static RequestSpecification management() {
        return given().baseUri("http://localhost")
                .port(Arc.container().instance(HttpServer.class).get().getManagementPort());
    }

    /**
     * A client address no other test uses, {@code 10.{run}.{n / 250}.{n % 250 + 1}}: limits are per
     * address and live as long as the application, so a test that meets one speaks for a fresh client
     * through {@code X-Forwarded-For} (127.0.0.1, the tests' own address, is a trusted proxy).
     */
    public static String freshClient() {
        int n = CLIENTS.getAndIncrement();
        return "10." + RUN + "." + (n / 250) + "." + (n % 250 + 1);
    }

    public static RequestSpecification asCommunicatie() {
        return api().auth().preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String username) {
        return api().auth().preemptive().basic(username, STAFF_PASSWORD);
    }

    /** A minimal valid signal; tests add or replace what they are about. */
    public static Map<String, Object> signal(String category, String platform) {
        Map<String, Object> signal = new HashMap<>();
        signal.put("category", category);
        signal.put("platform", platform);
        signal.put("description", "Er wordt op sociale media over SGL geschreven.");
        return signal;
    }

    /** Creates a unit with a manager and returns its code. */
    public static String createUnit(String managerName, String managerEmail) {
        String code = unique("UNIT");
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Team " + code, "region", "Parkstad",
                        "managerName", managerName, "managerEmail", managerEmail))
                .post("/api/units").then().statusCode(201);
        return code;
    }

    /** Creates a staff user with {@link #STAFF_PASSWORD}; {@code function} and {@code unit} may be null. */
    public static String createUser(List<String> roles, String function, String unit) {
        String username = unique("user").toLowerCase();
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", STAFF_PASSWORD);
        body.put("roles", roles);
        body.put("function", function);
        body.put("unit", unit);
        body.put("email", username + "@sgl-zorg.nl");
        asCommunicatie().contentType(ContentType.JSON).body(body).post("/api/users").then().statusCode(201);
        return username;
    }
}
