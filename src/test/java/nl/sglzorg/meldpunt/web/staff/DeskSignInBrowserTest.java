package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A staff member signs in, opens "Mijn account" and signs out, by keyboard only, in headless
 * Chromium: axe-core finds nothing on the sign-in page, its error states and the account page, and
 * each is saved at phone and desktop width (target/screenshots/desk-*.png).
 */
@QuarkusTest
class DeskSignInBrowserTest {

    private static Browser browser;
    private static String client;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = Browser.start();
        // A client address of its own: the wrong passwords below count against it, not against 127.0.0.1.
        client = TestData.freshClient();
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("X-Forwarded-For", client)));
    }

    @AfterAll
    static void quitBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldSignInOpenTheAccountAndSignOutByKeyboardOnly() throws IOException {
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        Desk.signIn(user); // signed in elsewhere too: the account page lists that browser
        open("/beheer/account");
        assertTrue(browser.driver.getCurrentUrl().contains("/beheer/inloggen?terug=%2Fbeheer%2Faccount"),
                browser.driver.getCurrentUrl());
        check("desk-sign-in");

        browser.tabTo("sign-in");
        enter();
        assertTrue(text().contains("Vul je gebruikersnaam in."), text());
        check("desk-sign-in-empty");

        browser.tabTo("username");
        browser.press(user);
        browser.tabTo("password");
        browser.press("niet-het-goede-wachtwoord");
        enter();
        assertTrue(text().contains(SignInPage.WRONG), text());
        assertEquals(user, browser.driver.findElement(By.id("username")).getAttribute("value"));
        assertEquals("", browser.driver.findElement(By.id("password")).getAttribute("value"));
        check("desk-sign-in-wrong");

        browser.tabTo("password");
        enter(TestData.STAFF_PASSWORD);
        assertTrue(browser.driver.getCurrentUrl().endsWith("/beheer/account"), browser.driver.getCurrentUrl());
        assertEquals("Mijn account – Meldpunt beheer", browser.driver.getTitle());
        assertTrue(text().contains("Ingelogd als " + user), text());
        assertTrue(text().contains("Dit apparaat"), text());
        check("desk-account");

        browser.tabTo("sign-out");
        enter();
        assertTrue(text().contains("Je bent uitgelogd."), text());
        check("desk-signed-out");
        open("/beheer/account");
        assertTrue(browser.driver.getCurrentUrl().contains("/beheer/inloggen"), browser.driver.getCurrentUrl());
    }

    @Test
    void shouldShowTheLockedPageWhenTheNameIsLockedAtThisBrowser() throws IOException {
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", client).auth().preemptive().basic(user, "niet-het-goede-wachtwoord")
                    .get("/api/units").then().statusCode(401);
        }
        open("/beheer/inloggen");

        browser.tabTo("username");
        browser.press(user);
        browser.tabTo("password");
        enter(TestData.STAFF_PASSWORD);

        assertTrue(text().contains("Te veel mislukte pogingen om in te loggen."), text());
        assertTrue(browser.driver.getCurrentUrl().endsWith("/beheer/inloggen"), browser.driver.getCurrentUrl());
        check("desk-sign-in-locked");
    }

    private void enter(CharSequence... before) {
        WebElement page = browser.driver.findElement(By.tagName("html"));
        if (before.length > 0) {
            browser.press(before);
        }
        browser.press(Keys.ENTER);
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private String text() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElement(By.tagName("body")).getText());
    }

    private void open(String path) {
        browser.driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /** Zero axe violations; screenshots at 375 and 1280 px; nothing scrolls sideways at 320 px. */
    private void check(String name) throws IOException {
        List<String> violations = browser.axeViolations();
        assertTrue(violations.isEmpty(), name + ": " + String.join("\n", violations));
        browser.screenshot(name, 375);
        browser.screenshot(name, 1280);
        assertEquals(0, browser.reflow(name, 320, 1), name + " scrolls sideways at 320 px");
    }
}
