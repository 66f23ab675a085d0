package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.TestData;
import org.awaitility.Awaitility;

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
        return Awaitility.await("the escalation e-mail").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> mails(address, "[Meldpunt] Escalatie: " + reference), found -> !found.isEmpty()).get(0);
    }

    static List<MimeMessage> mails(String address, String subject) {
        return Arrays.stream(MailServerResource.smtp().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().equals(subject) && Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** The path and query of the acknowledge link in a text. */
    static String linkIn(String text) {
        Matcher matcher = LINK.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no acknowledge link in:\n" + text);
        }
        return matcher.group(1);
    }

    /** The body part of the given type ({@code text/plain} or {@code text/html}). */
    static String part(MimeMessage message, String type) {
        try {
            return find((Multipart) message.getContent(), type);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Multipart multipart, String type) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
