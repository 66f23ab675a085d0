package nl.sglzorg.meldpunt.web;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.evidence.EvidenceService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The reporter's journey in a real headless Chromium, by keyboard only, with screenshots attached;
 * axe-core on every page and error state; a screenshot of each at phone and desktop width, at 320 px
 * and at 200 % zoom, with nothing scrolling sideways (target/screenshots/).
 */
@QuarkusTest
class ReporterJourneyBrowserTest {

    @RegisterExtension
    static final BrowserPerClass browser = BrowserPerClass.start();

    @TestHTTPResource("/")
    URL base;

    @Test
    void shouldFileFollowAndAnswerASignalByKeyboardOnly() throws IOException {
        open("/");
        check("home");
        browser.get().tabTo("way-report");
        browser.get().enter();
        assertTrue(browser.get().driver.getCurrentUrl().endsWith("/melden"), browser.get().driver.getCurrentUrl());
        check("melden");

        browser.get().tabTo("category-MENTION");
        browser.get().press(Keys.SPACE);
        browser.get().tabTo("platform-TWITTER");
        browser.get().press(Keys.ARROW_DOWN); // Facebook
        browser.get().tabTo("description");
        browser.get().press("Op de Facebookpagina van een AC schrijft iemand dat de zorg slecht is.");
        browser.get().tabTo("url");
        browser.get().press("https://www.facebook.com/sglzorg/posts/" + System.nanoTime());
        browser.get().tabTo("check");
        browser.get().enter();

        assertEquals("Controleer je melding – Meldpunt SGL", browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("Communicatie"), "the check page says who handles it");
        check("controleren");
        // Choosing a file is typing its path into the focused file input: what a keyboard user does
        // in the browser's file dialog.
        browser.get().tabTo("file").sendKeys(screenshot("bericht.png", 320, 200).toString());
        submit("send");

        assertEquals("Je melding is verstuurd – Meldpunt SGL", browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("Bij je melding zit 1 afbeelding."), browser.get().text());
        String reference = browser.get().driver.findElement(By.id("reference")).getText();
        String code = browser.get().driver.findElement(By.id("token")).getText();
        assertTrue(reference.matches("SGL-[0-9]{4}-[0-9]+"), reference);
        assertEquals(43, code.length(), code);
        assertTrue(!browser.get().driver.getCurrentUrl().contains(code), "the tracking code is never in the address");
        check("ontvangstbewijs");
        browser.get().tabTo("follow");
        browser.get().enter();

        assertTrue(browser.get().text().contains("Ontvangen"), browser.get().text());
        check("status");
        browser.get().tabTo("text");
        browser.get().press("Het bericht is inmiddels verwijderd, maar ik heb een schermafbeelding.");
        browser.get().tabTo("answer");
        browser.get().enter();
        assertTrue(browser.get().text().contains("Je bericht is verstuurd."), browser.get().text());
        assertTrue(browser.get().text().contains("Het bericht is inmiddels verwijderd"), browser.get().text());
        check("status-beantwoord");

        browser.get().tabTo("file").sendKeys(fake("nep.jpg").toString());
        submit("add-screenshots");
        assertTrue(browser.get().driver.getTitle().startsWith("Fout: "), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("nep.jpg is geen foto of schermafbeelding"), browser.get().text());
        check("status-fout-bestand");
        browser.get().tabTo("file").sendKeys(screenshot("nog-een.png", 300, 600).toString());
        submit("add-screenshots");
        assertTrue(browser.get().text().contains("1 afbeelding toegevoegd."), browser.get().text());
        check("status-afbeelding-toegevoegd");
        // Staff see both screenshots on the ticket.
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then().statusCode(200)
                .body("size()", equalTo(2)).body("width", hasItems(320, 300));

        open("/volgen");
        check("volgen");
        browser.get().tabTo("reference");
        browser.get().press(reference);
        browser.get().tabTo("token");
        browser.get().enter(code);
        assertTrue(browser.get().text().contains("Je melding " + reference), browser.get().text());
        assertTrue(!browser.get().driver.getCurrentUrl().contains(code), "the tracking code is never in the address");
    }

    @Test
    void shouldShowEveryErrorStateAccessibly() throws IOException {
        open("/melden");
        browser.get().tabTo("check");
        browser.get().enter();
        assertTrue(browser.get().driver.getTitle().startsWith("Fout: "), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("Kies wat je wilt melden."), browser.get().text());
        check("melden-fouten");

        // A file that is no image, on the check page: the error is next to the field, nothing is filed.
        open("/melden");
        browser.get().tabTo("category-MENTION");
        browser.get().press(Keys.SPACE);
        browser.get().tabTo("platform-TWITTER");
        browser.get().press(Keys.SPACE);
        browser.get().tabTo("description");
        String description = "Iemand zet een nepbericht over SGL op X " + System.nanoTime();
        browser.get().press(description);
        browser.get().tabTo("check");
        browser.get().enter();
        browser.get().tabTo("file").sendKeys(fake("schermafbeelding.jpg").toString());
        submit("send");
        assertTrue(browser.get().driver.getTitle().startsWith("Fout: Controleer je melding"), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("schermafbeelding.jpg is geen foto of schermafbeelding"), browser.get().text());
        assertTrue(browser.get().text().contains(description), "what was typed is kept");
        assertEquals("file", browser.get().driver.findElement(By.cssSelector(".error-summary a")).getAttribute("hash")
                .substring(1));
        check("controleren-fout-bestand");

        open("/volgen?lang=en");
        browser.get().tabTo("track");
        browser.get().enter();
        assertTrue(browser.get().text().contains("Enter your tracking code."), browser.get().text());
        check("volgen-fouten-en");
        browser.get().tabTo("reference");
        browser.get().press("SGL-2026-999999");
        browser.get().tabTo("token");
        browser.get().enter("geraden");
        assertTrue(browser.get().text().contains("We cannot find a report"), browser.get().text());
        check("volgen-onbekend-en");

        open("/?lang=en");
        check("home-en");
        browser.get().tabTo("way-report");
        browser.get().enter();
        check("melden-en");
    }

    @Test
    void shouldShowTheLimitPageAccessiblyWhenWrongCodesUseUpTheTrackingLimit() throws IOException {
        // 30 look-ups a minute, a wrong code costs 5: the seventh wrong code in a row is over the limit.
        from(TestData.freshClient());
        try {
            wrongCodesUntil("/volgen", "Even wachten");
            assertEquals("Even wachten – Meldpunt SGL", browser.get().driver.getTitle());
            assertTrue(browser.get().text().contains("Probeer het over 1 minuut opnieuw."), browser.get().text());
            check("te-veel");

            // The bucket refills a look-up every two seconds: keep guessing until it is empty again.
            wrongCodesUntil("/volgen?lang=en", "Please wait");
            assertEquals("Please wait – Meldpunt SGL", browser.get().driver.getTitle());
            assertTrue(browser.get().text().contains("Please try again in 1 minute."), browser.get().text());
            check("te-veel-en");
        } finally {
            fromHere();
        }
    }

    @Test
    void shouldShowWhatBecameOfEachScreenshotOnTheStatusPage() throws IOException {
        toCheckPage("Een account doet zich voor als SGL " + System.nanoTime(), null);
        browser.get().tabTo("file").sendKeys(screenshots(4));
        submit("send");
        assertTrue(browser.get().text().contains("Bij je melding zitten 4 afbeeldingen."), browser.get().text());
        String reference = browser.get().driver.findElement(By.id("reference")).getText();
        submit("follow");

        // Five fit: of two more, one is added and the other is named with the reason.
        browser.get().tabTo("file").sendKeys(screenshot("vijf.png", 200, 200) + "\n" + screenshot("zes.png", 210, 200));
        submit("add-screenshots");
        assertTrue(browser.get().text().contains("1 afbeelding toegevoegd."), browser.get().text());
        assertTrue(browser.get().text().contains("zes.png: Bij je melding zijn al 5 afbeeldingen."), browser.get().text());
        assertTrue(browser.get().driver.findElement(By.id("screenshots-failed")).getLocation().getY()
                < browser.get().driver.findElement(By.id("answer-title")).getLocation().getY(),
                "what was not added is said at the top, with what was");
        check("status-deels-toegevoegd");

        // Full: the refusal is the field's error.
        browser.get().tabTo("file").sendKeys(screenshot("zeven.png", 220, 200).toString());
        submit("add-screenshots");
        assertTrue(browser.get().driver.getTitle().startsWith("Fout: "), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("Bij je melding zijn al 5 afbeeldingen. Meer kan niet."), browser.get().text());
        check("status-vol");

        // An empty answer.
        submit("answer");
        assertTrue(browser.get().text().contains("Schrijf een bericht."), browser.get().text());
        check("status-fout-antwoord");

        // Staff answer, resolve and close it: the reply stands out, and an answer is refused in words.
        staff(reference, "transitions", Map.of("status", "IN_PROGRESS", "message", "Opgepakt.", "visibleToReporter", false));
        staff(reference, "notes", Map.of("text", "Dank je, we nemen contact op met het platform.", "visibleToReporter", true));
        staff(reference, "transitions", Map.of("status", "RESOLVED", "message", "Het account is verwijderd.",
                "visibleToReporter", true));
        staff(reference, "transitions", Map.of("status", "CLOSED", "message", "Afgesloten.", "visibleToReporter", false));
        browser.get().tabTo("text");
        browser.get().press("Dank jullie wel!");
        submit("answer");
        assertTrue(browser.get().text().contains("Deze melding is afgesloten."), browser.get().text());
        assertTrue(browser.get().text().contains("Het account is verwijderd."), browser.get().text());
        check("status-afgesloten");
    }

    @Test
    void shouldSayOnTheReceiptWhichScreenshotsWereNotAddedAndThatItJoinedAnEarlierReport() throws IOException {
        // Someone reported this post already; this reporter has almost used up their messages (20 an
        // hour): one of the two screenshots is still added, the other is named on the receipt.
        String url = "https://x.com/sglzorg/status/" + System.nanoTime();
        Map<String, Object> earlier = TestData.signal("MENTION", "TWITTER");
        earlier.put("url", url);
        var filed = TestData.api().contentType("application/json").body(earlier).post("/api/signals").then()
                .statusCode(201).extract();
        String client = TestData.freshClient();
        for (int i = 0; i < 19; i++) {
            TestData.api().header("X-Forwarded-For", client).header("X-Tracking-Token", filed.path("trackingToken"))
                    .contentType("application/json").body(Map.of("text", "Nog iets " + i))
                    .post("/api/signals/{reference}/messages", (String) filed.path("reference")).then().statusCode(201);
        }
        from(client);
        try {
            toCheckPage("Hetzelfde bericht over SGL op X.", url);
            browser.get().tabTo("file").sendKeys(screenshot("een.png", 200, 200) + "\n" + screenshot("twee.png", 210, 200));
            submit("send");
            assertEquals("Je melding is verstuurd – Meldpunt SGL", browser.get().driver.getTitle());
            assertTrue(browser.get().text().contains("Iemand anders meldde hetzelfde bericht al."), browser.get().text());
            assertTrue(browser.get().text().contains("Bij je melding zit 1 afbeelding."), browser.get().text());
            assertTrue(browser.get().text().contains("twee.png: Je hebt in korte tijd veel verstuurd."), browser.get().text());
            check("ontvangstbewijs-afbeelding-mislukt");
        } finally {
            fromHere();
        }
    }

    @Test
    void shouldOfferTheBegeleiderFieldToAClientReportingUnwantedContactWithoutJavaScript() throws IOException {
        open("/melden");
        assertTrue(!browser.get().driver.findElement(By.id("reporter-careWorkerEmail")).isDisplayed(),
                "hidden until a client reports unwanted contact");
        // A radio group is one tab stop; the arrows pick within it.
        browser.get().tabTo("category-MENTION");
        browser.get().press(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN); // unwanted contact
        browser.get().tabTo("platform-TWITTER");
        browser.get().press(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        browser.get().tabTo("description");
        browser.get().press("Een medewerker stuurt mij steeds berichten via WhatsApp. " + System.nanoTime());
        browser.get().tabTo("relation-none");
        browser.get().press(Keys.ARROW_DOWN, Keys.ARROW_DOWN); // client
        assertTrue(browser.get().driver.findElement(By.id("reporter-careWorkerEmail")).isDisplayed(),
                "shown to a client, by CSS alone");
        browser.get().tabTo("reporter-careWorkerEmail");
        browser.get().press("begeleider@sgl-zorg.nl");
        browser.get().tabTo("reporter-careWorkerMayKnowIdentity");
        browser.get().press(Keys.SPACE);
        check("melden-begeleider");

        browser.get().tabTo("check");
        browser.get().enter();
        assertEquals("Controleer je melding – Meldpunt SGL", browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("je begeleider"), browser.get().text());
        check("controleren-begeleider");
    }

    @Test
    void shouldRefuseABegeleiderOutsideSglNextToTheFieldKeepingWhatWasTyped() throws IOException {
        open("/melden");
        browser.get().tabTo("category-MENTION");
        browser.get().press(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN); // unwanted contact
        browser.get().tabTo("platform-TWITTER");
        browser.get().press(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        browser.get().tabTo("description");
        String description = "Een medewerker stuurt mij steeds berichten. " + System.nanoTime();
        browser.get().press(description);
        browser.get().tabTo("relation-none");
        browser.get().press(Keys.ARROW_DOWN, Keys.ARROW_DOWN); // client
        browser.get().tabTo("reporter-careWorkerEmail");
        browser.get().press("begeleider@gmail.com");
        submit("check");

        assertTrue(browser.get().driver.getTitle().startsWith("Fout: "), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains("Vul het e-mailadres van je begeleider bij SGL in"), browser.get().text());
        assertEquals("begeleider@gmail.com",
                browser.get().driver.findElement(By.id("reporter-careWorkerEmail")).getAttribute("value"));
        assertTrue(browser.get().text().contains(description) || browser.get().driver.findElement(By.id("description"))
                .getAttribute("value").equals(description), "what was typed is kept");
        check("melden-begeleider-fout");
    }

    @Test
    void shouldSayNextToTheFileFieldWhenTheDecoderIsBusyKeepingTheSignal() throws IOException {
        QuarkusMock.installMockForType(new ReporterPagesTest.BusyDecoder(), EvidenceService.class);
        String description = "Een nepaccount zet foto's van SGL online " + System.nanoTime();
        toCheckPage(description, null);
        browser.get().tabTo("file").sendKeys(screenshot("druk.png", 320, 200).toString());
        submit("send");

        assertTrue(browser.get().driver.getTitle().startsWith("Fout: Controleer je melding"), browser.get().driver.getTitle());
        assertTrue(browser.get().text().contains(
                "Er worden nu veel afbeeldingen tegelijk verwerkt. Probeer het over 5 seconden opnieuw."),
                browser.get().text());
        assertTrue(browser.get().text().contains(description), "what was typed is kept");
        check("controleren-druk");
    }

    @Test
    void shouldEditFromTheCheckPageKeepingEverything() throws IOException {
        toCheckPage("Een nepaccount op X " + System.nanoTime(), "https://x.com/nep-sgl");
        submit("edit");
        assertEquals("Iets melden – Meldpunt SGL", browser.get().driver.getTitle());
        assertEquals("https://x.com/nep-sgl", browser.get().driver.findElement(By.id("url")).getAttribute("value"));
        check("melden-wijzigen");
    }

    @Test
    void shouldAnswerAnOverSizeUploadWithAnAccessiblePage() throws IOException {
        // One file larger than five of the largest images and the form together (50 MB + 64 KiB): the
        // answer comes from the request's length alone. The file is sparse, so it takes no disk space.
        Path big = temporaryFile("groot.png");
        try (var file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(5L * 10 * 1024 * 1024 + 64 * 1024 + 1);
        }
        try {
            toCheckPage("Een te grote schermafbeelding " + System.nanoTime(), null);
            browser.get().tabTo("file").sendKeys(big.toAbsolutePath().toString());
            submit("send");
            assertEquals("De bestanden zijn te groot – Meldpunt SGL", browser.get().driver.getTitle(), browser.get().text());
            check("te-groot");
        } finally {
            Files.deleteIfExists(big);
            Files.deleteIfExists(big.getParent());
        }
    }

    /** Opens the tracking form and sends a wrong code until the page with this title answers. */
    private void wrongCodesUntil(String path, String title) {
        open(path);
        browser.get().tabTo("reference");
        browser.get().press("SGL-2026-999997");
        browser.get().tabTo("token");
        browser.get().enter("geraden");
        for (int i = 0; i < 15 && !browser.get().driver.getTitle().startsWith(title); i++) {
            assertTrue(browser.get().driver.findElements(By.id("reference-error")).size() == 1, browser.get().text());
            submit("track");
        }
    }

    /** From the form on /melden to its check page: a mention on X with this description (and address). */
    private void toCheckPage(String description, String url) {
        open("/melden");
        browser.get().tabTo("category-MENTION");
        browser.get().press(Keys.SPACE);
        browser.get().tabTo("platform-TWITTER");
        browser.get().press(Keys.SPACE);
        browser.get().tabTo("description");
        browser.get().press(description);
        if (url != null) {
            browser.get().tabTo("url");
            browser.get().press(url);
        }
        submit("check");
        assertTrue(browser.get().driver.getTitle().startsWith("Controleer je melding"), browser.get().driver.getTitle());
    }

    /** The browser's requests come from this client address (127.0.0.1 is a trusted proxy in tests). */
    private void from(String client) {
        browser.get().driver.executeCdpCommand("Network.enable", Map.of());
        browser.get().driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("X-Forwarded-For", client)));
    }

    /** The browser's requests come from 127.0.0.1 again, which no limit holds. */
    private void fromHere() {
        browser.get().driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
    }

    private static void staff(String reference, String what, Map<String, Object> body) {
        TestData.asCommunicatie().contentType("application/json").body(body)
                .post("/api/tickets/{reference}/" + what, reference).then().statusCode(what.equals("notes") ? 201 : 200);
    }

    /** This many PNGs, as the file input takes several: their paths, one a line. */
    private static String screenshots(int count) throws IOException {
        List<String> paths = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            paths.add(screenshot("scherm-" + i + ".png", 100 + 10 * i, 200).toString());
        }
        return String.join("\n", paths);
    }

    /** TABs to the button and submits its form. */
    private void submit(String button) {
        browser.get().tabTo(button);
        browser.get().enter();
    }

    private void open(String path) {
        browser.get().driver.get(base.toString().replaceAll("/$", "") + path);
    }

    /**
     * Zero axe violations; a screenshot at 375 and 1280 px; nothing scrolls sideways at 320 px nor at
     * 200 % zoom (a 1280 px window zoomed is a 640 px layout at two device pixels per CSS pixel).
     */
    private void check(String name) throws IOException {
        browser.get().checkAndPicture(name);
        assertEquals(0, browser.get().reflow(name, 320, 1), name + " scrolls sideways at 320 px");
        assertEquals(0, browser.get().reflow(name, 640, 2), name + " scrolls sideways at 200 % zoom");
    }

    /** A PNG of this size, as a phone's screenshot, in a temporary file. */
    private static Path screenshot(String name, int width, int height) throws IOException {
        return Files.write(temporaryFile(name), TestImages.png(width, height)).toAbsolutePath();
    }

    /** An HTML file with an image's name. */
    private static Path fake(String name) throws IOException {
        return Files.writeString(temporaryFile(name), "<!DOCTYPE html><title>geen afbeelding</title><script>alert(1)</script>")
                .toAbsolutePath();
    }

    /**
     * A file of this name in a directory of its own, both gone when the tests' JVM ends: the directory
     * is registered first, since the JVM deletes in the reverse order.
     */
    private static Path temporaryFile(String name) throws IOException {
        Path directory = Files.createTempDirectory("meldpunt-upload");
        directory.toFile().deleteOnExit();
        Path file = directory.resolve(name);
        file.toFile().deleteOnExit();
        return file;
    }
}
