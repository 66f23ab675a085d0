package nl.sglzorg.meldpunt.web.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.web.Browser;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import nl.sglzorg.meldpunt.web.staff.TicketDeskPageTest.Filed;
import nl.sglzorg.meldpunt.web.staff.TicketDeskPageTest.TicketsApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/**
 * The ticket page in two real headless Chromiums signed in as two staff members: the second to send
 * a form after the first changed the ticket is told so and loses nothing; a keyboard-only journey;
 * axe-core on every state; screenshots at 375 and 1280 px and nothing sideways at 320 px.
 */
@QuarkusTest
class TicketDeskBrowserTest {

    @RegisterExtension
    static final BrowserPerClass firstBrowser = BrowserPerClass.start();
    @RegisterExtension
    static final BrowserPerClass secondBrowser = BrowserPerClass.start();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldTellTheSecondEditorSomeoneChangedItFirstAndKeepTheirText() throws IOException {
        Browser first = firstBrowser.get();
        Browser second = secondBrowser.get();
        Filed filed = TicketDeskPageTest.file("EMPLOYMENT", "FACEBOOK", null, true);
        String colleague = TestData.createUser(List.of("communicatie"), null, null);
        signIn(first, TestData.ADMIN, TestData.ADMIN_PASSWORD);
        signIn(second, colleague, TestData.STAFF_PASSWORD);
        open(first, filed.reference());
        open(second, filed.reference());

        first.tabTo("note-text");
        first.press("Ik bel de melder vanmiddag.");
        submit(first, "note-save");
        assertTrue(first.text().contains("Je notitie is opgeslagen."), first.text());

        String reply = "Dank je wel. Weet je nog op welke dag je het bericht zag?";
        second.tabTo("reply-text");
        second.press(reply);
        submit(second, "reply-send");
        assertTrue(second.driver.getTitle().startsWith("Fout: "), second.driver.getTitle());
        assertTrue(second.text().contains(TicketDeskPage.STALE), second.text());
        assertEquals(reply, second.driver.findElement(By.id("reply-text")).getAttribute("value"),
                "the reply is still in its box");
        assertTrue(second.text().contains("Ik bel de melder vanmiddag."), "the fresh page shows the other's change");
        check(second, "ticket-gewijzigd");

        // The summary's link takes the keyboard to the box; sending again goes through.
        submit(second, "reply-send");
        assertTrue(second.text().contains("Je antwoord is naar de melder gestuurd."), second.text());
        assertTrue(TicketsApi.events(filed.reference()).contains(reply));
        assertTrue(TicketDeskPageTest.track(filed).contains(reply));
    }

    @Test
    void shouldAskNoteAndMoveToInProgressByKeyboardOnly() throws IOException {
        Browser first = firstBrowser.get();
        String longUrl = "https://www.facebook.com/sglzorg/posts/" + "heelerglangadres".repeat(12) + System.nanoTime();
        Filed filed = TicketDeskPageTest.file("EMPLOYMENT", "FACEBOOK", longUrl, true);
        TestData.api().header("X-Tracking-Token", filed.token())
                .multiPart("file", "bericht.png", TestImages.png(320, 200), "image/png")
                .post("/api/signals/{reference}/evidence", filed.reference()).then().statusCode(201);
        TicketDeskPageTest.reporterMessage(filed, "Het bericht staat er nog steeds, met " + "heel".repeat(40)
                + "veelwoordenzonderspatieomtekijkenofditnetjesafbreekt.");
        signIn(first, TestData.ADMIN, TestData.ADMIN_PASSWORD);
        open(first, filed.reference());
        check(first, "ticket");
        Boolean loaded = (Boolean) ((JavascriptExecutor) first.driver).executeScript(
                "const i = document.querySelector('img.thumb'); return i.complete && i.naturalWidth === 320;");
        assertTrue(loaded, "the thumbnail loads from the page's own address");

        // An empty note: the error next to the field and in the summary.
        submit(first, "note-save");
        assertTrue(first.driver.getTitle().startsWith("Fout: "), first.driver.getTitle());
        check(first, "ticket-fout");

        first.tabTo("reply-text");
        first.press("Kun je een schermafbeelding sturen van de reacties?");
        submit(first, "reply-send");
        assertTrue(first.text().contains("Je antwoord is naar de melder gestuurd."), first.text());

        first.tabTo("note-text");
        first.press("Melder is een collega van HR.");
        submit(first, "note-save");
        assertTrue(first.text().contains("Je notitie is opgeslagen."));

        first.tabTo("status-to");
        first.press(Keys.ARROW_DOWN); // Beoordeeld → In behandeling
        assertEquals("IN_PROGRESS", first.driver.findElement(By.id("status-to")).getAttribute("value"));
        submit(first, "status-save");
        assertTrue(first.text().contains("De status is gewijzigd."), first.text());
        assertEquals("IN_PROGRESS", TicketsApi.detail(filed.reference()).getString("status"));
        assertTrue(TicketDeskPageTest.track(filed).contains("Kun je een schermafbeelding sturen"));
        check(first, "ticket-in-behandeling");
    }

    @Test
    void shouldShowThePolicysNewCasesAndRefuseAnUnknownCentreNextToTheButton() throws IOException {
        Browser first = firstBrowser.get();
        signIn(first, TestData.ADMIN, TestData.ADMIN_PASSWORD);

        Map<String, Object> request = TestData.signal("LOCATION_PAGE_REQUEST", "FACEBOOK");
        request.put("activityCentre", "AC " + TestData.unique("Onbekend"));
        open(first, Signals.file(request).reference());
        submit(first, "location-page-approve");
        assertTrue(first.driver.getTitle().startsWith("Fout: "), first.driver.getTitle());
        assertTrue(first.text().contains("staat niet in de accountstabel"), first.text());
        check(first, "ticket-locatiepagina-onbekend");

        open(first, Signals.file(TestData.signal("POSITIVE_POST", "LINKEDIN")).reference());
        assertTrue(first.text().contains("Geen termijn"), first.text());
        assertTrue(first.driver.findElement(By.id("status-repost-url")).isDisplayed());
        check(first, "ticket-positief-bericht");

        Map<String, Object> unwanted = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        unwanted.put("reporter", Map.of("relation", "CLIENT", "careWorkerEmail", "begeleider@sgl-zorg.nl"));
        open(first, Signals.file(unwanted).reference());
        assertTrue(first.driver.findElement(By.id("care-worker")).getText().contains("mag niet weten wie meldt"),
                first.text());
        check(first, "ticket-begeleider");
    }

    /** Signs the browser in through the sign-in page, afresh: a session from an earlier test is dropped first. */
    private void signIn(Browser browser, String user, String password) {
        browser.driver.manage().deleteAllCookies();
        Desk.signIn(browser, base.toString(), user, password);
    }

    private void open(Browser browser, String reference) {
        browser.driver.get(base.toString().replaceAll("/$", "") + "/beheer/meldingen/" + reference);
        assertTrue(browser.driver.getTitle().startsWith("Melding " + reference), browser.driver.getTitle());
    }

    /** TABs to the button, presses ENTER and waits for the next page. */
    private static void submit(Browser browser, String button) {
        browser.tabTo(button);
        browser.enter();
    }

    /** Zero axe violations, screenshots at 375 and 1280 px, nothing sideways at 320 px. */
    private static void check(Browser browser, String name) throws IOException {
        browser.checkAndPicture(name);
        assertEquals(0, browser.reflow(name, 320, 1), name + " scrolls sideways at 320 px");
    }
}
