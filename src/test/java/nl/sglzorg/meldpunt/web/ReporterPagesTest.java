package nl.sglzorg.meldpunt.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;

/** The reporter pages over plain HTTP: CSRF, errors next to their fields, the tracking code kept out of addresses. */
@QuarkusTest
class ReporterPagesTest {

    private static final Pattern REFERENCE = Pattern.compile("id=\"reference\">(SGL-[0-9]{4}-[0-9]+)<");
    private static final Pattern CODE = Pattern.compile("id=\"token\">([A-Za-z0-9_-]{43})<");

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
    void shouldRefuseAFormPostWithoutItsCsrfTokenAndFileNothing() {
        long before = tickets();
        Response withoutToken = given().contentType("application/x-www-form-urlencoded")
                .formParams(PageForms.validSignal()).post("/melden/versturen");
        assertEquals(400, withoutToken.statusCode());
        PageForms page = PageForms.open("/melden");
        Response wrongToken = given().cookie(PageForms.COOKIE, page.cookie).contentType("application/x-www-form-urlencoded")
                .formParams(PageForms.validSignal()).formParam(PageForms.FIELD, "x" + page.token.substring(1))
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
        String client = "198.51.100." + (TestData.unique("x").hashCode() & 0x7f);
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
        assertThat(last.asString(), containsString("Even wachten"));
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

    @Inject
    EntityManager entities;

    private long tickets() {
        return QuarkusTransaction.requiringNew()
                .call(() -> entities.createQuery("select count(t) from Ticket t", Long.class).getSingleResult());
    }
}
