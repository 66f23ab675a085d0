package nl.sglzorg.meldpunt.web.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.notification.EmailStatus;
import nl.sglzorg.meldpunt.notification.OutboxEmail;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Communicatie keeps the directory by keyboard only: adds a unit (after a mistake), adds a user for
 * it, changes the region of a function's contact, and looks at the failed e-mails. axe-core on every
 * page and error state; screenshots at phone and desktop width under target/screenshots/.
 */
@QuarkusTest
class DirectoryBrowserTest {

    @RegisterExtension
    static final BrowserPerClass browser = Desk.browserSignedIn(TestData.ADMIN, TestData.ADMIN_PASSWORD);

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldKeepTheDirectoryByKeyboard() throws IOException {
        String unit = TestData.unique("BT").toUpperCase();
        String username = TestData.unique("toetsenbord").toLowerCase();
        String region = "Regio " + TestData.unique("R");
        long contact = TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Rob Regio", "email", "rob@sgl-zorg.nl", "region", "Oude regio " + region))
                .post("/api/functions/REGIONAL_MANAGER/contacts").then().statusCode(201)
                .extract().<Number>path("id").longValue();
        try {
            open("/beheer/organisatie");
            check("organisatie-functies");

            // A unit: first without a name, then right.
            open("/beheer/organisatie/eenheden");
            check("organisatie-eenheden");
            browser.get().tabTo("new-unit");
            enter();
            check("eenheid-nieuw");
            browser.get().tabTo("code");
            browser.get().press(unit);
            browser.get().tabTo("managerEmail");
            browser.get().press("leiding-" + unit.toLowerCase() + "@sgl-zorg.nl");
            submit("save-unit");
            assertEquals("Fout: Nieuwe eenheid – Meldpunt beheer", browser.get().driver.getTitle());
            assertEquals(unit, browser.get().driver.findElement(By.id("code")).getAttribute("value"));
            check("eenheid-fout");
            browser.get().tabTo("name");
            browser.get().press("Browserteam " + unit);
            submit("save-unit");
            assertTrue(browser.get().driver.getCurrentUrl().contains("/beheer/organisatie/eenheden?opgeslagen="));
            assertTrue(text().contains("De eenheid is opgeslagen."), text());
            assertTrue(text().contains("Browserteam " + unit));

            // A user who manages that unit: first with a short password.
            open("/beheer/organisatie/gebruikers");
            check("organisatie-gebruikers");
            browser.get().tabTo("new-user");
            enter();
            browser.get().tabTo("username");
            browser.get().press(username);
            browser.get().tabTo("password");
            browser.get().press("kort");
            browser.get().tabTo("roles-leidinggevende");
            browser.get().press(Keys.SPACE);
            submit("save-user");
            assertTrue(browser.get().driver.getTitle().startsWith("Fout: "), browser.get().driver.getTitle());
            check("gebruiker-fout");
            browser.get().tabTo("password");
            browser.get().press(TestData.STAFF_PASSWORD);
            browser.get().tabTo("unit");
            browser.get().press("Browserteam");
            submit("save-user");
            assertTrue(text().contains("De gebruiker is aangemaakt."), text());
            check("gebruiker");
            TestData.asCommunicatie().get("/api/users/{u}", username).then().statusCode(200)
                    .body("unit", org.hamcrest.Matchers.equalTo(unit))
                    .body("roles", org.hamcrest.Matchers.equalTo(List.of("leidinggevende")));

            // The region of a function's contact.
            open("/beheer/organisatie/functies/REGIONAL_MANAGER");
            check("functie");
            browser.get().tabTo("contact-" + contact);
            enter();
            check("contactpersoon");
            browser.get().tabTo("region");
            browser.get().press(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            submit("save-contact");
            check("contactpersoon-fout");
            browser.get().tabTo("region");
            browser.get().press(region);
            submit("save-contact");
            assertTrue(text().contains("De contactpersoon is opgeslagen."), text());
            TestData.asCommunicatie().get("/api/functions/REGIONAL_MANAGER/contacts/{id}", contact)
                    .then().body("region", org.hamcrest.Matchers.equalTo(region));

            // The failed e-mails.
            parkAnEmail();
            open("/beheer/e-mails");
            check("e-mails");
            browser.get().tabTo("filter-SENT");
            enter();
            check("e-mails-verstuurd");
        } finally {
            TestData.asCommunicatie().delete("/api/functions/REGIONAL_MANAGER/contacts/{id}", contact);
        }
    }

    private void open(String path) {
        browser.get().driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /** ENTER on a link or button, and wait for the page it leads to. */
    private static void enter() {
        browser.get().andWait(() -> browser.get().press(Keys.ENTER));
    }

    private static void submit(String button) {
        browser.get().tabTo(button);
        enter();
    }

    private static String text() {
        return browser.get().driver.findElement(By.tagName("body")).getText();
    }

    private static void check(String name) throws IOException {
        browser.get().checkAndPicture("desk-" + name);
    }

    private static void parkAnEmail() {
        String reference = io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .header("X-Forwarded-For", TestData.freshClient())
                .body(TestData.signal("MENTION", "LINKEDIN")).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                    long ticketId = Ticket.findByReference(reference).orElseThrow().id;
                    OutboxEmail email = OutboxEmail.<OutboxEmail>find("ticketId = ?1 and recipient = ?2",
                            ticketId, "nieuws@sgl-zorg.nl").firstResult();
                    if (email == null || email.status != EmailStatus.SENT) {
                        return null;
                    }
                    email.status = EmailStatus.FAILED;
                    email.attempts = 8;
                    email.lastError = "MailConnectionException: Connection refused";
                    email.sentAt = null;
                    return email.id;
                }), Objects::nonNull);
    }
}
