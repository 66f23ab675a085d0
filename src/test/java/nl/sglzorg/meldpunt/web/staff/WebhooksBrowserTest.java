package nl.sglzorg.meldpunt.web.staff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import nl.sglzorg.meldpunt.webhook.DeliveryStatus;
import nl.sglzorg.meldpunt.webhook.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The webhooks page in a headless Chromium: adding one with the keyboard, the error next to the
 * field, the secret shown once, a parked delivery; axe finds nothing, and screenshots at 375 and 1280 px.
 */
@QuarkusTest
class WebhooksBrowserTest {

    @RegisterExtension
    static final BrowserPerClass browser = Desk.browserSignedIn(TestData.ADMIN, TestData.ADMIN_PASSWORD);

    @TestHTTPResource("/")
    URL base;

    @AfterEach
    void cleanUp() {
        WebhookReceiver.removeAll();
    }

    @Test
    void shouldAddAWebhookAndShowParkedDeliveries() throws IOException {
        var driver = browser.get().driver;
        driver.get(base.toString().replaceAll("/$", "") + "/beheer/webhooks");
        browser.get().checkAndPicture("webhooks-leeg");

        // Without an event and over http: both errors, next to their fields and in the summary.
        driver.findElement(By.id("url")).sendKeys("http://203.0.113.10/meldpunt");
        browser.get().andWait(() -> driver.findElement(By.id("add-webhook")).click());
        String text = browser.get().text();
        assertTrue(text.contains("Er is iets niet goed"), text);
        assertTrue(driver.findElement(By.id("url-error")).getText().contains("https://"), text);
        browser.get().checkAndPicture("webhooks-fout");

        driver.findElement(By.id("url")).clear();
        driver.findElement(By.id("url")).sendKeys("https://203.0.113.10/meldpunt/teams-kanaal-met-een-lang-adres");
        driver.findElement(By.id("event-0")).click();
        driver.findElement(By.id("event-2")).click();
        driver.findElement(By.id("format-teams")).click();
        browser.get().andWait(() -> driver.findElement(By.id("add-webhook")).click());
        assertTrue(driver.findElement(By.id("secret")).getText().startsWith("whsec_"), browser.get().text());
        browser.get().checkAndPicture("webhook-toegevoegd");

        int id = TestData.asCommunicatie().get("/api/webhooks").then().extract().path("[0].id");
        TestData.asCommunicatie().contentType("application/json")
                .body(java.util.Map.of("url", "https://203.0.113.10/meldpunt/teams-kanaal-met-een-lang-adres",
                        "events", List.of("ticket.filed", "ticket.deadline_breached"), "format", "TEAMS",
                        "enabled", false))
                .put("/api/webhooks/{id}", id).then().statusCode(200);
        WebhookReceiver.delivery(id, "SGL-2026-654321", DeliveryStatus.FAILED);
        driver.get(base.toString().replaceAll("/$", "") + "/beheer/webhooks");
        assertTrue(browser.get().text().contains("Mislukte berichten"));
        // The webhook is off: no button to send it again, but what to do first.
        assertTrue(browser.get().text().contains("De webhook staat uit. Zet hem eerst aan om dit opnieuw te versturen."),
                browser.get().text());
        browser.get().checkAndPicture("webhooks-mislukt");
    }
}
