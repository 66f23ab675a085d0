package nl.sglzorg.meldpunt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The reporter's journey in a real headless Chromium, by keyboard only; axe-core on every page and
 * error state; a screenshot of each at phone and desktop width (target/screenshots/).
 */
@QuarkusTest
class ReporterJourneyBrowserTest {

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
    void shouldFileFollowAndAnswerASignalByKeyboardOnly() throws IOException {
        open("/");
        check("home");
        browser.tabTo("way-report");
        browser.press(Keys.ENTER);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/melden"), browser.driver.getCurrentUrl());
        check("melden");

        browser.tabTo("category-MENTION");
        browser.press(Keys.SPACE);
        browser.tabTo("platform-TWITTER");
        browser.press(Keys.ARROW_DOWN); // Facebook
        browser.tabTo("description");
        browser.press("Op de Facebookpagina van een AC schrijft iemand dat de zorg slecht is.");
        browser.tabTo("url");
        browser.press("https://www.facebook.com/sglzorg/posts/" + System.nanoTime());
        browser.tabTo("check");
        browser.press(Keys.ENTER);

        assertEquals("Controleer je melding – Meldpunt SGL", browser.driver.getTitle());
        assertTrue(text().contains("Communicatie"), "the check page says who handles it");
        check("controleren");
        browser.tabTo("send");
        browser.press(Keys.ENTER);

        assertEquals("Je melding is verstuurd – Meldpunt SGL", browser.driver.getTitle());
        String reference = browser.driver.findElement(By.id("reference")).getText();
        String code = browser.driver.findElement(By.id("token")).getText();
        assertTrue(reference.matches("SGL-[0-9]{4}-[0-9]+"), reference);
        assertEquals(43, code.length(), code);
        assertTrue(!browser.driver.getCurrentUrl().contains(code), "the tracking code is never in the address");
        check("ontvangstbewijs");
        browser.tabTo("follow");
        browser.press(Keys.ENTER);

        assertTrue(text().contains("Ontvangen"), text());
        check("status");
        browser.tabTo("text");
        browser.press("Het bericht is inmiddels verwijderd, maar ik heb een schermafbeelding.");
        browser.tabTo("answer");
        browser.press(Keys.ENTER);
        assertTrue(text().contains("Je bericht is verstuurd."), text());
        assertTrue(text().contains("Het bericht is inmiddels verwijderd"), text());
        check("status-beantwoord");

        open("/volgen");
        check("volgen");
        browser.tabTo("reference");
        browser.press(reference);
        browser.tabTo("token");
        browser.press(code, Keys.ENTER);
        assertTrue(text().contains("Je melding " + reference), text());
        assertTrue(!browser.driver.getCurrentUrl().contains(code), "the tracking code is never in the address");
    }

    @Test
    void shouldShowEveryErrorStateAccessibly() throws IOException {
        open("/melden");
        browser.tabTo("check");
        browser.press(Keys.ENTER);
        assertTrue(browser.driver.getTitle().startsWith("Fout: "), browser.driver.getTitle());
        assertTrue(text().contains("Kies wat je wilt melden."), text());
        check("melden-fouten");

        open("/volgen?lang=en");
        browser.tabTo("track");
        browser.press(Keys.ENTER);
        assertTrue(text().contains("Enter your tracking code."), text());
        check("volgen-fouten-en");
        browser.tabTo("reference");
        browser.press("SGL-2026-999999");
        browser.tabTo("token");
        browser.press("geraden", Keys.ENTER);
        assertTrue(text().contains("We cannot find a report"), text());
        check("volgen-onbekend-en");

        open("/?lang=en");
        check("home-en");
        browser.tabTo("way-report");
        browser.press(Keys.ENTER);
        check("melden-en");
    }

    /** The page's text, once the page a key press asked for has replaced the one before it. */
    private String text() {
        return new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.tagName("body")).getText());
    }

    private void open(String path) {
        browser.driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /** Zero axe violations, and a screenshot at 375 and 1280 px. */
    private void check(String name) throws IOException {
        List<String> violations = browser.axeViolations();
        assertTrue(violations.isEmpty(), name + ": " + String.join("\n", violations));
        browser.screenshot(name, 375);
        browser.screenshot(name, 1280);
    }
}
