package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Communicatie's morning triage in a real headless Chromium: the queue opens on "Nieuw en urgent",
 * they filter, save the filter as a view and open it. axe-core on the queue, an empty queue and the
 * save form's error; screenshots at phone and desktop width (target/screenshots/).
 */
@QuarkusTest
class QueuePageBrowserTest {

    private static Browser browser;
    private static boolean signedIn;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start();
    }

    /** Signs communicatie in through the sign-in page once; the session cookie carries it from then on. */
    @BeforeEach
    void signIn() {
        if (!signedIn) {
            Desk.signIn(browser, base.toString(), TestData.ADMIN, TestData.ADMIN_PASSWORD);
            signedIn = true;
        }
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldTriageFromTheQueueAndKeepAView() throws IOException {
        String word = "zw" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        String urgent = file("CONFIDENTIAL_INFORMATION", "WHATSAPP", word);
        String mention = file("MENTION", "TWITTER", word);
        String derailed = file("DERAILED_DISCUSSION", "FACEBOOK", word);
        // One passed, one past its warning: the badges must read well too.
        Instant now = Instant.now();
        QueuePageTest.setDeadline(urgent, now.minus(Duration.ofHours(1)), now.minus(Duration.ofHours(2)));
        QueuePageTest.setDeadline(derailed, now.plus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(5)));

        browser.driver.get(base + "beheer/wachtrij");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/beheer/wachtrij?status=NEW&sort=priority"),
                browser.driver.getCurrentUrl());
        assertEquals("Nieuw en urgent", browser.driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());
        assertEquals(List.of(), browser.axeViolations());
        browser.screenshot("queue", 375);
        browser.screenshot("queue", 1280);

        // Filter the new ones by the word, the most urgent first.
        browser.driver.findElement(By.id("filter-q")).sendKeys(word);
        browser.andWait(() -> browser.driver.findElement(By.id("filter-apply")).click());
        List<String> rows = browser.driver.findElements(By.cssSelector(".queue-table tbody th a")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, rows.size());
        assertEquals(urgent, rows.get(0));
        assertEquals(List.of("Te laat", "Bijna te laat"), browser.driver.findElements(By.cssSelector(".queue-table .badge"))
                .stream().map(WebElement::getText).toList());
        assertTrue(rows.contains(mention));
        assertEquals(List.of(), browser.axeViolations());
        browser.screenshot("queue-badges", 375);
        browser.screenshot("queue-badges", 1280);

        // Narrow to WhatsApp and save it, first without a name.
        new Select(browser.driver.findElement(By.id("filter-platform"))).selectByValue("WHATSAPP");
        browser.andWait(() -> browser.driver.findElement(By.id("filter-apply")).click());
        browser.andWait(() -> browser.driver.findElement(By.id("view-save")).click());
        assertTrue(browser.driver.getTitle().startsWith("Fout: Wachtrij"), browser.driver.getTitle());
        assertEquals("Geef de weergave een naam.",
                browser.driver.findElement(By.cssSelector(".error-summary a[href='#view-name']")).getText());
        assertEquals(List.of(), browser.axeViolations());
        browser.screenshot("queue-save-error", 375);
        browser.screenshot("queue-save-error", 1280);

        String name = "WhatsApp " + word.substring(2, 8);
        browser.driver.findElement(By.id("view-name")).sendKeys(name);
        browser.andWait(() -> browser.driver.findElement(By.id("view-save")).click());
        assertEquals("De weergave is bewaard. Je vindt hem bij Weergaven.",
                browser.driver.findElement(By.cssSelector(".success")).getText());

        // Elsewhere, then back through the view.
        browser.andWait(() -> browser.driver.findElement(By.linkText("Deadline vandaag")).click());
        browser.andWait(() -> browser.driver.findElement(By.linkText(name)).click());
        assertTrue(browser.driver.getCurrentUrl().contains("platform=WHATSAPP"), browser.driver.getCurrentUrl());
        assertEquals(List.of(urgent), browser.driver.findElements(By.cssSelector(".queue-table tbody th a")).stream()
                .map(WebElement::getText).toList());
        assertEquals(name, browser.driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());

        // A filter nothing matches.
        browser.driver.get(base + "beheer/wachtrij?q=zwnietsgevonden" + word.substring(2, 8));
        assertEquals("Er zijn geen meldingen die bij dit filter passen.",
                browser.driver.findElement(By.cssSelector("p.notice")).getText());
        assertEquals(List.of(), browser.axeViolations());
        browser.screenshot("queue-empty", 375);
        browser.screenshot("queue-empty", 1280);
    }

    private static String file(String category, String platform, String word) {
        Map<String, Object> signal = new HashMap<>(TestData.signal(category, platform));
        signal.put("description", "Er wordt over SGL geschreven, kenmerk " + word + ".");
        return given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
    }
}
