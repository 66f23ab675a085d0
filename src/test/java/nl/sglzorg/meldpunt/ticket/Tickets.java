package nl.sglzorg.meldpunt.ticket;

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

/**
 * Steps the ticket tests share, all through the HTTP API: file a signal, read it as staff or as the
 * reporter, move it along the lifecycle. Every ticket is made fresh by the test that uses it.
 */
final class Tickets {

    static final String TOKEN_HEADER = "X-Tracking-Token";

    /** A filed signal: what the reporter keeps. */
    record Filed(String reference, String token, Response receipt) {
    }

    private Tickets() {
    }

    /** A word no other ticket in the shared database contains, to find a test's own tickets with {@code q}. */
    static String uniqueWord() {
        // Fixed length and random, so one word is never part of another (q matches substrings).
        return "zw" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    /** A mention on Twitter (routed to communicatie) whose description carries {@code word}. */
    static Map<String, Object> signal(String word) {
        return signal("MENTION", "TWITTER", word);
    }

    static Map<String, Object> signal(String category, String platform, String word) {
        Map<String, Object> signal = new HashMap<>(TestData.signal(category, platform));
        signal.put("description", "Er wordt over SGL geschreven, kenmerk " + word + ".");
        return signal;
    }

    static Filed file(Map<String, Object> signal) {
        Response receipt = given().contentType(ContentType.JSON).body(signal)
                .post("/api/signals")
                .then().statusCode(201)
                .extract().response();
        return new Filed(receipt.path("reference"), receipt.path("trackingToken"), receipt);
    }

    static Filed file() {
        return file(signal(uniqueWord()));
    }

    /** The staff detail, as communicatie sees it. */
    static JsonPath detail(String reference) {
        return asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    static String status(String reference) {
        return detail(reference).getString("status");
    }

    static long version(String reference) {
        return detail(reference).getLong("version");
    }

    /** Events the outbox dispatcher and the deadline watcher append on their own schedule. */
    static final Set<String> BACKGROUND_EVENTS = Set.of("EMAIL_SENT", "EMAIL_FAILED", "DEADLINE_WARNING",
            "DEADLINE_BREACHED");

    /** The history as requests wrote it, without what background jobs may append meanwhile. */
    static List<Map<String, Object>> history(String reference) {
        return withoutBackground(events(reference));
    }

    static List<Map<String, Object>> withoutBackground(List<Map<String, Object>> events) {
        return events.stream().filter(e -> !BACKGROUND_EVENTS.contains(e.get("type"))).toList();
    }

    static List<Map<String, Object>> events(String reference) {
        return asCommunicatie().get("/api/tickets/{reference}/events", reference)
                .then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** What the reporter sees, as raw text and as JSON. */
    static Response track(Filed filed) {
        return given().header(TOKEN_HEADER, filed.token())
                .get("/api/signals/{reference}", filed.reference())
                .then().statusCode(200)
                .extract().response();
    }

    static Response transition(String reference, String status, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        if (message != null) {
            body.put("message", message);
        }
        return asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/transitions", reference);
    }

    /** Moves a ticket by an allowed transition; fails the test if the API refuses. */
    static void move(String reference, String status) {
        boolean needsMessage = List.of("RESOLVED", "REJECTED", "WAITING").contains(status);
        transition(reference, status, needsMessage ? "Reden voor " + status : null)
                .then().statusCode(200);
    }

    /**
     * Brings a fresh ({@code NEW}) ticket to {@code status} by allowed steps. {@code MERGED} is reached
     * by merging into another fresh ticket, {@code ESCALATED} by escalating to a manager.
     */
    static void bringTo(String reference, String status) {
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

    static Response merge(String reference, String into) {
        return asCommunicatie().contentType(ContentType.JSON).body(Map.of("into", into))
                .post("/api/tickets/{reference}/merge", reference);
    }

    static Response unmerge(String reference) {
        return asCommunicatie().delete("/api/tickets/{reference}/merge", reference);
    }

    static Response reporterMessage(Filed filed, String text) {
        return given().header(TOKEN_HEADER, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", text))
                .post("/api/signals/{reference}/messages", filed.reference());
    }
}
