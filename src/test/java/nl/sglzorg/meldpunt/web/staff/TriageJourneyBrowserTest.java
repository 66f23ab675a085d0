package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Communicatie's triage from start to end in a real headless Chromium, by keyboard where a person
 * would use one: an urgent signal comes in, they sign in through the sign-in page, find it under
 * "Nieuw en urgent", ask the reporter a question, write a note, take it in progress, see the queue
 * change and sign out. axe-core on every page; screenshots at 375 and 1280 px (target/screenshots/).
 * {@code docs/desk-queue.png} in the README is this test's journey-queue-1280.png, run on its own.
 */
@QuarkusTest
class TriageJourneyBrowserTest {

    @RegisterExtension
    static final BrowserPerClass browser = BrowserPerClass.start();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldTriageAnUrgentSignalFromSignInToSignOut() throws IOException {
        String word = "zr" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        fileAMorning(word);
        Signals.Filed urgent = Signals.file(signal("CONFIDENTIAL_INFORMATION", "WHATSAPP",
                "Een medewerker deelt in een groepsapp een foto van een cliëntdossier, kenmerk " + word + "."));

        // Signing in through the page lands on the queue, in the default view.
        Desk.signIn(browser.get(), base.toString(), TestData.ADMIN, TestData.ADMIN_PASSWORD);
        assertTrue(browser.get().driver.getCurrentUrl().endsWith("/beheer/wachtrij?status=NEW&sort=priority"),
                browser.get().driver.getCurrentUrl());
        assertTrue(browser.get().driver.getTitle().startsWith("Wachtrij"), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("Ingelogd als " + TestData.ADMIN), browser.get().text());
        browser.get().checkAndPicture("journey-queue");

        // Open "Nieuw en urgent" and narrow it to the word; the urgent one is there.
        follow(browser.get().driver.findElement(By.linkText("Nieuw en urgent")));
        assertEquals("Nieuw en urgent", browser.get().driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());
        browser.get().tabTo("filter-q");
        browser.get().press(word);
        browser.get().enter();
        assertTrue(browser.get().driver.getCurrentUrl().contains("status=NEW"), browser.get().driver.getCurrentUrl());
        WebElement row = rowOf(urgent.reference());
        assertEquals(List.of("Urgent", "Nieuw"), List.of(cell(row, 3), cell(row, 4)), row.getText());
        assertEquals(List.of(), browser.get().axeViolations());

        // The ticket page.
        follow(row.findElement(By.linkText(urgent.reference())));
        assertTrue(browser.get().driver.getTitle().startsWith("Melding " + urgent.reference()), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("kenmerk " + word), "the description is shown");
        browser.get().checkAndPicture("journey-ticket");

        // A question for the reporter.
        String question = "Dank je. Weet je in welke groepsapp de foto stond, en sinds wanneer?";
        browser.get().tabTo("reply-text");
        browser.get().press(question);
        submitWith("reply-send");
        assertTrue(browser.get().text().contains("Je antwoord is naar de melder gestuurd."), browser.get().text());
        assertTrue(browser.get().driver.findElement(By.id("thread")).getText().contains(question),
                browser.get().driver.findElement(By.id("thread")).getText());
        assertEquals(List.of(), browser.get().axeViolations());

        // An internal note.
        String note = "Leidinggevende van de medewerker is gebeld; foto wordt vandaag verwijderd.";
        browser.get().tabTo("note-text");
        browser.get().press(note);
        submitWith("note-save");
        assertTrue(browser.get().text().contains("Je notitie is opgeslagen."), browser.get().text());
        assertTrue(browser.get().driver.findElement(By.id("notes")).getText().contains(note),
                browser.get().driver.findElement(By.id("notes")).getText());
        assertEquals(List.of(), browser.get().axeViolations());

        // In progress, with a message for the history.
        WebElement status = browser.get().tabTo("status-to");
        for (int i = 0; i < 6 && !"IN_PROGRESS".equals(status.getAttribute("value")); i++) {
            browser.get().press(Keys.ARROW_DOWN);
        }
        assertEquals("IN_PROGRESS", status.getAttribute("value"));
        browser.get().tabTo("status-message");
        browser.get().press("Wij pakken dit op met de leidinggevende.");
        submitWith("status-save");
        assertTrue(browser.get().text().contains("De status is gewijzigd."), browser.get().text());
        assertEquals("In behandeling", browser.get().driver.findElement(By.id("status")).getText());
        assertTrue(browser.get().driver.findElement(By.id("history")).getText().contains("Wij pakken dit op met de leidinggevende."),
                browser.get().driver.findElement(By.id("history")).getText());
        browser.get().checkAndPicture("journey-ticket-in-progress");

        // The reporter sees the question with the tracking code; not the note.
        String tracked = given().header("X-Tracking-Token", urgent.token())
                .get("/api/signals/{reference}", urgent.reference()).then().statusCode(200).extract().asString();
        assertTrue(tracked.contains(question), tracked);
        assertFalse(tracked.contains(note), "the internal note stays internal");

        // Back to the queue: no longer new, and "In behandeling" among all tickets.
        follow(browser.get().driver.findElement(By.cssSelector("nav a[href='/beheer/wachtrij']")));
        assertEquals("Nieuw en urgent", browser.get().driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());
        browser.get().tabTo("filter-q");
        browser.get().press(word);
        browser.get().enter();
        assertTrue(browser.get().driver.findElements(By.linkText(urgent.reference())).isEmpty(), browser.get().text());
        follow(browser.get().driver.findElement(By.linkText("Alle meldingen")));
        browser.get().tabTo("filter-q");
        browser.get().press(word);
        browser.get().enter();
        assertEquals("In behandeling", cell(rowOf(urgent.reference()), 4));
        assertEquals(List.of(), browser.get().axeViolations());

        // Signing out ends the session: the copied cookie no longer opens the queue.
        Cookie session = browser.get().driver.manage().getCookieNamed(Desk.SESSION_COOKIE);
        assertNotNull(session, "signed in with a session cookie");
        assertEquals(200, withSession(session.getValue()).statusCode(), "the cookie opens the queue while signed in");
        browser.get().tabTo("sign-out");
        browser.get().enter();
        assertTrue(browser.get().driver.getCurrentUrl().contains(Desk.SIGN_IN), browser.get().driver.getCurrentUrl());
        assertTrue(browser.get().text().contains("Je bent uitgelogd."), browser.get().text());
        browser.get().checkAndPicture("journey-signed-out");
        Response after = withSession(session.getValue());
        assertEquals(303, after.statusCode(), after::asString);
        assertTrue(after.header("Location").contains(Desk.SIGN_IN), after.header("Location"));
    }

    /** A handful of varied signals, so the queue looks like a real morning. */
    private static void fileAMorning(String word) {
        Signals.file(signal("DERAILED_DISCUSSION", "FACEBOOK",
                "Onder een bericht over de nieuwe locatie lopen de reacties uit de hand, kenmerk " + word + "."));
        Signals.file(signal("MENTION", "TWITTER", "Een oud-cliënt vraagt op X waarom de wachtlijst zo lang is."));
        Signals.file(signal("UNWANTED_CONTACT", "INSTAGRAM", "Een medewerker krijgt steeds berichten van een familielid."));
        Signals.file(signal("BRAND_ASSET_REQUEST", "OTHER", "Een lokale krant vraagt om het logo van SGL."));
        Signals.file(signal("LOCATION_PAGE_REQUEST", "FACEBOOK", "Locatie De Linde wil een eigen Facebookpagina."));
        Map<String, Object> job = signal("MENTION", "LINKEDIN", "Iemand vraagt op LinkedIn naar vacatures in de nachtdienst.");
        job.put("topic", "EMPLOYMENT");
        Signals.file(job);
    }

    private static Map<String, Object> signal(String category, String platform, String description) {
        Map<String, Object> signal = TestData.signal(category, platform);
        signal.put("description", description);
        return signal;
    }

    private static Response withSession(String session) {
        return given().cookie(Desk.SESSION_COOKIE, session).redirects().follow(false).get("/beheer/wachtrij?sort=newest");
    }

    /** The queue's row of this ticket; fails when it is not on the page. */
    private static WebElement rowOf(String reference) {
        return browser.get().driver.findElements(By.cssSelector(".queue-table tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().equals(reference)).findFirst()
                .orElseThrow(() -> new AssertionError(reference + " is not in the queue: " + browser.get().text()));
    }

    /** The row's n-th cell, counting the reference as 1. */
    private static String cell(WebElement row, int n) {
        return row.findElement(By.cssSelector(":scope > :nth-child(" + n + ")")).getText();
    }

    /** Gives a link the focus and presses ENTER, as a keyboard user follows it. */
    private static void follow(WebElement link) {
        ((JavascriptExecutor) browser.get().driver).executeScript("arguments[0].focus()", link);
        browser.get().enter();
    }

    /** TABs to the button and presses ENTER. */
    private static void submitWith(String button) {
        browser.get().tabTo(button);
        browser.get().enter();
    }
}
