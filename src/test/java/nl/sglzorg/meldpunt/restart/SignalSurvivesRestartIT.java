package nl.sglzorg.meldpunt.restart;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged application on a database of its own, files a signal, stops the process, starts
 * it again on the same database and tracks the signal: what got {@code 201} survives a restart.
 * The database is a fresh H2 file, or, when {@code QUARKUS_DATASOURCE_JDBC_URL} (or
 * {@code -Dquarkus.datasource.jdbc.url}) names a PostgreSQL database, a fresh schema in it that is
 * dropped afterwards.
 */
class SignalSurvivesRestartIT {

    private Path dataDir;
    private Process app;
    private int port;
    /** The PostgreSQL schema of this test, or null on H2. */
    private String schema;

    @BeforeEach
    void prepare() throws IOException, SQLException {
        dataDir = Files.createTempDirectory("meldpunt-restart");
        port = freePort();
        if (onPostgresql()) {
            schema = "restart_it_" + Long.toString(System.nanoTime(), 36);
            execute("create schema " + schema);
        }
    }

    @AfterEach
    void stop() throws InterruptedException, SQLException {
        stopApp();
        if (schema != null) {
            execute("drop schema " + schema + " cascade");
        }
    }

    @Test
    void shouldKeepAFiledSignalTrackableAfterARestart() throws Exception {
        startApp();
        Response filed = given().baseUri("http://localhost").port(port).contentType(ContentType.JSON)
                .body(Map.of("category", "DERAILED_DISCUSSION", "platform", "FACEBOOK", "topic", "CARE",
                        "description", "Een discussie over de zorg loopt uit de hand."))
                .post("/api/signals").then().statusCode(201).extract().response();
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");
        stopApp();

        startApp();
        given().baseUri("http://localhost").port(port).header("X-Tracking-Token", token)
                .get("/api/signals/{reference}", reference)
                .then().statusCode(200)
                .body("reference", equalTo(reference))
                .body("category", equalTo("DERAILED_DISCUSSION"))
                .body("publicStatus", equalTo("Ontvangen"));
        given().baseUri("http://localhost").port(port).auth().preemptive().basic("communicatie", "herstart-wachtwoord-1")
                .get("/api/tickets/{reference}", reference)
                .then().statusCode(200)
                .body("description", equalTo("Een discussie over de zorg loopt uit de hand."))
                .body("routing.function", equalTo("CARE_BROKER"))
                .body("priority", equalTo("HIGH"));
    }

    private void startApp() throws Exception {
        String jar = System.getProperty("meldpunt.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port));
        if (schema != null) {
            // The app's search path is the test's schema: Flyway migrates it, the app uses only it.
            String url = setting("quarkus.datasource.jdbc.url");
            command.add("-Dquarkus.datasource.jdbc.url=" + url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            // The account comes with the environment; pass it on only if it came as system properties.
            for (String name : List.of("quarkus.datasource.username", "quarkus.datasource.password")) {
                if (System.getProperty(name) != null) {
                    command.add("-D" + name + "=" + System.getProperty(name));
                }
            }
        } else {
            command.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dataDir.resolve("meldpunt")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        command.addAll(List.of("-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MELDPUNT_ADMIN_PASSWORD", "herstart-wachtwoord-1");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile()));
        app = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            assertTrue(app.isAlive(), () -> "Meldpunt stopped during start-up: " + log());
            try (Socket ignored = new Socket("localhost", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("Meldpunt did not start within 60 s: " + log());
    }

    private void stopApp() throws InterruptedException {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
        app = null;
    }

    private String log() {
        try {
            return Files.readString(dataDir.resolve("app.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A setting as the packaged app would read it: system property first, then environment variable. */
    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }

    private static boolean onPostgresql() {
        String url = setting("quarkus.datasource.jdbc.url");
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(setting("quarkus.datasource.jdbc.url"),
                Objects.requireNonNullElse(setting("quarkus.datasource.username"), "meldpunt"),
                setting("quarkus.datasource.password"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
