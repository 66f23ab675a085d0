package nl.sglzorg.meldpunt.web.staff;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Tickets;
import org.junit.jupiter.api.Test;

/**
 * {@code /beheer/melden} ("Melding aannemen"): a staff member files a signal taken by phone or in
 * person; errors next to the field with what was typed kept; post/redirect/get to a confirmation that
 * shows the tracking code once; the channel on the desk's ticket page and in the queue.
 */
@QuarkusTest
class TakeSignalPageTest {

    private static final Pattern TOKEN = Pattern.compile("<p class=\"token\" id=\"token\">([^<]+)</p>");
    private static final Pattern SUBMISSION = Pattern.compile("name=\"submission\" value=\"([^\"]+)\"");

    @Test
    void shouldSendTheCodeCookieOnlyOverHttpsWhenTheTrustedProxySaysHttps() {
        Desk desk = Desk.signIn(TestData.createUser(List.of("communicatie"), null, null));
        Response filed = desk.post().header("X-Forwarded-Proto", "https").formParam("channel", "PHONE")
                .formParam("category", "MENTION").formParam("platform", "FACEBOOK").formParam("topic", "GENERAL")
                .formParam("description", "Een beller zag een bericht over SGL, kenmerk " + Tickets.uniqueWord() + ".")
                .post("/beheer/melden");
        assertEquals(303, filed.statusCode(), filed.asString());
        // It carries the reporter's tracking code: never over plain HTTP once the browser used HTTPS.
        assertTrue(filed.getDetailedCookie(TakeSignalPage.CODE_COOKIE).isSecured(), filed.headers().toString());
    }

    @Test
    void shouldTakeAPhoneSignalAndShowTheCodeOnce() {
        Desk desk = Desk.signIn(TestData.createUser(List.of("communicatie"), null, null));
        String word = Tickets.uniqueWord();
        Response filed = desk.post().formParam("channel", "PHONE").formParam("category", "MENTION")
                .formParam("platform", "FACEBOOK").formParam("topic", "GENERAL")
                .formParam("description", "Een beller zag een bericht over SGL, kenmerk " + word + ".")
                .post("/beheer/melden");
        assertEquals(303, filed.statusCode(), filed.asString());
        String confirmation = filed.header("Location");
        assertTrue(confirmation.matches(".*/beheer/melden/SGL-\\d{4}-\\d+"), confirmation);
        String reference = confirmation.substring(confirmation.lastIndexOf('/') + 1);
        String cookie = filed.getCookie(TakeSignalPage.CODE_COOKIE);
        assertNotNull(cookie, "the code travels to the confirmation in a cookie, not in the address");
        assertFalse(filed.getDetailedCookie(TakeSignalPage.CODE_COOKIE).isSecured(), "plain HTTP in the tests");

        String page = desk.get().cookie(TakeSignalPage.CODE_COOKIE, cookie).get(confirmation)
                .then().statusCode(200).header("Cache-Control", "no-store").extract().asString();
        assertTrue(page.contains(reference));
        assertTrue(page.contains("Communicatie") || page.contains("communicatie"), "the routing: who handles it");
        Matcher code = TOKEN.matcher(page);
        assertTrue(code.find(), "the code to read out");
        // The code works for the reporter.
        io.restassured.RestAssured.given().header(Tickets.TOKEN_HEADER, code.group(1))
                .get("/api/signals/{reference}", reference).then().statusCode(200);
        // Shown once: without the cookie (cleared by the first answer) it is not shown again.
        String again = desk.get().get(confirmation).then().statusCode(200).extract().asString();
        assertFalse(TOKEN.matcher(again).find());
        assertTrue(again.contains("al getoond"));

        JsonPath detail = Tickets.detail(reference);
        assertEquals("PHONE", detail.getString("channel"));
        String ticketPage = desk.get().get("/beheer/meldingen/" + reference).then().statusCode(200).extract().asString();
        assertTrue(ticketPage.contains("Telefoon, aangenomen door " + detail.getString("filedBy")), ticketPage);
        String queue = desk.get().get("/beheer/wachtrij?q=" + word + "&channel=PHONE").then().statusCode(200)
                .extract().asString();
        assertTrue(queue.contains(reference) && queue.contains("<td>Telefoon</td>"), queue);
    }

    @Test
    void shouldFileOneSignalWhenTheSameFormIsSentTwice() {
        // A double click: the browser shows only the second answer, which must lead to the one signal
        // filed and still carry its code, or nobody ever sees that code.
        Desk desk = Desk.signIn(TestData.createUser(List.of("communicatie"), null, null));
        String form = desk.get().get("/beheer/melden").then().statusCode(200).extract().asString();
        Matcher key = SUBMISSION.matcher(form);
        assertTrue(key.find(), "the form's one-time key");
        String word = Tickets.uniqueWord();
        Response first = takeWithKey(desk, key.group(1), word);
        Response second = takeWithKey(desk, key.group(1), word);

        assertEquals(303, first.statusCode(), first.asString());
        assertEquals(303, second.statusCode(), second.asString());
        assertEquals(first.header("Location"), second.header("Location"));
        assertNotNull(second.getCookie(TakeSignalPage.CODE_COOKIE));
        assertEquals(first.getCookie(TakeSignalPage.CODE_COOKIE), second.getCookie(TakeSignalPage.CODE_COOKIE));
        assertEquals(1, TestData.asCommunicatie().queryParam("q", word).get("/api/tickets").then().statusCode(200)
                .extract().jsonPath().getInt("total"), "one signal filed");

        // A new form is a new signal.
        String next = desk.get().get("/beheer/melden").then().statusCode(200).extract().asString();
        Matcher nextKey = SUBMISSION.matcher(next);
        assertTrue(nextKey.find());
        assertFalse(nextKey.group(1).equals(key.group(1)), "every form has a key of its own");
    }

    @Test
    void shouldSayTheWaitOverTheLimitInWholeMinutesRoundedUp() {
        assertEquals("1 minuut", TakeSignalPage.minutes(1));
        assertEquals("1 minuut", TakeSignalPage.minutes(60));
        assertEquals("2 minuten", TakeSignalPage.minutes(61));
        assertEquals("2 minuten", TakeSignalPage.minutes(119));
        assertEquals("60 minuten", TakeSignalPage.minutes(3600));
    }

    private static Response takeWithKey(Desk desk, String key, String word) {
        return desk.post().formParam("submission", key).formParam("channel", "PHONE").formParam("category", "MENTION")
                .formParam("platform", "FACEBOOK").formParam("topic", "GENERAL")
                .formParam("description", "Een beller zag een bericht over SGL, kenmerk " + word + ".")
                .post("/beheer/melden");
    }

    @Test
    void shouldKeepWhatWasTypedAndNameEveryMistake() {
        Desk desk = Desk.asCommunicatie();
        String word = Tickets.uniqueWord();
        String page = desk.post().formParam("category", "MENTION").formParam("description", "kort " + word)
                .formParam("reporter.email", "geen-adres").post("/beheer/melden")
                .then().statusCode(400).extract().asString();
        assertTrue(page.contains("href=\"#channel-PHONE\""), "the channel in the summary");
        assertTrue(page.contains("Kies hoe de melding binnenkwam"), page);
        assertTrue(page.contains("href=\"#platform-TWITTER\""));
        assertTrue(page.contains("href=\"#reporter-email\""));
        assertTrue(page.contains("kort " + word), "the description as typed");
        assertTrue(page.contains("value=\"geen-adres\""), "the address as typed");
        assertTrue(page.contains("value=\"MENTION\" checked"), "the category as picked");
        assertEquals(0, TestData.asCommunicatie().queryParam("q", word).get("/api/tickets").then().statusCode(200)
                .extract().jsonPath().getInt("total"), "nothing filed");

        String web = desk.post().formParam("channel", "WEB").formParam("category", "MENTION")
                .formParam("platform", "FACEBOOK").formParam("description", "Een lange genoeg beschrijving " + word)
                .post("/beheer/melden").then().statusCode(400).extract().asString();
        assertTrue(web.contains("Kies telefoon of persoonlijk."));
    }

    @Test
    void shouldMailTheCodeInsteadOfShowingItWhenTheReporterWantsUpdates() {
        Desk desk = Desk.asCommunicatie();
        String word = Tickets.uniqueWord();
        Response filed = desk.post().formParam("channel", "IN_PERSON").formParam("category", "MENTION")
                .formParam("platform", "INSTAGRAM").formParam("description", "Verteld bij de balie, kenmerk " + word)
                .formParam("reporter.email", "balie-" + word + "@example.org").formParam("wantsUpdates", "true")
                .post("/beheer/melden");
        assertEquals(303, filed.statusCode(), filed.asString());
        assertEquals(null, filed.getCookie(TakeSignalPage.CODE_COOKIE));
        desk.get().get(filed.header("Location")).then().statusCode(200)
                .body(containsString("per e-mail")).body(not(containsString("id=\"token\"")))
                .body(containsString("persoonlijk"));
    }

    @Test
    void shouldAskForSignInAndCsrfAndShowNobodyElsesConfirmation() {
        TestData.api().redirects().follow(false).get("/beheer/melden").then().statusCode(303)
                .header("Location", containsString(Desk.SIGN_IN));
        Desk desk = Desk.asCommunicatie();
        desk.get().contentType("application/x-www-form-urlencoded").formParam("channel", "PHONE")
                .post("/beheer/melden").then().statusCode(400);
        // A reporter's own signal, or one another staff member took, has no confirmation here.
        String own = Tickets.file().reference();
        desk.get().get("/beheer/melden/" + own).then().statusCode(404);
        desk.get().get("/beheer/melden").then().statusCode(200).body(containsString("aria-current=\"page\">Melding aannemen"));
    }
}
