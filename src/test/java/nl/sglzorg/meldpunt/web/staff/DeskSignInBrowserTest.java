package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * A staff member signs in, opens "Mijn account" and signs out, by keyboard only, in headless
 * Chromium: axe-core finds nothing on the sign-in page, its error states and the account page, and
 * each is saved at phone and desktop width (target/screenshots/desk-*.png).
 */
@QuarkusTest
class DeskSignInBrowserTest {

    @RegisterExtension
    static final BrowserPerClass browser = BrowserPerClass.start();
    private static String client;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void setUpBrowser() {
        // A client address of its own: the wrong passwords below count against it, not against 127.0.0.1.
        client = TestData.freshClient();
        browser.get().driver.executeCdpCommand("Network.enable", Map.of());
        browser.get().driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("X-Forwarded-For", client)));
    }

    @Test
    void shouldSignInOpenTheAccountAndSignOutByKeyboardOnly() throws IOException {
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        Desk.signIn(user); // signed in elsewhere too: the account page lists that browser
        open("/beheer/account");
        assertTrue(browser.get().driver.getCurrentUrl().contains("/beheer/inloggen?terug=%2Fbeheer%2Faccount"),
                browser.get().driver.getCurrentUrl());
        check("desk-sign-in");

        browser.get().tabTo("sign-in");
        browser.get().enter();
        assertTrue(browser.get().text().contains("Vul je gebruikersnaam in."), browser.get().text());
        check("desk-sign-in-empty");

        browser.get().tabTo("username");
        browser.get().press(user);
        browser.get().tabTo("password");
        browser.get().press("niet-het-goede-wachtwoord");
        browser.get().enter();
        assertTrue(browser.get().text().contains(SignInPage.WRONG), browser.get().text());
        assertEquals(user, browser.get().driver.findElement(By.id("username")).getAttribute("value"));
        assertEquals("", browser.get().driver.findElement(By.id("password")).getAttribute("value"));
        check("desk-sign-in-wrong");

        browser.get().tabTo("password");
        browser.get().enter(TestData.STAFF_PASSWORD);
        assertTrue(browser.get().driver.getCurrentUrl().endsWith("/beheer/account"), browser.get().driver.getCurrentUrl());
        assertEquals("Mijn account – Meldpunt beheer", browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("Ingelogd als " + user), browser.get().text());
        assertTrue(browser.get().text().contains("Dit apparaat"), browser.get().text());
        check("desk-account");

        browser.get().tabTo("sign-out");
        browser.get().enter();
        assertTrue(browser.get().text().contains("Je bent uitgelogd."), browser.get().text());
        check("desk-signed-out");
        open("/beheer/account");
        assertTrue(browser.get().driver.getCurrentUrl().contains("/beheer/inloggen"), browser.get().driver.getCurrentUrl());
    }

    @Test
    void shouldShowTheLockedPageWhenTheNameIsLockedAtThisBrowser() throws IOException {
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", client).auth().preemptive().basic(user, "niet-het-goede-wachtwoord")
                    .get("/api/units").then().statusCode(401);
        }
        open("/beheer/inloggen");

        browser.get().tabTo("username");
        browser.get().press(user);
        browser.get().tabTo("password");
        browser.get().enter(TestData.STAFF_PASSWORD);

        assertTrue(browser.get().text().contains("Te veel mislukte pogingen om in te loggen."), browser.get().text());
        assertTrue(browser.get().driver.getCurrentUrl().endsWith("/beheer/inloggen"), browser.get().driver.getCurrentUrl());
        check("desk-sign-in-locked");
    }

    private void open(String path) {
        browser.get().driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /** Zero axe violations; screenshots at 375 and 1280 px; nothing scrolls sideways at 320 px. */
    private void check(String name) throws IOException {
        browser.get().checkAndPicture(name);
        assertEquals(0, browser.get().reflow(name, 320, 1), name + " scrolls sideways at 320 px");
    }
}
