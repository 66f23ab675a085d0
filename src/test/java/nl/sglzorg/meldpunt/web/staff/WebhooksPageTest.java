package nl.sglzorg.meldpunt.web.staff;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.webhook.DeliveryStatus;
import nl.sglzorg.meldpunt.webhook.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /beheer/webhooks} as a browser without JavaScript uses it: forms, redirects, what the page says. */
@QuarkusTest
class WebhooksPageTest {

    private static final String PAGE = "/beheer/webhooks";
    private static final String URL = "https://203.0.113.10/meldpunt";

    @AfterEach
    void cleanUp() {
        WebhookReceiver.removeAll();
    }

    @Test
    void shouldAddAWebhookShowItsSecretOnceAndListIt() {
        Desk desk = Desk.asCommunicatie();
        desk.get().get(PAGE).then().statusCode(200).body(containsString("Er zijn nog geen webhooks."))
                .body(containsString("href=\"/beheer/webhooks\" aria-current=\"page\""));

        Response added = desk.post().formParam("url", URL).formParam("events", "ticket.filed")
                .formParam("events", "ticket.escalated").formParam("format", "TEAMS").formParam("enabled", "true")
                .post(PAGE);
        added.then().statusCode(200).body(containsString("Webhook toegevoegd"));
        Matcher secret = Pattern.compile("id=\"secret\">(whsec_[^<]+)<").matcher(added.asString());
        assertTrue(secret.find(), added.asString());

        String list = desk.get().get(PAGE).then().statusCode(200).extract().asString();
        assertTrue(list.contains(URL), list);
        assertTrue(list.contains("Nieuw signaal, Geëscaleerd"), list);
        assertTrue(list.contains("Microsoft Teams"), list);
        assertTrue(list.contains("Nog niets verstuurd"), list);
        assertFalse(list.contains(secret.group(1)), "the secret is shown once");

        // Switched off and removed through the buttons, each answered with a redirect to the list.
        int id = TestData.asCommunicatie().get("/api/webhooks").then().extract().path("[0].id");
        desk.post().formParam("enabled", "false").post(PAGE + "/" + id + "/aan-uit").then().statusCode(303);
        assertEquals(false, TestData.asCommunicatie().get("/api/webhooks/{id}", id).path("enabled"));
        desk.post().post(PAGE + "/" + id + "/verwijderen").then().statusCode(303);
        TestData.asCommunicatie().get("/api/webhooks/{id}", id).then().statusCode(404);
    }

    @Test
    void shouldAddTheWebhookOnceWhenItsFormIsSentAgain() {
        // The answer is the page with the secret, not a redirect: a reload sends the form again.
        Desk desk = Desk.asCommunicatie();
        Matcher key = Pattern.compile("name=\"submission\" value=\"([^\"]+)\"")
                .matcher(desk.get().get(PAGE).then().statusCode(200).extract().asString());
        assertTrue(key.find(), "the form's one-time key");
        Response added = desk.post().formParam("submission", key.group(1)).formParam("url", URL)
                .formParam("events", "ticket.filed").formParam("format", "STANDARD").post(PAGE);
        added.then().statusCode(200).body(containsString("Webhook toegevoegd"));

        Response again = desk.post().formParam("submission", key.group(1)).formParam("url", URL)
                .formParam("events", "ticket.filed").formParam("format", "STANDARD").post(PAGE);
        assertEquals(303, again.statusCode(), again.asString());
        assertEquals(1, TestData.asCommunicatie().get("/api/webhooks").then().statusCode(200).extract()
                .jsonPath().getList("$").size(), "one webhook");
        desk.get().get(again.header("Location")).then().statusCode(200)
                .body(containsString("Dit formulier was al verstuurd: de webhook is één keer toegevoegd."));
    }

    @Test
    void shouldLetAFormThatWasRefusedBeSentAgainOnceMended() {
        Desk desk = Desk.asCommunicatie();
        Matcher key = Pattern.compile("name=\"submission\" value=\"([^\"]+)\"")
                .matcher(desk.get().get(PAGE).then().statusCode(200).extract().asString());
        assertTrue(key.find());
        desk.post().formParam("submission", key.group(1)).formParam("url", "geen adres")
                .formParam("events", "ticket.filed").formParam("format", "STANDARD").post(PAGE).then().statusCode(400);
        desk.post().formParam("submission", key.group(1)).formParam("url", URL)
                .formParam("events", "ticket.filed").formParam("format", "STANDARD").post(PAGE).then().statusCode(200)
                .body(containsString("Webhook toegevoegd"));
    }

    @Test
    void shouldKeepWhatWasTypedAndSayWhatIsWrongNextToTheField() {
        Desk desk = Desk.asCommunicatie();
        List<?> before = TestData.asCommunicatie().get("/api/webhooks").then().extract().path("");
        String page = desk.post().formParam("url", "http://203.0.113.10/meldpunt").formParam("format", "STANDARD")
                .post(PAGE).then().statusCode(400).extract().asString();
        assertTrue(page.contains("id=\"url-error\""), page);
        assertTrue(page.contains("moet met https:// beginnen"), page);
        assertTrue(page.contains("id=\"events-error\""), page);
        assertTrue(page.contains("value=\"http://203.0.113.10/meldpunt\""), "what was typed is kept");
        assertTrue(page.contains("class=\"error-summary\""), page);
        // Nothing registered by the refused form (other test classes may have registered webhooks before).
        assertEquals(before, TestData.asCommunicatie().get("/api/webhooks").then().extract().path(""));
    }

    @Test
    void shouldShowAParkedDeliveryAndSendItAgainOnceItsWebhookIsOn() {
        Desk desk = Desk.asCommunicatie();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int id = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), null).then().statusCode(201)
                    .extract().path("id");
            desk.post().formParam("enabled", "false").post(PAGE + "/" + id + "/aan-uit").then().statusCode(303);
            long parked = WebhookReceiver.delivery(id, "SGL-2026-123456", DeliveryStatus.FAILED);

            String page = desk.get().get(PAGE).then().statusCode(200).extract().asString();
            assertTrue(page.contains("Mislukte berichten"), page);
            assertTrue(page.contains("HTTP 503"), page);
            assertTrue(page.contains("1 mislukt"), page);
            // Nothing is sent to a webhook that is off, so no button offers to send it again.
            assertFalse(page.contains("id=\"retry-" + parked + "\""), page);
            assertTrue(page.contains("id=\"off-" + parked + "\">De webhook staat uit. Zet hem eerst aan"), page);

            // A retry posted anyway (an old page) is refused, and the delivery stays parked.
            desk.post().post(PAGE + "/" + id + "/afleveringen/" + parked + "/opnieuw").then().statusCode(303)
                    .header("Location", containsString("fout=" + parked));
            desk.get().get(PAGE + "?fout=" + parked).then().statusCode(200)
                    .body(containsString("of de webhook staat uit"))
                    .body(containsString("id=\"off-" + parked + "\""));

            desk.post().formParam("enabled", "true").post(PAGE + "/" + id + "/aan-uit").then().statusCode(303);
            desk.get().get(PAGE).then().statusCode(200).body(containsString("id=\"retry-" + parked + "\""))
                    .body(not(containsString("id=\"off-" + parked + "\"")));
            desk.post().post(PAGE + "/" + id + "/afleveringen/" + parked + "/opnieuw").then().statusCode(303)
                    .header("Location", containsString("opnieuw=" + parked));
            desk.get().get(PAGE + "?opnieuw=" + parked).then().statusCode(200)
                    .body(containsString("staat klaar om opnieuw te worden verstuurd"))
                    .body(not(containsString("id=\"retry-" + parked + "\"")));
            // Once more: it is no longer parked, and nothing is sent twice.
            desk.post().post(PAGE + "/" + id + "/afleveringen/" + parked + "/opnieuw").then().statusCode(303)
                    .header("Location", containsString("fout="));
        }
    }

    @Test
    void shouldBeForCommunicatieOnly() {
        Desk functionaris = Desk.signIn(TestData.createUser(List.of("functionaris"), "CARE_BROKER", null));
        List<?> before = TestData.asCommunicatie().get("/api/webhooks").then().extract().path("");
        functionaris.get().get(PAGE).then().statusCode(403);
        functionaris.post().formParam("url", URL).formParam("events", "ticket.filed").formParam("format", "STANDARD")
                .post(PAGE).then().statusCode(403);
        functionaris.get().get("/beheer/wachtrij").then().statusCode(200)
                .body(not(containsString("href=\"/beheer/webhooks\"")));
        // Nothing registered by the refused form (other test classes may have registered webhooks before).
        assertEquals(before, TestData.asCommunicatie().get("/api/webhooks").then().extract().path(""));
    }
}
