package nl.sglzorg.meldpunt.web.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Tickets;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A staff member takes a signal by phone in a real headless Chromium: from the desk's navigation to
 * "Melding aannemen", a mistake first, then the confirmation with the code to read out, the ticket
 * and the queue filtered by channel. axe-core on each page; screenshots at 375 and 1280 px.
 */
@QuarkusTest
class TakeSignalBrowserTest {

    @RegisterExtension
    static final BrowserPerClass browser = Desk.browserSignedIn(TestData.ADMIN, TestData.ADMIN_PASSWORD);

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldTakeAPhoneSignalAndFindItInTheQueue() throws IOException {
        var driver = browser.get().driver;
        String word = Tickets.uniqueWord();
        driver.get(base + "beheer/wachtrij?sort=newest");
        browser.get().andWait(() -> driver.findElement(By.linkText("Melding aannemen")).click());
        assertTrue(driver.getCurrentUrl().endsWith("/beheer/melden"), driver.getCurrentUrl());
        browser.get().checkAndPicture("take");

        // Sent without a channel or a platform: both named, what was typed kept.
        driver.findElement(By.id("category-MENTION")).click();
        driver.findElement(By.id("description")).sendKeys("Een beller zag op Facebook een bericht, kenmerk " + word);
        driver.findElement(By.id("reporter-name")).sendKeys("Mevrouw Janssen");
        browser.get().andWait(() -> driver.findElement(By.id("take")).click());
        assertTrue(driver.getTitle().startsWith("Fout: Melding aannemen"), driver.getTitle());
        assertEquals("Kies hoe de melding binnenkwam: telefoon of persoonlijk.",
                driver.findElement(By.cssSelector(".error-summary a[href='#channel-PHONE']")).getText());
        assertEquals("Mevrouw Janssen", driver.findElement(By.id("reporter-name")).getAttribute("value"));
        browser.get().checkAndPicture("take-errors");

        driver.findElement(By.id("channel-PHONE")).click();
        driver.findElement(By.id("platform-FACEBOOK")).click();
        browser.get().andWait(() -> driver.findElement(By.id("take")).click());
        assertTrue(driver.getCurrentUrl().matches(".*/beheer/melden/SGL-\\d{4}-\\d+"), driver.getCurrentUrl());
        String reference = driver.findElement(By.id("reference")).getText();
        assertEquals(43, driver.findElement(By.id("token")).getText().length(), "the code to read out");
        assertEquals("telefoon", driver.findElement(By.id("taken-channel")).getText());
        browser.get().checkAndPicture("taken");

        browser.get().andWait(() -> driver.findElement(By.id("open-ticket")).click());
        assertEquals("Telefoon, aangenomen door " + TestData.ADMIN, driver.findElement(By.id("channel")).getText());

        driver.get(base + "beheer/wachtrij?sort=newest&q=" + word);
        new Select(driver.findElement(By.id("filter-channel"))).selectByValue("PHONE");
        browser.get().andWait(() -> driver.findElement(By.id("filter-apply")).click());
        List<WebElement> rows = driver.findElements(By.cssSelector(".queue-table tbody tr"));
        assertEquals(1, rows.size());
        assertEquals(reference, rows.get(0).findElement(By.cssSelector("th a")).getText());
        assertTrue(rows.get(0).getText().contains("Telefoon"), rows.get(0).getText());
        browser.get().checkAndPicture("queue-by-channel");
    }
}
