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
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final BrowserPerClass browser = Desk.browserSignedIn(TestData.ADMIN, TestData.ADMIN_PASSWORD);

    @TestHTTPResource("/")
    URL base;

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

        browser.get().driver.get(base + "beheer/wachtrij");
        assertTrue(browser.get().driver.getCurrentUrl().endsWith("/beheer/wachtrij?status=NEW&sort=priority"),
                browser.get().driver.getCurrentUrl());
        assertEquals("Nieuw en urgent", browser.get().driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());
        browser.get().checkAndPicture("queue");

        // Filter the new ones by the word, the most urgent first.
        browser.get().driver.findElement(By.id("filter-q")).sendKeys(word);
        browser.get().andWait(() -> browser.get().driver.findElement(By.id("filter-apply")).click());
        List<String> rows = browser.get().driver.findElements(By.cssSelector(".queue-table tbody th a")).stream()
                .map(WebElement::getText).toList();
        assertEquals(3, rows.size());
        assertEquals(urgent, rows.get(0));
        assertEquals(List.of("Te laat", "Bijna te laat"), browser.get().driver.findElements(By.cssSelector(".queue-table .badge"))
                .stream().map(WebElement::getText).toList());
        assertTrue(rows.contains(mention));
        browser.get().checkAndPicture("queue-badges");

        // Narrow to WhatsApp and save it, first without a name.
        new Select(browser.get().driver.findElement(By.id("filter-platform"))).selectByValue("WHATSAPP");
        browser.get().andWait(() -> browser.get().driver.findElement(By.id("filter-apply")).click());
        browser.get().andWait(() -> browser.get().driver.findElement(By.id("view-save")).click());
        assertTrue(browser.get().driver.getTitle().startsWith("Fout: Wachtrij"), browser.get().driver.getTitle());
        assertEquals("Geef de weergave een naam.",
                browser.get().driver.findElement(By.cssSelector(".error-summary a[href='#view-name']")).getText());
        browser.get().checkAndPicture("queue-save-error");

        String name = "WhatsApp " + word.substring(2, 8);
        browser.get().driver.findElement(By.id("view-name")).sendKeys(name);
        browser.get().andWait(() -> browser.get().driver.findElement(By.id("view-save")).click());
        assertEquals("De weergave is bewaard. Je vindt hem bij Weergaven.",
                browser.get().driver.findElement(By.cssSelector(".success")).getText());

        // Elsewhere, then back through the view.
        browser.get().andWait(() -> browser.get().driver.findElement(By.linkText("Deadline vandaag")).click());
        browser.get().andWait(() -> browser.get().driver.findElement(By.linkText(name)).click());
        assertTrue(browser.get().driver.getCurrentUrl().contains("platform=WHATSAPP"), browser.get().driver.getCurrentUrl());
        assertEquals(List.of(urgent), browser.get().driver.findElements(By.cssSelector(".queue-table tbody th a")).stream()
                .map(WebElement::getText).toList());
        assertEquals(name, browser.get().driver.findElement(By.cssSelector(".queue-views a[aria-current]")).getText());

        // A filter nothing matches.
        browser.get().driver.get(base + "beheer/wachtrij?q=zwnietsgevonden" + word.substring(2, 8));
        assertEquals("Er zijn geen meldingen die bij dit filter passen.",
                browser.get().driver.findElement(By.cssSelector("p.notice")).getText());
        browser.get().checkAndPicture("queue-empty");
    }

    private static String file(String category, String platform, String word) {
        Map<String, Object> signal = new HashMap<>(TestData.signal(category, platform));
        signal.put("description", "Er wordt over SGL geschreven, kenmerk " + word + ".");
        return given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
    }
}
