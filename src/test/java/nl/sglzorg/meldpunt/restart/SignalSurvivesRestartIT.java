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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged application on an H2 file database, files a signal, stops the process, starts
 * it again on the same file and tracks the signal: what got {@code 201} survives a restart.
 */
class SignalSurvivesRestartIT {

    private Path dataDir;
    private Process app;
    private int port;

    @BeforeEach
    void prepare() throws IOException {
        dataDir = Files.createTempDirectory("meldpunt-restart");
        port = freePort();
    }

    @AfterEach
    void stop() throws InterruptedException {
        stopApp();
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
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + dataDir.resolve("meldpunt")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "-jar", jar));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
