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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.web.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Communicatie's triage from start to end in a real headless Chromium, by keyboard where a person
 * would use one: an urgent signal comes in, they sign in through the sign-in page, find it under
 * "Nieuw en urgent", ask the reporter a question, write a note, take it in progress, see the queue
 * change and sign out. axe-core on every page; screenshots at 375 and 1280 px (target/screenshots/).
 * {@code docs/desk-queue.png} in the README is this test's journey-queue-1280.png, run on its own.
 */
@QuarkusTest
class TriageJourneyBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start();
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldTriageAnUrgentSignalFromSignInToSignOut() throws IOException {
        String word = "zr" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        fileAMorning(word);
        Signals.Filed urgent = Signals.file(signal("CONFIDENTIAL_INFORMATION", "WHATSAPP",
                "Een medewerker deelt in een groepsapp een foto van een cliëntdossier, kenmerk " + word + "."));

        // Signing in through the page lands on the queue, in the default view.
        Desk.signIn(browser, base.toString(), TestData.ADMIN, TestData.ADMIN_PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/beheer/wachtrij?status=NEW&sort=priority"),
                browser.driver.getCurrentUrl());
        assertTrue(browser.driver.getTitle().startsWith("Wachtrij"), browser.driver.getTitle());
        assertTrue(text().contains("Ingelogd als " + TestData.ADMIN), text());
        check("journey-queue");

        // Open "Nieuw en urgent" and narrow it to the word; the urgent one is there.
        follow(browser.driver.findElement(By.linkText("Nieuw en urgent")));
        assertEquals("Nieuw en urgent", browser.driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());
        browser.tabTo("filter-q");
        browser.press(word);
        submit(Keys.ENTER);
        assertTrue(browser.driver.getCurrentUrl().contains("status=NEW"), browser.driver.getCurrentUrl());
        WebElement row = rowOf(urgent.reference());
        assertEquals(List.of("Urgent", "Nieuw"), List.of(cell(row, 3), cell(row, 4)), row.getText());
        assertEquals(List.of(), browser.axeViolations());

        // The ticket page.
        follow(row.findElement(By.linkText(urgent.reference())));
        assertTrue(browser.driver.getTitle().startsWith("Melding " + urgent.reference()), browser.driver.getTitle());
        assertTrue(text().contains("kenmerk " + word), "the description is shown");
        check("journey-ticket");

        // A question for the reporter.
        String question = "Dank je. Weet je in welke groepsapp de foto stond, en sinds wanneer?";
        browser.tabTo("reply-text");
        browser.press(question);
        submitWith("reply-send");
        assertTrue(text().contains("Je antwoord is naar de melder gestuurd."), text());
        assertTrue(browser.driver.findElement(By.id("thread")).getText().contains(question),
                browser.driver.findElement(By.id("thread")).getText());
        assertEquals(List.of(), browser.axeViolations());

        // An internal note.
        String note = "Leidinggevende van de medewerker is gebeld; foto wordt vandaag verwijderd.";
        browser.tabTo("note-text");
        browser.press(note);
        submitWith("note-save");
        assertTrue(text().contains("Je notitie is opgeslagen."), text());
        assertTrue(browser.driver.findElement(By.id("notes")).getText().contains(note),
                browser.driver.findElement(By.id("notes")).getText());
        assertEquals(List.of(), browser.axeViolations());

        // In progress, with a message for the history.
        WebElement status = browser.tabTo("status-to");
        for (int i = 0; i < 6 && !"IN_PROGRESS".equals(status.getAttribute("value")); i++) {
            browser.press(Keys.ARROW_DOWN);
        }
        assertEquals("IN_PROGRESS", status.getAttribute("value"));
        browser.tabTo("status-message");
        browser.press("Wij pakken dit op met de leidinggevende.");
        submitWith("status-save");
        assertTrue(text().contains("De status is gewijzigd."), text());
        assertEquals("In behandeling", browser.driver.findElement(By.id("status")).getText());
        assertTrue(browser.driver.findElement(By.id("history")).getText().contains("Wij pakken dit op met de leidinggevende."),
                browser.driver.findElement(By.id("history")).getText());
        check("journey-ticket-in-progress");

        // The reporter sees the question with the tracking code; not the note.
        String tracked = given().header("X-Tracking-Token", urgent.token())
                .get("/api/signals/{reference}", urgent.reference()).then().statusCode(200).extract().asString();
        assertTrue(tracked.contains(question), tracked);
        assertFalse(tracked.contains(note), "the internal note stays internal");

        // Back to the queue: no longer new, and "In behandeling" among all tickets.
        follow(browser.driver.findElement(By.cssSelector("nav a[href='/beheer/wachtrij']")));
        assertEquals("Nieuw en urgent", browser.driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());
        browser.tabTo("filter-q");
        browser.press(word);
        submit(Keys.ENTER);
        assertTrue(browser.driver.findElements(By.linkText(urgent.reference())).isEmpty(), text());
        follow(browser.driver.findElement(By.linkText("Alle meldingen")));
        browser.tabTo("filter-q");
        browser.press(word);
        submit(Keys.ENTER);
        assertEquals("In behandeling", cell(rowOf(urgent.reference()), 4));
        assertEquals(List.of(), browser.axeViolations());

        // Signing out ends the session: the copied cookie no longer opens the queue.
        Cookie session = browser.driver.manage().getCookieNamed(Desk.SESSION_COOKIE);
        assertNotNull(session, "signed in with a session cookie");
        assertEquals(200, withSession(session.getValue()).statusCode(), "the cookie opens the queue while signed in");
        browser.tabTo("sign-out");
        submit(Keys.ENTER);
        assertTrue(browser.driver.getCurrentUrl().contains(Desk.SIGN_IN), browser.driver.getCurrentUrl());
        assertTrue(text().contains("Je bent uitgelogd."), text());
        check("journey-signed-out");
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
        return browser.driver.findElements(By.cssSelector(".queue-table tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().equals(reference)).findFirst()
                .orElseThrow(() -> new AssertionError(reference + " is not in the queue: " + text()));
    }

    /** The row's n-th cell, counting the reference as 1. */
    private static String cell(WebElement row, int n) {
        return row.findElement(By.cssSelector(":scope > :nth-child(" + n + ")")).getText();
    }

    /** Gives a link the focus and presses ENTER, as a keyboard user follows it. */
    private static void follow(WebElement link) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].focus()", link);
        submit(Keys.ENTER);
    }

    /** TABs to the button and presses ENTER. */
    private static void submitWith(String button) {
        browser.tabTo(button);
        submit(Keys.ENTER);
    }

    /** Presses the key and waits for the next page. */
    private static void submit(Keys key) {
        WebElement page = browser.driver.findElement(By.tagName("html"));
        browser.press(key);
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> "complete".equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static String text() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.tagName("body")).getText());
    }

    /** Zero axe violations; screenshots at 375 and 1280 px. */
    private static void check(String name) throws IOException {
        List<String> violations = browser.axeViolations();
        assertTrue(violations.isEmpty(), name + ": " + String.join("\n", violations));
        browser.screenshot(name, 375);
        browser.screenshot(name, 1280);
    }
}
