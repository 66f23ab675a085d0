package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The figures page in a real headless Chromium: the charts are drawn from the tables (canvas pixels,
 * no script error, no CSP violation), axe finds nothing, and with JavaScript off the tables are all
 * there. Screenshots at 375 and 1280 px under target/screenshots/.
 */
@QuarkusTest
class FiguresBrowserTest {

    /**
     * Runs before any script of the page (CDP-injected, so outside the CSP): collects script errors,
     * failed loads, console errors and CSP violations into {@code window.meldpuntProblems}.
     */
    private static final String WATCH = "window.meldpuntProblems = [];"
            + "window.addEventListener('error', function (e) { window.meldpuntProblems.push('error: '"
            + " + (e.message || (e.target && (e.target.src || e.target.href)) || e.type)); }, true);"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.meldpuntProblems.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI); });"
            + "var consoleError = console.error; console.error = function () {"
            + " window.meldpuntProblems.push('console: ' + Array.prototype.join.call(arguments, ' '));"
            + " return consoleError.apply(console, arguments); };";

    @RegisterExtension
    static final BrowserPerClass browser = Desk.browserSignedIn(TestData.ADMIN, TestData.ADMIN_PASSWORD);

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void setUpBrowser() {
        browser.get().driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
    }

    @Test
    void shouldDrawTheChartsOverTheTablesWithoutErrors() throws IOException {
        fileThisMonth();

        open("/beheer/cijfers");

        List<?> painted = (List<?>) browser.get().driver.executeScript(
                "return Array.from(document.querySelectorAll('canvas')).map(function (c) {"
                        + " var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
                        + " for (var i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n; });");
        assertEquals(4, painted.size(), "a chart for each table: " + painted);
        for (Object pixels : painted) {
            assertTrue(((Long) pixels) > 1000, "every chart is drawn: " + painted);
        }
        assertEquals("true", browser.get().driver.findElement(By.tagName("canvas")).getAttribute("aria-hidden"));
        assertEquals(List.of(), problems());
        browser.get().checkAndPicture("cijfers");

        open("/beheer/cijfers/export.csv?van=2026-11-31&tot=2026-11-30");
        assertTrue(browser.get().driver.findElement(By.id("van-error")).getText().contains("jaar-maand-dag"));
        assertEquals(List.of(), problems());
        browser.get().checkAndPicture("cijfers-fout");
    }

    @Test
    void shouldShowTheTablesWithJavaScriptOff() throws IOException {
        fileThisMonth();
        browser.get().driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            open("/beheer/cijfers");
            assertEquals(0, browser.get().driver.findElements(By.tagName("canvas")).size());
            assertEquals(4, browser.get().driver.findElements(By.cssSelector("table caption")).size());
            String text = browser.get().driver.findElement(By.tagName("main")).getText();
            assertTrue(text.contains("Signalen per week, per categorie") && text.contains("Signalen per week, per kanaal")
                    && text.contains("Termijnen gehaald"), text);
            browser.get().screenshot("cijfers-zonder-js", 1280);
        } finally {
            browser.get().driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
        // axe itself is a script: checked with scripts on, on the same page.
        open("/beheer/cijfers");
        assertEquals(List.of(), browser.get().axeViolations());
    }

    private void open(String path) {
        browser.get().driver.get(base.toString().replaceAll("/$", "") + path);
    }

    private static List<?> problems() {
        return (List<?>) browser.get().driver.executeScript("return window.meldpuntProblems || ['the watcher did not run'];");
    }

    /** A few signals filed now, so this month's charts have bars. */
    private static void fileThisMonth() {
        for (String[] signal : List.of(new String[] {"MENTION", "TWITTER"}, new String[] {"MENTION", "FACEBOOK"},
                new String[] {"DERAILED_DISCUSSION", "LINKEDIN"})) {
            given().header("X-Forwarded-For", TestData.freshClient()).contentType(ContentType.JSON)
                    .body(TestData.signal(signal[0], signal[1])).post("/api/signals").then().statusCode(201);
        }
    }
}
