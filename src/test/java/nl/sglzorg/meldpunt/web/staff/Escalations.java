package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Mailbox;

/** Escalations for the desk's tests: a ticket put before a manager, and the e-mail the manager gets. */
final class Escalations {

    static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+(/beheer/bevestigen\\?t=[0-9A-Za-z._-]+)");

    private Escalations() {
    }

    /** A manager address nobody has an account for, and a unit it manages. */
    static String unitManagedBy(String managerEmail) {
        return TestData.createUnit("Lia Leiding", managerEmail);
    }

    static String uniqueEmail(String prefix) {
        return TestData.unique(prefix).toLowerCase() + "@sgl-zorg.nl";
    }

    /** A mention filed through the API; its reference. */
    static String fileMention() {
        return given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER")).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
    }

    /** Communicatie escalates the ticket by hand to a unit's manager; the escalation's id. */
    static long escalate(String reference, String unit, String reason) {
        return ((Number) TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("unit", unit, "reason", reason))
                .post("/api/tickets/{reference}/escalations", reference)
                .then().statusCode(201).extract().path("id")).longValue();
    }

    /** The escalation as the API shows it to communicatie. */
    static Map<String, Object> escalation(String reference, long id) {
        return TestData.asCommunicatie().get("/api/tickets/{reference}/escalations/{id}", reference, id)
                .then().statusCode(200).extract().path("");
    }

    /** The ticket's history entries of this type. */
    static List<Map<String, Object>> events(String reference, String type) {
        List<Map<String, Object>> events = TestData.asCommunicatie().get("/api/tickets/{reference}/events", reference)
                .then().statusCode(200).extract().path("");
        return events.stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    /** Waits for the escalation e-mail to {@code address} about {@code reference}. */
    static MimeMessage awaitEscalationMail(String address, String reference) {
        return Mailbox.await(Mailbox.to(address).and(Mailbox.subjectIs("[Meldpunt] Escalatie: " + reference)), 1,
                Duration.ofSeconds(20)).get(0);
    }

    /** The path and query of the acknowledge link in a text. */
    static String linkIn(String text) {
        Matcher matcher = LINK.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no acknowledge link in:\n" + text);
        }
        return matcher.group(1);
    }
}
