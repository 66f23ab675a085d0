package nl.sglzorg.meldpunt.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.SlowUploads;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.common.web.BusyException;
import nl.sglzorg.meldpunt.evidence.EvidenceService;
import nl.sglzorg.meldpunt.support.Tickets;
import nl.sglzorg.meldpunt.web.PageForms.Receipt;
import org.junit.jupiter.api.Test;

/** The reporter pages over plain HTTP: CSRF, errors next to their fields, the tracking code kept out of addresses. */
@QuarkusTest
class ReporterPagesTest {

    private static final Pattern REFERENCE = PageForms.REFERENCE;
    private static final Pattern CODE = PageForms.CODE;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldServeTheHomePageWithAStrictPolicyAndTheTwoWaysOn() {
        Response home = given().get("/");
        home.then().statusCode(200).contentType(containsString("text/html"));
        String html = home.asString();
        assertTrue(html.contains("<html lang=\"nl\">"), html);
        assertTrue(html.contains("href=\"/melden\"") && html.contains("href=\"/volgen\""), html);
        String csp = home.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("form-action 'self'")
                && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("no-store", home.header("Cache-Control"));
        assertEquals("nosniff", home.header("X-Content-Type-Options"));
        assertTrue(given().get("/?lang=en").asString().contains("<html lang=\"en\">"));
    }

    @Test
    void shouldSetTheCsrfCookieSecureWhenTheTrustedProxySaysHttps() {
        // The tests trust 127.0.0.1 as the proxy; one that ends TLS says so with X-Forwarded-Proto, and
        // Quarkus then answers isSSL() as the browser's request was (a review thought it did not).
        String plain = csrfCookie(given().get("/melden"));
        String https = csrfCookie(given().header("X-Forwarded-Proto", "https").get("/melden"));
        assertThat(plain, not(containsString("Secure")));
        assertThat(https, containsString("Secure"));
        assertThat(https, containsStringIgnoringCase("HttpOnly"));
    }

    @Test
    void shouldKeepTheCsrfCookieOnALinkFromAnotherSiteAndRenewItOnEveryPage() {
        // Lax, so a link in an e-mail brings the cookie along: with Strict that page made a new token,
        // whose cookie replaced the one the forms in the other tabs carry, and those forms then failed.
        String first = csrfCookie(given().get("/melden"));
        assertThat(first, containsStringIgnoringCase("SameSite=Lax"));
        assertThat(first, containsString("Max-Age=43200"));
        PageForms page = PageForms.open("/melden");
        String again = csrfCookie(given().cookie(PageForms.COOKIE, page.cookie).get("/volgen"));
        assertThat(again, startsWith(PageForms.COOKIE + "=" + page.cookie + ";"));
        assertThat(again, containsString("Max-Age=43200"));
    }

    @Test
    void shouldAnswerAFormWithAStaleTokenWithAPageInItsLanguage() {
        long before = tickets();
        PageForms page = PageForms.open("/melden");
        Map<String, String> signal = signal();
        signal.put("lang", "en");
        Response english = given().cookie(PageForms.COOKIE, page.cookie).contentType("application/x-www-form-urlencoded")
                .formParams(signal).formParam(PageForms.FIELD, page.wrongToken()).post("/melden/versturen");
        assertEquals(400, english.statusCode());
        assertThat(english.contentType(), startsWith("text/html"));
        assertThat(english.asString(), containsString("<h1>This form has expired</h1>"));
        assertThat(english.asString(), containsString("href=\"/?lang=en\""));
        Response dutch = given().contentType("application/x-www-form-urlencoded").formParams(PageForms.validSignal())
                .post("/volgen");
        assertEquals(400, dutch.statusCode());
        assertThat(dutch.asString(), containsString("<h1>Dit formulier is verlopen</h1>"));
        assertEquals(before, tickets());
    }

    private static String csrfCookie(Response page) {
        assertEquals(200, page.statusCode());
        return page.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith(PageForms.COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError(page.headers().toString()));
    }

    @Test
    void shouldRefuseAFormPostWithoutItsCsrfTokenAndFileNothing() {
        long before = tickets();
        Response withoutToken = given().contentType("application/x-www-form-urlencoded")
                .formParams(PageForms.validSignal()).post("/melden/versturen");
        assertEquals(400, withoutToken.statusCode());
        PageForms page = PageForms.open("/melden");
        Response wrongToken = given().cookie(PageForms.COOKIE, page.cookie).contentType("application/x-www-form-urlencoded")
                .formParams(PageForms.validSignal()).formParam(PageForms.FIELD, page.wrongToken())
                .post("/melden/versturen");
        assertEquals(400, wrongToken.statusCode());
        Response tokenWithoutCookie = given().contentType("application/x-www-form-urlencoded")
                .formParams(PageForms.validSignal()).formParam(PageForms.FIELD, page.token).post("/melden/versturen");
        assertEquals(400, tokenWithoutCookie.statusCode());
        assertEquals(before, tickets());
    }

    @Test
    void shouldShowEveryErrorNextToItsFieldAndInTheSummaryKeepingWhatWasTyped() {
        PageForms page = PageForms.open("/melden");
        Response answer = page.post().formParams(Map.of("description", "kort <b>", "url", "javascript:alert(1)",
                "reporter.email", "niet-een-adres", "reporter.name", "Anna de Vries", "platform", "GOSSIP",
                "observedAt", "gisteren", "lang", "nl")).post("/melden/controleren");
        assertEquals(400, answer.statusCode());
        String html = answer.asString();
        for (String link : new String[] {"#category-MENTION", "#platform-TWITTER", "#description", "#url",
                "#reporter-email", "#observedAt"}) {
            assertTrue(html.contains("href=\"" + link + "\""), link + " in the summary\n" + html);
        }
        assertTrue(html.contains("Kies wat je wilt melden."), html);
        assertTrue(html.contains("id=\"description-error\""), html);
        assertTrue(html.contains(">kort &lt;b&gt;</textarea>"), "the description is kept, escaped");
        assertTrue(html.contains("value=\"Anna de Vries\""), "the name is kept");
        assertTrue(html.contains("value=\"niet-een-adres\""), "the e-mail address is kept");
        assertTrue(html.contains("value=\"gisteren\""), "the date is kept");
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<title>Fout: "), "a page, marked as an error");
    }

    @Test
    void shouldFileThroughTheCheckPageAndShowTheCodeOnlyInTheAnswerItself() {
        PageForms page = PageForms.open("/melden");
        Map<String, String> signal = PageForms.validSignal();
        Response check = page.post().formParams(signal).post("/melden/controleren");
        assertEquals(200, check.statusCode());
        assertTrue(check.asString().contains("Communicatie"), "the routing preview names who handles it");
        assertTrue(check.asString().contains("name=\"description\" value=\"Op Facebook wordt over SGL geschreven.\""));

        Response filed = page.post().formParams(signal).formParam("action", "send").post("/melden/versturen");
        assertEquals(200, filed.statusCode());
        assertThat(filed.header("Location"), nullValue());
        String reference = PageForms.hidden(filed.asString(), REFERENCE);
        String code = PageForms.hidden(filed.asString(), CODE);

        Response followed = page.post().formParam("reference", reference).formParam("token", code)
                .formParam("lang", "nl").post("/volgen");
        assertEquals(200, followed.statusCode());
        assertThat(followed.header("Location"), nullValue());
        assertThat(followed.asString(), containsString("Ontvangen"));

        Response answered = page.post().formParam("reference", reference).formParam("token", code)
                .formParam("text", "Het bericht is inmiddels 40 keer gedeeld.").formParam("lang", "nl")
                .post("/volgen/antwoord");
        assertEquals(200, answered.statusCode());
        assertThat(answered.asString(), containsString("Het bericht is inmiddels 40 keer gedeeld."));
        assertThat(answered.asString(), containsString("Je bericht is verstuurd."));
        // The API sees the same signal and message: the pages call the same service.
        given().header("X-Tracking-Token", code).get("/api/signals/{reference}", reference).then().statusCode(200);
    }

    @Test
    void shouldFindASignalWhoseReferenceWasTypedInLowerCase() {
        PageForms page = PageForms.open("/melden");
        Receipt filed = fileOnThePage(page);
        Response status = page.post().formParams(Map.of("reference", " " + filed.reference().toLowerCase() + " ",
                "token", filed.code())).post("/volgen");
        assertEquals(200, status.statusCode(), status.asString());
        assertThat(status.asString(), containsString(filed.reference()));
    }

    @Test
    void shouldSayAWrongCodeIsNotFoundKeepingWhatWasTyped() {
        PageForms page = PageForms.open("/volgen");
        Response answer = page.post().formParam("reference", "SGL-2026-999999").formParam("token", "geraden")
                .formParam("lang", "en").post("/volgen");
        assertEquals(404, answer.statusCode());
        assertThat(answer.asString(), containsString("We cannot find a report"));
        assertThat(answer.asString(), containsString("value=\"SGL-2026-999999\""));
        Response empty = page.post().formParam("lang", "nl").post("/volgen");
        assertEquals(400, empty.statusCode());
        assertThat(empty.asString(), containsString("href=\"#token\""));
    }

    @Test
    void shouldAnswerAPageOverTheLimitWithAFriendlyPage() {
        PageForms page = PageForms.open("/volgen");
        String client = TestData.freshClient();
        Response last = null;
        for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
            last = page.post().header("X-Forwarded-For", client).formParam("reference", "SGL-2026-999998")
                    .formParam("token", "geraden").formParam("lang", "nl").post("/volgen");
        }
        assertEquals(429, last.statusCode());
        assertThat(last.contentType(), containsString("text/html"));
        assertThat(last.asString(), containsString("Even wachten"));
        assertFalse(last.header("Retry-After").isBlank());
    }

    @Test
    void shouldHoldTheCheckPageToTheApisLimitOnRoutingPreviews() {
        PageForms page = PageForms.open("/melden");
        String client = TestData.freshClient();
        Response last = null;
        // 20 previews a minute per client, as on POST /api/routing/preview.
        for (int i = 0; i < 25 && (last == null || last.statusCode() != 429); i++) {
            last = page.post().header("X-Forwarded-For", client).formParams(PageForms.validSignal())
                    .post("/melden/controleren");
        }
        assertEquals(429, last.statusCode());
        // The form again with what was typed, and the wait above its button: nothing to type again.
        assertThat(last.asString(), containsString("id=\"check-error\""));
        assertThat(last.asString(), containsString("Je hebt in korte tijd veel verzoeken gedaan. Probeer het over 1 minuut opnieuw."));
        assertThat(last.asString(), containsString(">" + PageForms.validSignal().get("description") + "</textarea>"));
        assertWaitSummary(last.asString());
        assertFalse(last.header("Retry-After").isBlank());
    }

    @Test
    void shouldKeepTheSignalOnTheCheckPageWhenItsSendIsOverTheFilingLimit() {
        PageForms page = PageForms.open("/melden");
        String client = TestData.freshClient();
        Map<String, String> signal = signal();
        signal.put("description", "Over de grens gemeld, kenmerk " + client + ".");
        Response last = null;
        // Ten filings an hour per client.
        for (int i = 0; i < 15 && (last == null || last.statusCode() != 429); i++) {
            last = page.post().header("X-Forwarded-For", client).formParams(signal).formParam("action", "send")
                    .post("/melden/versturen");
        }
        assertEquals(429, last.statusCode());
        assertFalse(last.header("Retry-After").isBlank());
        String html = last.asString();
        assertThat(html, containsString("id=\"send-error\""));
        assertThat(html, containsString("Je hebt in korte tijd veel verzoeken gedaan."));
        assertThat(html, containsString("name=\"description\" value=\"" + signal.get("description") + "\""));
        assertThat(html, containsString("id=\"send\""));
        assertWaitSummary(html);
    }

    /** A wait over an abuse limit: the summary says to wait and that nothing was lost, not to fix anything. */
    private static void assertWaitSummary(String html) {
        assertThat(html, containsString("<h2 id=\"error-summary-title\">Even wachten</h2>"));
        assertThat(html, containsString("Er is niets verstuurd; wat je invulde staat er nog."));
        assertFalse(html.contains("Pas de volgende punten aan"), html);
    }

    @Test
    void shouldKeepAMessageOverTheLimitInItsBoxAndAnswerASavedOneAsSaved() {
        PageForms page = PageForms.open("/melden");
        Receipt filed = fileOnThePage(page);
        String client = TestData.freshClient();
        Response last = null;
        int saved = 0;
        // Twenty messages an hour per client.
        for (int i = 0; i < 25 && (last == null || last.statusCode() != 429); i++) {
            last = page.post().header("X-Forwarded-For", client).formParam("reference", filed.reference())
                    .formParam("token", filed.code()).formParam("text", "Bericht nummer " + i + ".")
                    .formParam("lang", "nl").post("/volgen/antwoord");
            if (last.statusCode() == 200) {
                assertThat(last.asString(), containsString("Je bericht is verstuurd."));
                saved++;
            }
        }
        assertEquals(429, last.statusCode());
        assertEquals(20, saved);
        String html = last.asString();
        assertThat(html, containsString("id=\"text-error\""));
        assertThat(html, containsString(">Bericht nummer 20.</textarea>"));
        assertWaitSummary(html);
        assertFalse(last.header("Retry-After").isBlank());
    }

    @Test
    void shouldRefuseAFormWithANulCharacterBeforeAnythingRuns() {
        // PostgreSQL stores no text with U+0000: the public sign-in form was a 500 and an error in the log.
        PageForms signIn = PageForms.open("/beheer/inloggen");
        Response desk = signIn.post().formParam("username", "a\u0000b").formParam("password", "x").post("/beheer/inloggen");
        assertEquals(400, desk.statusCode());
        assertThat(desk.contentType(), containsString("text/html"));
        assertThat(desk.asString(), containsString("<h1>Dit kan Meldpunt niet verwerken</h1>"));
        PageForms track = PageForms.open("/volgen");
        Response reporter = track.post().formParam("reference", "SGL-2026-000001").formParam("token", "a\u0000")
                .formParam("lang", "en").post("/volgen");
        assertEquals(400, reporter.statusCode());
        assertThat(reporter.asString(), containsString("lang=\"en\""));
    }

    @Test
    void shouldLeaveTheJsonApiWithoutCookiesOrTokens() {
        Response filed = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post("/api/signals");
        filed.then().statusCode(201);
        assertThat(filed.getCookie(PageForms.COOKIE), nullValue());
        assertThat(given().get("/api/functions").getCookie(PageForms.COOKIE), nullValue());
        assertThat(given().get("/api/functions").header("Content-Security-Policy"), not(containsString("form-action")));
    }

    @Test
    void shouldFileASignalWithScreenshotsChosenOnTheCheckPage() {
        PageForms page = PageForms.open("/melden");
        String check = page.post().formParams(PageForms.validSignal()).post("/melden/controleren").asString();
        assertThat(check, containsString("enctype=\"multipart/form-data\""));
        assertThat(check, containsString("type=\"file\" id=\"file\" name=\"file\" multiple"
                + " accept=\"image/jpeg,image/png,image/webp\""));

        Response filed = PageForms.fields(page.upload(), signal()).multiPart("file", "scherm.png",
                TestImages.png(64, 48), "image/png").multiPart("file", "foto.jpg", TestImages.jpeg(40, 30), "image/jpeg")
                .post("/melden/versturen");

        assertEquals(200, filed.statusCode(), filed.asString());
        assertThat(filed.asString(), containsString("Bij je melding zitten 2 afbeeldingen."));
        String reference = PageForms.hidden(filed.asString(), REFERENCE);
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then().statusCode(200)
                .body("size()", equalTo(2)).body("contentType", hasItems("image/png", "image/jpeg"));
    }

    @Test
    void shouldDecodeEachScreenshotOnceAllBeforeTheSignalIsFiled() {
        // A decode after the filing could wait for the decoder and end in a 503 instead of the receipt,
        // the reporter's only sight of their code; each image was decoded twice until session 32.
        PageForms page = PageForms.open("/melden");
        double before = decodes();
        Response filed = PageForms.fields(page.upload(), signal()).multiPart("file", "scherm.png",
                TestImages.png(64, 48), "image/png").multiPart("file", "foto.jpg", TestImages.jpeg(40, 30), "image/jpeg")
                .post("/melden/versturen");

        assertEquals(200, filed.statusCode(), filed.asString());
        assertThat(filed.asString(), containsString("Bij je melding zitten 2 afbeeldingen."));
        assertEquals(2, decodes() - before, 0.0, "each of the two screenshots decoded once");

        // On /volgen too: added to the signal without a second decode.
        String reference = PageForms.hidden(filed.asString(), REFERENCE);
        String code = PageForms.hidden(filed.asString(), CODE);
        PageForms track = PageForms.open("/volgen");
        double beforeMore = decodes();
        Response added = PageForms.fields(track.upload(), Map.of("reference", reference, "token", code))
                .multiPart("file", "nog-een.png", TestImages.png(50, 40), "image/png").post("/volgen/afbeeldingen");
        assertEquals(200, added.statusCode(), added.asString());
        assertEquals(1, decodes() - beforeMore, 0.0);
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then().statusCode(200)
                .body("size()", equalTo(3));
    }

    @Test
    void shouldRefuseScreenshotsForAClosedSignalBeforeDecodingThem() {
        PageForms page = PageForms.open("/melden");
        Receipt filed = fileOnThePage(page);
        String reference = filed.reference();
        String code = filed.code();
        Tickets.bringTo(reference, "CLOSED");

        double before = decodes();
        PageForms track = PageForms.open("/volgen");
        Response refused = PageForms.fields(track.upload(), Map.of("reference", reference, "token", code))
                .multiPart("file", "scherm.png", TestImages.png(64, 48), "image/png").post("/volgen/afbeeldingen");

        assertEquals(409, refused.statusCode(), refused.asString());
        assertThat(refused.asString(), containsString("Deze melding is afgesloten."));
        assertEquals(0, decodes() - before, 0.0, "nothing decoded for a signal that takes no image");

        // More files than any signal takes: that is what the reporter hears, not a limit (a 429 waiting
        // for ever, as a bucket of 20 answered 21 files).
        var many = PageForms.fields(track.upload(), Map.of("reference", reference, "token", code));
        for (int i = 0; i < 21; i++) {
            many.multiPart("file", "scherm-" + i + ".png", TestImages.png(8, 8), "image/png");
        }
        Response tooMany = many.post("/volgen/afbeeldingen");
        assertEquals(400, tooMany.statusCode(), tooMany.asString());
        assertEquals(0, decodes() - before, 0.0);
    }

    private double decodes() {
        return registry.find("meldpunt.evidence.decodes").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldRefuseHtmlNamedJpgNextToTheFileFieldKeepingWhatWasTypedAndFilingNothing() {
        PageForms page = PageForms.open("/melden");
        long before = tickets();
        Map<String, String> signal = signal();
        signal.put("reporter.name", "Anna de Vries");

        Response refused = PageForms.fields(page.upload(), signal).multiPart("file", "scherm.png",
                TestImages.png(64, 48), "image/png").multiPart("file", "bericht.jpg",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .post("/melden/versturen");

        assertEquals(415, refused.statusCode());
        assertThat(refused.contentType(), containsString("text/html"));
        String html = refused.asString();
        assertTrue(html.contains("<title>Fout: Controleer je melding"), html);
        assertTrue(html.contains("href=\"#file\""), "the summary links to the file field");
        assertTrue(html.contains("id=\"file-error\"") && html.contains("bericht.jpg is geen foto of schermafbeelding"),
                html);
        assertTrue(html.contains("aria-describedby=\"file-hint file-error\" aria-invalid=\"true\""), html);
        assertTrue(html.contains("name=\"description\" value=\"Op Facebook wordt over SGL geschreven.\""), html);
        assertTrue(html.contains("name=\"reporter.name\" value=\"Anna de Vries\""), html);
        assertEquals(before, tickets(), "nothing filed");
    }

    @Test
    void shouldGiveTheFormBackWithWhatWasTypedWhenTheDecoderHasNoTurn() {
        QuarkusMock.installMockForType(new BusyDecoder(), EvidenceService.class);
        PageForms page = PageForms.open("/melden");
        long before = tickets();
        Map<String, String> signal = signal();
        signal.put("reporter.name", "Anna de Vries");

        Response busy = PageForms.fields(page.upload(), signal).multiPart("file", "scherm.png",
                TestImages.png(64, 48), "image/png").post("/melden/versturen");

        // A page next to the file field, not the API's JSON problem: what was typed is still there.
        assertEquals(503, busy.statusCode());
        assertEquals("5", busy.header("Retry-After"));
        assertThat(busy.contentType(), containsString("text/html"));
        String html = busy.asString();
        assertTrue(html.contains("id=\"file-error\"") && html.contains(
                "Er worden nu veel afbeeldingen tegelijk verwerkt. Probeer het over 5 seconden opnieuw."), html);
        assertTrue(html.contains("name=\"description\" value=\"Op Facebook wordt over SGL geschreven.\""), html);
        assertTrue(html.contains("name=\"reporter.name\" value=\"Anna de Vries\""), html);
        assertEquals(before, tickets(), "nothing filed");
    }

    @Test
    void shouldSayOnTheStatusPageWhenTheDecoderHasNoTurnAndAddNothing() {
        PageForms page = PageForms.open("/melden");
        Receipt filed = fileOnThePage(page);
        String reference = filed.reference();
        String code = filed.code();
        QuarkusMock.installMockForType(new BusyDecoder(), EvidenceService.class);

        Response busy = PageForms.fields(page.upload(), Map.of("reference", reference, "token", code))
                .multiPart("file", "scherm.png", TestImages.png(32, 24), "image/png").post("/volgen/afbeeldingen");

        assertEquals(503, busy.statusCode());
        assertEquals("5", busy.header("Retry-After"));
        assertThat(busy.contentType(), containsString("text/html"));
        assertTrue(busy.asString().contains("id=\"file-error\"") && busy.asString().contains(
                "Er worden nu veel afbeeldingen tegelijk verwerkt."), busy.asString());
        // Counted in the database: with the stand-in decoder the evidence API cannot answer.
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> entities.createQuery(
                "select count(e) from Evidence e where e.ticketId = (select t.id from Ticket t where t.reference = ?1)",
                Long.class).setParameter(1, reference).getSingleResult()));
    }

    /**
     * A decoder whose every turn is taken: each image waits out its time and is refused as busy. The
     * signal itself takes images (its checks before decoding pass).
     */
    static final class BusyDecoder extends EvidenceService {

        @Override
        public Prepared prepare(java.nio.file.Path file) {
            throw new BusyException(Duration.ofSeconds(5));
        }

        @Override
        public void admits(String reference, String trackingToken, String clientAddress, int count) {
        }
    }

    @Test
    void shouldFileTheLongestDescriptionFromTheMultipartForm() {
        PageForms page = PageForms.open("/melden");
        Map<String, String> signal = signal();
        String description = "Lang verhaal. ".repeat(357).strip(); // 4,997 characters, the limit is 5,000
        signal.put("description", description);
        Response filed = PageForms.fields(page.upload(), signal).post("/melden/versturen");
        assertEquals(200, filed.statusCode(), filed.asString());
        String reference = PageForms.hidden(filed.asString(), REFERENCE);
        TestData.asCommunicatie().get("/api/tickets/{reference}", reference).then().statusCode(200)
                .body("description", org.hamcrest.Matchers.equalTo(description));
    }

    @Test
    void shouldFileFromTheMultipartFormWithoutScreenshotsWhileEveryUploadSlotIsTaken() throws IOException {
        PageForms page = PageForms.open("/melden");
        try (SlowUploads slow = SlowUploads.takeEverySlot("/api/signals/SGL-2026-000001/evidence")) {
            // The form is multipart whether or not a screenshot was chosen; without one it is an ordinary form.
            Response filed = PageForms.fields(page.upload(), signal()).post("/melden/versturen");
            assertEquals(200, filed.statusCode(), filed.asString());
            String reference = PageForms.hidden(filed.asString(), REFERENCE);
            TestData.asCommunicatie().get("/api/tickets/{reference}", reference).then().statusCode(200);
            // A form that may carry screenshots still waits for a slot: 503 at once, before its body is read.
            String busy = rawPost("/melden/versturen", page, 1024 * 1024);
            assertTrue(busy.startsWith("HTTP/1.1 503"), busy);
            assertThat(busy, containsString("Retry-After"));
        }
    }

    @Test
    void shouldRefuseMoreScreenshotsThanASignalHoldsBeforeFiling() {
        PageForms page = PageForms.open("/melden");
        long before = tickets();
        var request = PageForms.fields(page.upload(), signal());
        for (int i = 1; i <= 6; i++) {
            request.multiPart("file", "scherm-" + i + ".png", TestImages.png(8, 8), "image/png");
        }
        Response refused = request.post("/melden/versturen");
        assertEquals(400, refused.statusCode());
        assertThat(refused.asString(), containsString("Kies hoogstens 5 afbeeldingen."));
        assertEquals(before, tickets());
    }

    @Test
    void shouldRefuseAnOverSizeTotalWithAPageBeforeReadingIt() throws IOException {
        // Announced larger than five largest images and the form: refused on its headers alone.
        PageForms page = PageForms.open("/melden");
        String answer = rawPost("/melden/versturen", page, 5L * 10 * 1024 * 1024 + 64 * 1024 + 1);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertThat(answer, containsString("text/html"));
        assertThat(answer, containsString("De bestanden zijn te groot"));
        assertThat(answer, containsString("hoogstens 5 afbeeldingen sturen, van elk hoogstens 10 MB"));
        assertThat(answer, containsString("Content-Security-Policy"));
        // Everything else keeps its 64 KiB, the check page too.
        assertTrue(rawPost("/melden/controleren", page, 64 * 1024 + 1).startsWith("HTTP/1.1 413"));
    }

    @Test
    void shouldRequireTheCsrfTokenOnMultipartPosts() {
        long before = tickets();
        Response withoutToken = PageForms.fields(given().contentType("multipart/form-data"), signal())
                .multiPart("file", "scherm.png", TestImages.png(8, 8), "image/png").post("/melden/versturen");
        assertEquals(400, withoutToken.statusCode());
        PageForms page = PageForms.open("/volgen");
        Response wrongToken = PageForms.fields(given().cookie(PageForms.COOKIE, page.cookie)
                .contentType("multipart/form-data").multiPart(PageForms.FIELD, page.wrongToken()),
                Map.of("reference", "SGL-2026-000001", "token", "x")).multiPart("file", "scherm.png",
                TestImages.png(8, 8), "image/png").post("/volgen/afbeeldingen");
        assertEquals(400, wrongToken.statusCode());
        assertEquals(before, tickets());
    }

    @Test
    void shouldAddScreenshotsOnTheStatusPageUpToTheMaximum() {
        PageForms page = PageForms.open("/melden");
        Receipt filed = fileOnThePage(page);
        String reference = filed.reference();
        String code = filed.code();
        Map<String, String> signal = Map.of("reference", reference, "token", code, "lang", "en");

        Response status = page.post().formParams(signal).post("/volgen");
        assertThat(status.asString(), containsString("action=\"/volgen/afbeeldingen\" enctype=\"multipart/form-data\""));

        Response none = PageForms.fields(page.upload(), signal).post("/volgen/afbeeldingen");
        assertEquals(400, none.statusCode());
        assertThat(none.asString(), containsString("Choose an image."));

        Response html = PageForms.fields(page.upload(), signal).multiPart("file", "nep.jpg",
                "<!DOCTYPE html><p>hoi</p>".getBytes(StandardCharsets.UTF_8), "image/jpeg").post("/volgen/afbeeldingen");
        assertEquals(415, html.statusCode());
        assertThat(html.asString(), containsString("id=\"file-error\""));
        assertThat(html.asString(), containsString("nep.jpg is not a photo or screenshot"));

        var four = PageForms.fields(page.upload(), signal);
        for (int i = 1; i <= 4; i++) {
            four.multiPart("file", "scherm-" + i + ".png", TestImages.png(8 + i, 8), "image/png");
        }
        Response added = four.post("/volgen/afbeeldingen");
        assertEquals(200, added.statusCode(), added.asString());
        assertThat(added.asString(), containsString("4 images added."));

        Response two = PageForms.fields(page.upload(), signal).multiPart("file", "a.png", TestImages.png(9, 9),
                "image/png").multiPart("file", "b.png", TestImages.png(10, 10), "image/png").post("/volgen/afbeeldingen");
        assertEquals(200, two.statusCode());
        assertThat(two.asString(), containsString("1 image added."));
        assertThat(two.asString(), containsString("b.png: Your report already has 5 images."));

        Response full = PageForms.fields(page.upload(), signal).multiPart("file", "c.png", TestImages.png(9, 9),
                "image/png").post("/volgen/afbeeldingen");
        assertEquals(409, full.statusCode());
        assertThat(full.asString(), containsString("id=\"file-error\""));
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then().body("size()", equalTo(5));
    }

    @Test
    void shouldFileAClientsBegeleiderThroughThePagesAndRefuseOneForSomeoneElseNextToTheField() {
        PageForms page = PageForms.open("/melden");
        Map<String, String> employee = signal();
        employee.put("category", "UNWANTED_CONTACT");
        employee.put("reporter.relation", "EMPLOYEE");
        employee.put("reporter.careWorkerEmail", "begeleider@sgl-zorg.nl");
        Response refused = page.post().formParams(employee).post("/melden/controleren");
        assertEquals(400, refused.statusCode());
        String html = refused.asString();
        assertTrue(html.contains("href=\"#reporter-careWorkerEmail\""), "in the summary\n" + html);
        assertTrue(html.contains("id=\"reporter-careWorkerEmail-error\""), html);
        assertTrue(html.contains("Alleen een cliënt kan een begeleider opgeven."), html);
        assertTrue(html.contains("care-worker-shown"), "a field with an error is never hidden");
        assertTrue(html.contains("value=\"begeleider@sgl-zorg.nl\""), "what was typed is kept");

        Map<String, String> outside = signal();
        outside.put("category", "UNWANTED_CONTACT");
        outside.put("reporter.relation", "CLIENT");
        outside.put("reporter.careWorkerEmail", "iemand@example.org");
        String outsideSgl = page.post().formParams(outside).post("/melden/controleren").then().statusCode(400)
                .extract().asString();
        assertThat(outsideSgl, containsString("Vul het e-mailadres van je begeleider bij SGL in"));
        assertThat(outsideSgl, containsString("value=\"iemand@example.org\""));

        Map<String, String> client = signal();
        client.put("category", "UNWANTED_CONTACT");
        client.put("reporter.relation", "CLIENT");
        client.put("reporter.careWorkerEmail", "begeleider@sgl-zorg.nl");
        client.put("reporter.careWorkerMayKnowIdentity", "true");
        Response check = page.post().formParams(client).post("/melden/controleren");
        assertEquals(200, check.statusCode());
        assertThat(check.asString(), containsString("je begeleider"));
        assertThat(check.asString(), containsString("name=\"reporter.careWorkerMayKnowIdentity\" value=\"true\""));
        Response filed = page.post().formParams(client).formParam("action", "send").post("/melden/versturen");
        assertEquals(200, filed.statusCode());
        String reference = PageForms.hidden(filed.asString(), REFERENCE);
        TestData.asCommunicatie().get("/api/tickets/{reference}", reference).then().statusCode(200)
                .body("reporter.careWorkerEmail", equalTo("begeleider@sgl-zorg.nl"))
                .body("reporter.careWorkerMayKnowIdentity", equalTo(true))
                .body("routing.informed.kind", org.hamcrest.Matchers.contains("CARE_WORKER"));
    }

    /** The signal's fields, in a map the test may add to. */
    private static Map<String, String> signal() {
        return new java.util.HashMap<>(PageForms.validSignal());
    }

    /** A POST that announces this length and sends only its headers and the CSRF field; the raw answer. */
    private String rawPost(String path, PageForms page, long length) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(3_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: multipart/form-data; boundary=grens\r\nCookie: " + PageForms.COOKIE + "="
                    + page.cookie + "\r\nContent-Length: " + length + "\r\n\r\n--grens\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // The answer comes before the body; read what arrives until the server closes or goes quiet.
            var answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) > 0;) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                // no more
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Inject
    EntityManager entities;

    /** Files a valid signal through the form on {@code page}: what its receipt shows. */
    private static Receipt fileOnThePage(PageForms page) {
        Response filed = page.post().formParams(PageForms.validSignal()).formParam("action", "send")
                .post("/melden/versturen");
        assertEquals(200, filed.statusCode(), filed.asString());
        return Receipt.of(filed);
    }

    private long tickets() {
        return QuarkusTransaction.requiringNew()
                .call(() -> entities.createQuery("select count(t) from Ticket t", Long.class).getSingleResult());
    }
}
