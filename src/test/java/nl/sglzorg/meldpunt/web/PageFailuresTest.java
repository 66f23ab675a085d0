package nl.sglzorg.meldpunt.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.intake.SignalReceipt;
import nl.sglzorg.meldpunt.intake.SignalRequest;
import nl.sglzorg.meldpunt.intake.SignalTracking;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.support.Tickets;
import nl.sglzorg.meldpunt.ticket.QueueResult;
import nl.sglzorg.meldpunt.ticket.TicketSearch;
import nl.sglzorg.meldpunt.ticket.TicketService;
import nl.sglzorg.meldpunt.web.staff.Desk;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * A page that fails for a reason no page handles (the database down or busy, a fault) answers with a page
 * a browser shows, in the reporter's layout, with the API's status, {@code Retry-After} and error code, and
 * no stack trace; the API keeps its JSON problem.
 */
@QuarkusTest
class PageFailuresTest {

    @Test
    void shouldAnswerTheReportFormWithAPageWhenTheDatabaseCannotBeReached() {
        QuarkusMock.installMockForType(new Failing(unreachable()), IntakeService.class);
        PageForms page = PageForms.open("/melden");
        Map<String, String> signal = PageForms.validSignal();

        Response answer = page.post().formParams(signal).formParam("action", "send").post("/melden/versturen");

        assertPage(answer, 503);
        assertEquals("5", answer.header("Retry-After"));
        assertThat(answer.asString(), containsString("<h1>Even niet bereikbaar</h1>"));
        assertThat(answer.asString(), containsString("ga terug met de knop Vorige van je browser"));
    }

    @Test
    void shouldTakeOnlyThePagesPackagesForPages() {
        assertTrue(PageFailures.isPage(ReportPage.class));
        assertTrue(PageFailures.isPage(nl.sglzorg.meldpunt.web.staff.QueuePage.class));
        assertFalse(PageFailures.isPage(nl.sglzorg.meldpunt.webhook.WebhookResource.class),
                "webhook's name starts with web, but its resource is the API's");
        assertFalse(PageFailures.isPage(nl.sglzorg.meldpunt.intake.SignalResource.class));
        assertFalse(PageFailures.isPage(null));
    }

    @Test
    void shouldShowTheErrorCodeOfAFaultInTheBrowsersLanguage() {
        QuarkusMock.installMockForType(new Failing(new IllegalStateException("a fault, quoting what was typed")),
                IntakeService.class);
        PageForms page = PageForms.open("/volgen");

        Response answer = page.post().header("Accept-Language", "en-GB,en;q=0.9,nl;q=0.5")
                .formParams(Map.of("reference", "SGL-2026-000001", "token", "x".repeat(43))).post("/volgen");

        assertPage(answer, 500);
        assertThat(answer.asString(), containsString("<html lang=\"en\">"));
        assertThat(answer.asString(), containsString("<h1>Something went wrong</h1>"));
        assertThat(answer.asString(), containsString("quote this error code: <code id=\"error-code\">"));
        assertThat(answer.asString(), not(containsString("quoting what was typed")));
    }

    @Test
    void shouldAnswerADeskPageWithAPageWhenTheDatabaseIsBusy() {
        Desk desk = Desk.asCommunicatie();
        QuarkusMock.installMockForType(new BusyQueue(), TicketService.class);

        Response answer = desk.get().get("/beheer/wachtrij?status=NEW");

        assertPage(answer, 503);
        assertThat(answer.asString(), containsString("<h1>Even niet bereikbaar</h1>"));
    }

    @Test
    void shouldKeepTheApisProblemForTheSameFailure() {
        QuarkusMock.installMockForType(new Failing(unreachable()), IntakeService.class);

        given().contentType(ContentType.JSON).body(Tickets.signal("MENTION", "FACEBOOK", Tickets.uniqueWord()))
                .post("/api/signals")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
    }

    @Test
    void shouldShowABrowserAPageForAnAddressNothingServes() {
        Response answer = given().header("Accept", BROWSER).get("/melden/bestaat-niet");

        assertPage(answer, 404);
        assertThat(answer.asString(), containsString("<h1>Pagina niet gevonden</h1>"));
        assertThat(answer.asString(), containsString("<a href=\"/\">Terug naar de start</a>"));

        Response english = given().header("Accept", BROWSER).header("Accept-Language", "en")
                .get("/volgen/SGL-2026-000001/oud");
        assertPage(english, 404);
        assertThat(english.asString(), containsString("<h1>Page not found</h1>"));
    }

    @Test
    void shouldShowABrowserAPageForAMethodAPageDoesNotTake() {
        Response answer = given().header("Accept", BROWSER).put("/melden");

        assertPage(answer, 405);
        assertThat(answer.asString(), containsString("<h1>Dit kan Meldpunt niet verwerken</h1>"));
    }

    @Test
    void shouldShowStaffADeskPageRefusingAnAddressWithAWayBackToTheDesk() {
        Desk desk = Desk.asCommunicatie();

        Response answer = desk.post().header("Accept", BROWSER).post("/beheer/wachtrij/weergaven/geen-nummer/verwijderen");

        assertPage(answer, 404);
        assertThat(answer.asString(), containsString("<h1>Pagina niet gevonden</h1>"));
        assertThat(answer.asString(), containsString("<a href=\"/beheer\">"));
    }

    @Test
    void shouldKeepTheProblemForTheApiAndForClientsThatDoNotAskForHtml() {
        given().header("Accept", BROWSER).get("/api/bestaat-niet")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Accept", BROWSER).header("X-Tracking-Token", "x".repeat(43)).get("/api/signals/SGL-2026-999999")
                .then().statusCode(404).contentType("application/problem+json");
        given().accept(ContentType.JSON).get("/melden/bestaat-niet")
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/melden/bestaat-niet")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldShowThePageInDutchWhenTheLanguageHeaderCannotBeRead() {
        Response answer = given().header("Accept", BROWSER).header("Accept-Language", "en;q=x").get("/melden");

        assertEquals(200, answer.statusCode(), answer.asString());
        assertThat(answer.asString(), containsString("<html lang=\"nl\">"));
        assertEquals(404, given().header("Accept", BROWSER).header("Accept-Language", "en;q=x")
                .get("/melden/bestaat-niet").statusCode());
    }

    /** What Chromium and Firefox send for a page. */
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private static void assertPage(Response answer, int status) {
        assertEquals(status, answer.statusCode(), answer.asString());
        assertThat(answer.contentType(), startsWith("text/html"));
        assertThat(answer.asString(), containsString("<link rel=\"stylesheet\" href=\"/meldpunt.css\">"));
        assertThat(answer.asString(), not(containsString("Exception")));
        assertThat(answer.asString(), not(containsString("\tat ")));
    }

    private static RuntimeException unreachable() {
        return new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLTransientConnectionException("Connection refused"));
    }

    /** The reporter's side, failing as it is told at each step a page or the API takes first. */
    static final class Failing extends IntakeService {

        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Optional<FormFiling> filedBefore(String submission) {
            throw failure;
        }

        @Override
        public SignalReceipt file(SignalRequest request, Channel channel) {
            throw failure;
        }

        @Override
        public SignalTracking track(String reference, String token) {
            throw failure;
        }
    }

    /** The queue's look-up, meeting a lock held longer than the wait for it. */
    static final class BusyQueue extends TicketService {

        @Override
        public QueueResult queue(TicketSearch.Filters filters, boolean dueToday) {
            throw new org.hibernate.exception.LockTimeoutException("lock wait ran out",
                    new SQLException("Timeout trying to lock table", "HYT00"));
        }
    }
}
