package nl.sglzorg.meldpunt.web.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * A manager opens the acknowledge link from the e-mail the test SMTP server received, confirms by
 * keyboard and sees it done; the same link again says it was used; an expired and a broken link say
 * so; a leidinggevende's "Mijn escalaties", also when an acknowledgement is refused. axe-core on each
 * page, screenshots at 375 and 1280 px (target/screenshots/).
 */
@QuarkusTest
class AcknowledgeBrowserTest {

    @RegisterExtension
    static final BrowserPerClass browser = BrowserPerClass.start();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldAcknowledgeFromTheEmailAndSayWhenALinkCannotBeUsed() throws IOException {
        String manager = Escalations.uniqueEmail("leiding");
        String unit = Escalations.unitManagedBy(manager);
        String reference = Escalations.fileMention();
        long id = Escalations.escalate(reference, unit, "Er komen steeds meer boze reacties onder het bericht");
        String link = Escalations.linkIn(Mailbox.part(Escalations.awaitEscalationMail(manager, reference), "text/html")
                .replace("&amp;", "&"));

        open(link);
        assertEquals(reference, browser.get().driver.findElement(By.id("reference")).getText());
        browser.get().checkAndPicture("bevestigen-open");
        browser.get().tabTo("confirm");
        browser.get().andWait(() -> browser.get().press(Keys.ENTER));
        assertTrue(browser.get().driver.getCurrentUrl().contains("/beheer/bevestigen/klaar?t="), browser.get().driver.getCurrentUrl());
        assertTrue(browser.get().driver.findElement(By.id("outcome")).getText().startsWith("Je hebt de escalatie bevestigd op"));
        browser.get().checkAndPicture("bevestigen-klaar");
        assertEquals(manager, Escalations.escalation(reference, id).get("acknowledgedBy"));

        open(link);
        assertTrue(browser.get().driver.findElement(By.id("outcome")).getText()
                .startsWith("Deze escalatie is al bevestigd (op "), browser.get().driver.getPageSource());
        assertTrue(browser.get().driver.findElements(By.id("confirm")).isEmpty());
        browser.get().checkAndPicture("bevestigen-al-gebruikt");

        String late = Escalations.fileMention();
        long lateId = Escalations.escalate(late, unit, "Niemand reageert");
        String lateLink = Escalations.linkIn(Mailbox.part(Escalations.awaitEscalationMail(manager, late), "text/plain"));
        try {
            TestClock.INSTANCE.setNow(Instant.parse((String) Escalations.escalation(late, lateId).get("acknowledgeBy"))
                    .plusSeconds(60));
            open(lateLink);
            assertEquals("Deze link is verlopen", browser.get().driver.findElement(By.tagName("h1")).getText());
            browser.get().checkAndPicture("bevestigen-verlopen");
        } finally {
            TestClock.INSTANCE.reset();
        }

        open(link.substring(0, link.length() - 3) + "xyz");
        assertEquals("Deze link klopt niet", browser.get().driver.findElement(By.tagName("h1")).getText());
        browser.get().checkAndPicture("bevestigen-klopt-niet");
    }

    @Test
    void shouldShowMyEscalationsAndSayWhyAnAcknowledgementWasRefused() throws IOException {
        String manager = Escalations.uniqueEmail("leiding");
        String unit = Escalations.unitManagedBy(manager);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
        String done = Escalations.fileMention();
        long doneId = Escalations.escalate(done, unit, "Al opgepakt");
        String open = Escalations.fileMention();
        long openId = Escalations.escalate(open, unit, "Reacties lopen uit de hand op Twitter");
        String taken = Escalations.fileMention();
        long takenId = Escalations.escalate(taken, unit, "Loopt al in een ander venster");
        acknowledgeAs(leidinggevende, done, doneId);
        try {
            signIn(leidinggevende);
            open("/beheer/escalaties");
            assertTrue(browser.get().driver.findElement(By.id("escalation-" + openId)).getText().contains(open));
            browser.get().checkAndPicture("escalaties");

            // Taken up in another window (through the API) while the page is open: the button then says so.
            acknowledgeAs(leidinggevende, taken, takenId);
            browser.get().tabTo("acknowledge-" + takenId);
            browser.get().andWait(() -> browser.get().press(Keys.ENTER));
            assertTrue(browser.get().driver.findElement(By.className("error-summary")).getText()
                    .contains("Deze escalatie is al bevestigd"));
            browser.get().checkAndPicture("escalaties-al-bevestigd");

            browser.get().tabTo("acknowledge-" + openId);
            browser.get().andWait(() -> browser.get().press(Keys.ENTER));
            assertTrue(browser.get().driver.getCurrentUrl().endsWith("/beheer/escalaties?bevestigd=" + openId));
            assertTrue(browser.get().driver.findElement(By.className("success")).getText().contains(open));
            browser.get().checkAndPicture("escalaties-bevestigd");
        } finally {
            browser.get().driver.manage().deleteAllCookies(); // the other test opens the link signed out
        }
    }

    private static void acknowledgeAs(String username, String reference, long id) {
        TestData.as(username).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference, id)
                .then().statusCode(200);
    }

    /** Signs in through the sign-in page, with {@link TestData#STAFF_PASSWORD}. */
    private void signIn(String username) {
        Desk.signIn(browser.get(), base.toString(), username);
    }

    private void open(String path) {
        browser.get().driver.get(base.toString().replaceAll("/$", "") + path);
    }
}
