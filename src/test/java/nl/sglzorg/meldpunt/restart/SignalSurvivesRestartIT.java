package nl.sglzorg.meldpunt.restart;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.sglzorg.meldpunt.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged application on a database of its own, files a signal, stops the process, starts
 * it again on the same database and tracks the signal: what got {@code 201} survives a restart.
 * The database is a fresh H2 file, or a fresh schema when the tests run on PostgreSQL
 * ({@link PackagedApp.Database}).
 */
class SignalSurvivesRestartIT {

    private PackagedApp.Database database;
    private PackagedApp app;

    @BeforeEach
    void prepare() throws Exception {
        database = PackagedApp.Database.fresh("restart-it");
        app = new PackagedApp("meldpunt", database, Map.of("MELDPUNT_ADMIN_PASSWORD", "herstart-wachtwoord-1",
                // ten signals in a row from the test's address, past the limit for one client
                "MELDPUNT_LIMITS_EXEMPT_ADDRESSES", "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            app.stop();
        } finally {
            database.close();
        }
    }

    @Test
    void shouldKeepAFiledSignalTrackableAfterARestart() throws Exception {
        app.start();
        Response filed = app.request().contentType(ContentType.JSON)
                .body(Map.of("category", "DERAILED_DISCUSSION", "platform", "FACEBOOK", "topic", "CARE",
                        "description", "Een discussie over de zorg loopt uit de hand."))
                .post("/api/signals").then().statusCode(201).extract().response();
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");
        app.stop();

        app.start();
        app.request().header("X-Tracking-Token", token)
                .get("/api/signals/{reference}", reference)
                .then().statusCode(200)
                .body("reference", equalTo(reference))
                .body("category", equalTo("DERAILED_DISCUSSION"))
                .body("publicStatus", equalTo("Ontvangen"));
        app.request().auth().preemptive().basic("communicatie", "herstart-wachtwoord-1")
                .get("/api/tickets/{reference}", reference)
                .then().statusCode(200)
                .body("description", equalTo("Een discussie over de zorg loopt uit de hand."))
                .body("routing.function", equalTo("CARE_BROKER"))
                .body("priority", equalTo("HIGH"));
    }

    @Test
    void shouldKeepEverySignalThatGot201WhenTheProcessIsKilledRightAfter() throws Exception {
        // H2 by itself writes commits to its file up to half a second later: a kill in between lost the
        // last signals in about half of the tries (common/jdbc/H2WritesEachCommit); two kills here
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int kill = 1; kill <= 2; kill++) {
            app.start();
            for (int i = 1; i <= 10; i++) {
                Response filed = app.request().contentType(ContentType.JSON)
                        .body(Map.of("category", "DERAILED_DISCUSSION", "platform", "FACEBOOK", "topic", "CARE",
                                "description", "Signaal " + i + " vlak voor kill " + kill + "."))
                        .post("/api/signals").then().statusCode(201).extract().response();
                tokens.put(filed.path("reference"), filed.path("trackingToken"));
            }
            app.kill();
        }

        app.start();
        tokens.forEach((reference, token) -> app.request().header("X-Tracking-Token", token)
                .get("/api/signals/{reference}", reference)
                .then().statusCode(200).body("reference", equalTo(reference)));
    }
}
