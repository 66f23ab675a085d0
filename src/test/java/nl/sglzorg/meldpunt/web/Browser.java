package nl.sglzorg.meldpunt.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, as the tests of the reporter pages use
 * it: keyboard input, axe-core checks and screenshots. Missing browser or driver is a failure with
 * the command that installs them, never a skip.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getenv().getOrDefault("MELDPUNT_CHROMIUM", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getenv().getOrDefault("MELDPUNT_CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final String AXE = load("axe/axe.min.js");

    public final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() throws IOException {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver: " + binary
                        + " is missing. Install them with `.ci/browser.sh` (apt-get install chromium chromium-driver),"
                        + " or point MELDPUNT_CHROMIUM and MELDPUNT_CHROMEDRIVER at a Chromium and its driver.");
            }
        }
        Path profile = Files.createTempDirectory("meldpunt-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=nl-NL",
                "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /**
     * Does what leads to another page (a click, ENTER on a button, a link) and waits until the browser
     * shows that page: a form post returns from the click before its answer is there.
     */
    public void andWait(Runnable navigation) {
        // A mark on this page's window rather than a reference to one of its elements: asking Chromium
        // about an element of a document being replaced can answer "unknown error" instead of "stale".
        driver.executeScript("window.meldpuntLeaving = true");
        navigation.run();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.meldpuntLeaving === undefined && document.readyState === 'complete'")));
    }

    /** Types these keys, presses ENTER and waits until the next page has replaced this one. */
    public void enter(CharSequence... before) {
        andWait(() -> {
            if (before.length > 0) {
                press(before);
            }
            press(Keys.ENTER);
        });
    }

    /** The page's text; a page that is being replaced is read again. */
    public String text() {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("body")).getText());
    }

    /** Presses TAB until the element with this id has the focus; fails after 80 presses. */
    public WebElement tabTo(String id) {
        for (int i = 0; i < 80; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement active = driver.switchTo().activeElement();
            if (id.equals(active.getAttribute("id"))) {
                return active;
            }
        }
        throw new AssertionError("TAB never reached #" + id + " on " + driver.getCurrentUrl());
    }

    public void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** The WCAG 2.0, 2.1 and 2.2 A and AA violations axe-core finds on the page, as "rule: target" lines. */
    @SuppressWarnings("unchecked")
    public List<String> axeViolations() {
        JavascriptExecutor js = driver;
        js.executeScript(AXE);
        Map<String, Object> result = (Map<String, Object>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})"
                        + ".then(r => done({violations: r.violations.map(v => v.id + ': ' + v.help + ' @ '"
                        + " + v.nodes.map(n => n.target.join(' ')).join(', '))}))"
                        + ".catch(e => done({violations: ['axe failed: ' + e]}));");
        return (List<String>) result.get("violations");
    }

    /**
     * Fails unless axe-core finds nothing on the page; then saves a screenshot of it at phone (375 px)
     * and desktop (1280 px) width under target/screenshots/, to look at.
     */
    public void checkAndPicture(String name) throws IOException {
        List<String> violations = axeViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(name + " (" + driver.getCurrentUrl() + "): " + String.join("\n", violations));
        }
        screenshot(name, 375);
        screenshot(name, 1280);
    }

    /** A screenshot of the whole page at this width, under target/screenshots/. */
    public void screenshot(String name, int width) throws IOException {
        driver.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height + 140, 8000)));
        Path file = Path.of("target", "screenshots", name + "-" + width + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /**
     * Lays the page out {@code width} CSS pixels wide at {@code scale} device pixels per CSS pixel (a
     * 640 px layout at scale 2 is a 1280 px window zoomed to 200 %; 320 px is the WCAG reflow width),
     * saves a screenshot of it, and answers how many pixels the page is wider than the window (0 when
     * nothing scrolls sideways).
     */
    public long reflow(String name, int width, int scale) throws IOException {
        metrics(width, 900, scale);
        long overflow = (Long) driver.executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
        long height = (Long) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        metrics(width, (int) Math.min(height, 8000), scale);
        Path file = Path.of("target", "screenshots", name + "-" + width + "px-x" + scale + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        return overflow;
    }

    private void metrics(int width, int height, int scale) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", false));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String load(String resource) {
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
