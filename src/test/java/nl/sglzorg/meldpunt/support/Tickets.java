package nl.sglzorg.meldpunt.support;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Signals.Filed;

/**
 * Steps the ticket tests share, all through the HTTP API: file a signal, read it as staff or as the
 * reporter, move it along the lifecycle. Every ticket is made fresh by the test that uses it.
 */
public final class Tickets {

    public static final String TOKEN_HEADER = "X-Tracking-Token";

    private Tickets() {
    }

    /** A word no other ticket in the shared database contains, to find a test's own tickets with {@code q}. */
    public static String uniqueWord() {
        // Fixed length and random, so one word is never part of another (q matches substrings).
        return "zw" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    /** A mention on Twitter (routed to communicatie) whose description carries {@code word}. */
    public static Map<String, Object> signal(String word) {
        return signal("MENTION", "TWITTER", word);
    }

    public static Map<String, Object> signal(String category, String platform, String word) {
        Map<String, Object> signal = new HashMap<>(TestData.signal(category, platform));
        signal.put("description", "Er wordt over SGL geschreven, kenmerk " + word + ".");
        return signal;
    }

    public static Filed file(Map<String, Object> signal) {
        return Signals.file(signal);
    }

    public static Filed file() {
        return file(signal(uniqueWord()));
    }

    /** The staff detail, as communicatie sees it. */
    public static JsonPath detail(String reference) {
        return asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    public static String status(String reference) {
        return detail(reference).getString("status");
    }

    public static long version(String reference) {
        return detail(reference).getLong("version");
    }

    /** Events the outbox dispatcher and the deadline watcher append on their own schedule. */
    public static final Set<String> BACKGROUND_EVENTS = Set.of("EMAIL_SENT", "EMAIL_FAILED", "DEADLINE_WARNING",
            "DEADLINE_BREACHED");

    /** The history as requests wrote it, without what background jobs may append meanwhile. */
    public static List<Map<String, Object>> history(String reference) {
        return withoutBackground(events(reference));
    }

    public static List<Map<String, Object>> withoutBackground(List<Map<String, Object>> events) {
        return events.stream().filter(e -> !BACKGROUND_EVENTS.contains(e.get("type"))).toList();
    }

    public static List<Map<String, Object>> events(String reference) {
        return asCommunicatie().get("/api/tickets/{reference}/events", reference)
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** What the reporter sees, as raw text and as JSON. */
    public static Response track(Filed filed) {
        return given().header(TOKEN_HEADER, filed.token())
                .get("/api/signals/{reference}", filed.reference())
                .then().statusCode(200)
                .extract().response();
    }

    /** Asks for a transition as communicatie; the test checks the answer. */
    public static Response transition(String reference, String status, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        if (message != null) {
            body.put("message", message);
        }
        return asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/transitions", reference);
    }

    /** A transition with the message shown to the reporter or not; fails the test unless it is made. */
    public static void transition(String reference, String status, String message, boolean visibleToReporter) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("message", message);
        body.put("visibleToReporter", visibleToReporter);
        asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/transitions", reference)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo(status));
    }

    /** A transition as communicatie ({@code message} may be null); fails the test unless it is made. */
    public static void transitioned(String reference, String status, String message) {
        transition(reference, status, message).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo(status));
    }

    /** Moves a ticket by an allowed transition; fails the test if the API refuses. */
    public static void move(String reference, String status) {
        boolean needsMessage = List.of("RESOLVED", "REJECTED", "WAITING").contains(status);
        transition(reference, status, needsMessage ? "Reden voor " + status : null)
                .then().statusCode(200);
    }

    /**
     * Brings a fresh ({@code NEW}) ticket to {@code status} by allowed steps. {@code MERGED} is reached
     * by merging into another fresh ticket, {@code ESCALATED} by escalating to a manager.
     */
    public static void bringTo(String reference, String status) {
        switch (status) {
            case "NEW" -> {
            }
            case "TRIAGED", "IN_PROGRESS", "WAITING", "REJECTED" -> move(reference, status);
            case "RESOLVED" -> {
                move(reference, "TRIAGED");
                move(reference, "RESOLVED");
            }
            case "CLOSED" -> {
                bringTo(reference, "RESOLVED");
                move(reference, "CLOSED");
            }
            case "MERGED" -> merge(reference, file().reference()).then().statusCode(200);
            case "ESCALATED" -> asCommunicatie().contentType(ContentType.JSON)
                    .body(Map.of("unit", TestData.createUnit("Lia Leiding", "leiding." + System.nanoTime() + "@sgl-zorg.nl"),
                            "reason", "Om de tabel te testen"))
                    .post("/api/tickets/{reference}/escalations", reference).then().statusCode(201);
            default -> throw new IllegalArgumentException("cannot reach " + status + " through the API");
        }
    }

    public static Response merge(String reference, String into) {
        return asCommunicatie().contentType(ContentType.JSON).body(Map.of("into", into))
                .post("/api/tickets/{reference}/merge", reference);
    }

    public static Response unmerge(String reference) {
        return asCommunicatie().delete("/api/tickets/{reference}/merge", reference);
    }

    public static Response reporterMessage(Filed filed, String text) {
        return given().header(TOKEN_HEADER, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .post("/api/signals/{reference}/messages", filed.reference());
    }
}
