package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.escalation.AcknowledgeLinks;
import nl.sglzorg.meldpunt.escalation.EscalationService;
import nl.sglzorg.meldpunt.escalation.SlaWatcher;
import nl.sglzorg.meldpunt.ticket.Escalation;
import nl.sglzorg.meldpunt.web.PageForms;
import org.junit.jupiter.api.Test;

/**
 * The one-click acknowledge link, end to end: an escalation raised through the API, the e-mail the
 * manager (who has no account) receives from the real SMTP server, the page the link opens, its
 * button; and "Mijn escalaties" for a signed-in leidinggevende.
 */
@QuarkusTest
class AcknowledgeLinkTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @Inject
    SlaWatcher watcher;

    /** An escalation service whose every acknowledgement loses a race on the escalation's version. */
    static class RacedEscalations extends EscalationService {
        @Override
        public Escalation acknowledge(String reference, long id) {
            throw new OptimisticLockException("changed meanwhile");
        }
    }

    @Test
    void shouldAnswerAnAcknowledgementOnTheDeskThatLostARaceWithAPage() {
        Desk desk = Desk.asCommunicatie();
        QuarkusMock.installMockForType(new RacedEscalations(), EscalationService.class);
        // A page that says so, and what to do, not the API's JSON (until session 38).
        desk.post().formParam("reference", "SGL-2026-000001").post("/beheer/escalaties/1/bevestigen").then()
                .statusCode(409).contentType(containsString("text/html"))
                .body(containsString("<h1>Iemand anders was je net voor</h1>"));
    }

    @Test
    void shouldAcknowledgeFromTheEmailWithoutAnAccountOnceAndOnlyByTheButton() {
        String manager = Escalations.uniqueEmail("leiding");
        String reference = Escalations.fileMention();
        long id = Escalations.escalate(reference, Escalations.unitManagedBy(manager), "Loopt uit de hand");

        MimeMessage mail = Escalations.awaitEscalationMail(manager, reference);
        String text = Mailbox.part(mail, "text/plain");
        String html = Mailbox.part(mail, "text/html");
        assertFalse(text.contains("/api/"), text);
        assertFalse(html.contains("/api/"), html);
        assertTrue(text.contains("/beheer/meldingen/" + reference), text);
        assertFalse(text.contains("POST"), text);
        String link = Escalations.linkIn(text);
        assertEquals(link, Escalations.linkIn(html.replace("&amp;", "&")));
        assertTrue(link.startsWith("/beheer/bevestigen?t=" + id + "."), link);

        // Opening the link (as a mail scanner does, twice) shows the escalation and acknowledges nothing.
        given().get(link).then().statusCode(200)
                .body(containsString("Escalatie bevestigen"), containsString(reference),
                        containsString("Loopt uit de hand"), containsString("Ik pak deze escalatie op"),
                        not(containsString("Er wordt op sociale media over SGL geschreven.")));
        PageForms page = PageForms.open(link);
        assertNull(Escalations.escalation(reference, id).get("acknowledgedAt"));

        // A POST without the page's CSRF token does nothing either.
        given().contentType("application/x-www-form-urlencoded").formParam("t", token(link))
                .redirects().follow(false).post("/beheer/bevestigen").then().statusCode(400);
        assertNull(Escalations.escalation(reference, id).get("acknowledgedAt"));

        Response confirmed = page.post().formParam("t", token(link)).post("/beheer/bevestigen");
        assertEquals(303, confirmed.statusCode(), confirmed.asString());
        String done = confirmed.header("Location");
        assertTrue(done.contains("/beheer/bevestigen/klaar?t="), done);
        given().get(done).then().statusCode(200)
                .body(containsString("Escalatie bevestigd"), containsString(manager));

        Map<String, Object> acknowledged = Escalations.escalation(reference, id);
        assertEquals(manager, acknowledged.get("acknowledgedBy"));
        List<Map<String, Object>> history = Escalations.events(reference, "ESCALATION_ACKNOWLEDGED");
        assertEquals(1, history.size());
        assertEquals(manager, history.get(0).get("actor"));

        // The same link again: already used, by GET and by POST; nothing more recorded.
        given().get(link).then().statusCode(409)
                .body(containsString("Deze escalatie is al bevestigd (op "), not(containsString("Ik pak deze")));
        page.post().formParam("t", token(link)).post("/beheer/bevestigen").then().statusCode(409)
                .body(containsString("Deze escalatie is al bevestigd (op "));
        assertEquals(1, Escalations.events(reference, "ESCALATION_ACKNOWLEDGED").size());

        // The chain stopped: past the deadline the watcher takes no next step for it.
        Instant deadline = Instant.parse((String) acknowledged.get("acknowledgeBy"));
        try {
            TestClock.INSTANCE.setNow(deadline.plusSeconds(1));
            watcher.runOnce();
        } finally {
            TestClock.INSTANCE.reset();
        }
        assertFalse(nextLevelFired(id), "no next level after an acknowledgement by link");
    }

    @Test
    void shouldRefuseAlteredForgedAndOtherEscalationsLinks() {
        String manager = Escalations.uniqueEmail("leiding");
        String unit = Escalations.unitManagedBy(manager);
        String first = Escalations.fileMention();
        long firstId = Escalations.escalate(first, unit, "Eerste");
        String second = Escalations.fileMention();
        long secondId = Escalations.escalate(second, unit, "Tweede");
        String link = Escalations.linkIn(Mailbox.part(Escalations.awaitEscalationMail(manager, first), "text/plain"));
        String token = token(link);
        String[] parts = token.split("\\.");
        char last = token.charAt(token.length() - 2);

        List<String> wrong = List.of(
                secondId + "." + parts[1] + "." + parts[2],
                parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2],
                token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1),
                "999999999." + parts[1] + "." + parts[2],
                "niets", "");
        PageForms page = PageForms.open(link);
        for (String forged : wrong) {
            given().queryParam("t", forged).get("/beheer/bevestigen").then().statusCode(404)
                    .body(containsString("Deze link klopt niet"), not(containsString(first)));
            page.post().formParam("t", forged).post("/beheer/bevestigen").then().statusCode(404)
                    .body(containsString("Deze link klopt niet"));
        }
        given().get("/beheer/bevestigen").then().statusCode(404).body(containsString("Deze link klopt niet"));
        assertNull(Escalations.escalation(first, firstId).get("acknowledgedAt"));
        assertNull(Escalations.escalation(second, secondId).get("acknowledgedAt"));
    }

    @Test
    void shouldSayALinkExpiredOnceItsDeadlinePassed() {
        String manager = Escalations.uniqueEmail("leiding");
        String reference = Escalations.fileMention();
        long id = Escalations.escalate(reference, Escalations.unitManagedBy(manager), "Te laat");
        String link = Escalations.linkIn(Mailbox.part(Escalations.awaitEscalationMail(manager, reference), "text/plain"));
        PageForms page = PageForms.open(link);
        Instant deadline = Instant.parse((String) Escalations.escalation(reference, id).get("acknowledgeBy"));
        try {
            TestClock.INSTANCE.setNow(deadline.plusSeconds(1));
            given().get(link).then().statusCode(410)
                    .body(containsString("Deze link is verlopen"), containsString("Mijn escalaties"),
                            containsString("nieuws@sgl-zorg.nl"));
            page.post().formParam("t", token(link)).post("/beheer/bevestigen").then().statusCode(410)
                    .body(containsString("Deze link is verlopen"));
            watcher.runOnce();
        } finally {
            TestClock.INSTANCE.reset();
        }
        assertNull(Escalations.escalation(reference, id).get("acknowledgedAt"));
        assertTrue(nextLevelFired(id), "not acknowledged in time: the watcher took the next step");
    }

    @Test
    void shouldAcknowledgeOnceWhenTwoClicksRace() {
        String manager = Escalations.uniqueEmail("leiding");
        String reference = Escalations.fileMention();
        Escalations.escalate(reference, Escalations.unitManagedBy(manager), "Twee klikken");
        String link = Escalations.linkIn(Mailbox.part(Escalations.awaitEscalationMail(manager, reference), "text/plain"));
        PageForms page = PageForms.open(link);

        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(
                () -> page.post().formParam("t", token(link)).post("/beheer/bevestigen").statusCode());
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(
                () -> page.post().formParam("t", token(link)).post("/beheer/bevestigen").statusCode());

        assertEquals(List.of(303, 409), List.of(one.join(), two.join()).stream().sorted().toList());
        assertEquals(1, Escalations.events(reference, "ESCALATION_ACKNOWLEDGED").size());
    }

    @Test
    void shouldSignWithTheKeyKeptInTheDatabaseSoEveryInstanceAndARestartAgree() {
        // Without meldpunt.desk.link-key the key is the one row of acknowledge_link_key: an instance
        // that starts later, or again, reads that row and makes and accepts the very same links.
        String manager = Escalations.uniqueEmail("leiding");
        String reference = Escalations.fileMention();
        long id = Escalations.escalate(reference, Escalations.unitManagedBy(manager), "Herstart");
        String link = Escalations.linkIn(Mailbox.part(Escalations.awaitEscalationMail(manager, reference), "text/plain"));
        Instant deadline = Instant.parse((String) Escalations.escalation(reference, id).get("acknowledgeBy"));

        List<Object> keys = QuarkusTransaction.requiringNew()
                .call(() -> Sql.column("SELECT secret FROM acknowledge_link_key"));
        assertEquals(1, keys.size());
        byte[] stored = HexFormat.of().parseHex((String) keys.get(0));
        assertEquals(token(link), AcknowledgeLinks.token(stored, id, manager, deadline));
        given().get(link).then().statusCode(200);
    }

    @Test
    void shouldListMyEscalationsAndAcknowledgeThemByTheNormalRules() {
        String manager = Escalations.uniqueEmail("leiding");
        String unit = Escalations.unitManagedBy(manager);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
        String otherManager = TestData.createUser(List.of("leidinggevende"), null,
                Escalations.unitManagedBy(Escalations.uniqueEmail("ander")));
        String reference = Escalations.fileMention();
        long id = Escalations.escalate(reference, unit, "Graag oppakken");

        Response mine = signedIn(leidinggevende).get("/beheer/escalaties");
        mine.then().statusCode(200)
                .body(containsString("Mijn escalaties"), containsString("href=\"/beheer/meldingen/" + reference + "\""),
                        containsString("Graag oppakken"), containsString("id=\"acknowledge-" + id + "\""));
        signedIn(otherManager).get("/beheer/escalaties").then().statusCode(200)
                .body(not(containsString(reference)));
        given().auth().preemptive().basic(TestData.ADMIN, TestData.ADMIN_PASSWORD).get("/beheer/escalaties")
                .then().statusCode(200).body(containsString("Melding " + reference));
        // Nobody signed in: to the sign-in page, and back here afterwards.
        given().redirects().follow(false).get("/beheer/escalaties").then().statusCode(303)
                .header("Location", containsString("/beheer/inloggen?terug=%2Fbeheer%2Fescalaties"));

        String cookie = mine.cookie(PageForms.COOKIE);
        String csrf = PageForms.hidden(mine.asString(), CSRF);
        // Another unit's manager has no business with it: refused in words, nothing recorded.
        Response theirs = signedIn(otherManager).cookie(PageForms.COOKIE, cookie).formParam("csrf-token", csrf)
                .formParam("reference", reference).post("/beheer/escalaties/{id}/bevestigen", id);
        assertEquals(404, theirs.statusCode(), theirs.asString());
        assertTrue(theirs.asString().contains("Er is iets niet goed"), theirs.asString());

        Response acknowledged = signedIn(leidinggevende).cookie(PageForms.COOKIE, cookie).formParam("csrf-token", csrf)
                .formParam("reference", reference).post("/beheer/escalaties/{id}/bevestigen", id);
        assertEquals(303, acknowledged.statusCode(), acknowledged.asString());
        assertTrue(acknowledged.header("Location").endsWith("/beheer/escalaties?bevestigd=" + id));
        signedIn(leidinggevende).get("/beheer/escalaties?bevestigd=" + id).then().statusCode(200)
                .body(containsString("Je hebt de escalatie van melding " + reference + " bevestigd."),
                        containsString("door " + leidinggevende), not(containsString("id=\"acknowledge-" + id + "\"")));
        assertEquals(leidinggevende, Escalations.escalation(reference, id).get("acknowledgedBy"));

        signedIn(leidinggevende).cookie(PageForms.COOKIE, cookie).formParam("csrf-token", csrf)
                .formParam("reference", reference).post("/beheer/escalaties/{id}/bevestigen", id)
                .then().statusCode(409).body(containsString("Deze escalatie is al bevestigd"),
                        containsString("href=\"#escalation-" + id + "\""),
                        containsString("<span class=\"error-prefix\">Fout:</span> Deze escalatie is al bevestigd"));
        assertEquals(1, Escalations.events(reference, "ESCALATION_ACKNOWLEDGED").size());
    }

    private static io.restassured.specification.RequestSpecification signedIn(String username) {
        return given().auth().preemptive().basic(username, TestData.STAFF_PASSWORD)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").redirects().follow(false);
    }

    private static boolean nextLevelFired(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Escalation.<Escalation>findById(id).nextLevelFired);
    }

    private static String token(String link) {
        return link.substring(link.indexOf("?t=") + 3);
    }
}
