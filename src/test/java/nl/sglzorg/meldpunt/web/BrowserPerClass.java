package nl.sglzorg.meldpunt.web;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium for a test class: started before its first test and quit after its last.
 * Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrowserPerClass browser = BrowserPerClass.start();
 * ...
 * browser.get().driver.get(base + "melden");
 * </pre>
 *
 * A class's own {@code @BeforeAll} runs after the browser has started, so it may set the browser up
 * further (headers, scripts). {@code Desk.browserSignedIn(...)} is one that signs in to the desk once.
 */
public final class BrowserPerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Consumer<Browser> beforeFirstTest;
    private Browser browser;
    private boolean prepared;

    private BrowserPerClass(Consumer<Browser> beforeFirstTest) {
        this.beforeFirstTest = beforeFirstTest;
    }

    /** A fresh browser, on no page yet. */
    public static BrowserPerClass start() {
        return new BrowserPerClass(browser -> { });
    }

    /**
     * A browser that does this once, just before the class's first test (the application is running
     * then, and the class's {@code @BeforeAll} has run).
     */
    public static BrowserPerClass startAndBeforeFirstTest(Consumer<Browser> beforeFirstTest) {
        return new BrowserPerClass(beforeFirstTest);
    }

    /** The class's browser. */
    public Browser get() {
        if (browser == null) {
            throw new IllegalStateException("The browser runs from before a class's first test to after its last:"
                    + " register it with @RegisterExtension on a static field.");
        }
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        browser = Browser.start();
        prepared = false;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!prepared) {
            beforeFirstTest.accept(browser);
            prepared = true;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
