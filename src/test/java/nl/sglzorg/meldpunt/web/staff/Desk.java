package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.Browser;
import nl.sglzorg.meldpunt.web.BrowserPerClass;
import nl.sglzorg.meldpunt.web.PageForms;
import org.openqa.selenium.By;

/**
 * A staff member signed in to the desk through its sign-in form, for tests: the session cookie, and
 * the CSRF cookie and token a browser would send with the desk's forms.
 *
 * <pre>
 * Desk desk = Desk.signIn(TestData.createUser(List.of("communicatie"), null, null));
 * desk.get().get("/beheer/account").then().statusCode(200);
 * desk.post().formParam("note", "...").post("/beheer/...").then().statusCode(303);
 * </pre>
 */
public final class Desk {

    public static final String SESSION_COOKIE = "meldpunt-session";
    public static final String SIGN_IN = "/beheer/inloggen";

    /** The session cookie's value. */
    public final String session;
    /** The CSRF cookie's value and the token the desk's forms carry. */
    public final String csrfCookie;
    public final String csrfToken;

    private Desk(String session, String csrfCookie, String csrfToken) {
        this.session = session;
        this.csrfCookie = csrfCookie;
        this.csrfToken = csrfToken;
    }

    /** Signs in with {@link TestData#STAFF_PASSWORD}, the password of every user {@code TestData} makes. */
    public static Desk signIn(String username) {
        return signIn(username, TestData.STAFF_PASSWORD);
    }

    /** Signs in as {@code communicatie}, the first user. */
    public static Desk asCommunicatie() {
        return signIn(TestData.ADMIN, TestData.ADMIN_PASSWORD);
    }

    /** Signs in through the form as a browser does; fails unless the form answers {@code 303} with a session. */
    public static Desk signIn(String username, String password) {
        PageForms forms = PageForms.open(SIGN_IN);
        Response answer = forms.post().formParam("username", username).formParam("password", password).post(SIGN_IN);
        answer.then().statusCode(303);
        String session = answer.cookie(SESSION_COOKIE);
        if (session == null || session.isEmpty()) {
            throw new AssertionError("signed in without a session cookie: " + answer.headers());
        }
        return new Desk(session, forms.cookie, forms.token);
    }

    /** A request with the session and CSRF cookies; redirects are not followed. */
    public RequestSpecification get() {
        return given().cookie(SESSION_COOKIE, session).cookie(PageForms.COOKIE, csrfCookie).redirects().follow(false);
    }

    /** A form post ({@code application/x-www-form-urlencoded}) with the cookies and the CSRF token. */
    public RequestSpecification post() {
        return get().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam(PageForms.FIELD, csrfToken);
    }

    /** A multipart form post, as a form with a file input sends it, with the cookies and the CSRF token. */
    public RequestSpecification upload() {
        return get().contentType("multipart/form-data").multiPart(PageForms.FIELD, csrfToken);
    }

    /**
     * Signs a headless Chromium in through the sign-in page; afterwards it is on the queue (or
     * wherever the desk sent it). {@code baseUrl} is the application's, e.g. {@code @TestHTTPResource("/") URL}.
     */
    public static void signIn(Browser browser, String baseUrl, String username, String password) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        browser.driver.get(base + SIGN_IN);
        browser.driver.findElement(By.id("username")).clear();
        browser.driver.findElement(By.id("username")).sendKeys(username);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.andWait(() -> browser.driver.findElement(By.id("sign-in")).click());
        if (browser.driver.getCurrentUrl().contains(SIGN_IN)) {
            throw new AssertionError("sign-in refused for " + username + ": " + browser.driver.findElement(By.tagName("main")).getText());
        }
    }

    /**
     * A browser for a test class (register it with {@code @RegisterExtension} on a static field) that
     * signs in through the sign-in page once, before the class's first test; the session cookie
     * carries it from then on.
     */
    public static BrowserPerClass browserSignedIn(String username, String password) {
        // REST Assured has the port Quarkus gave the application under test.
        return BrowserPerClass.startAndBeforeFirstTest(
                browser -> signIn(browser, RestAssured.baseURI + ":" + RestAssured.port, username, password));
    }

    /** {@link #signIn(Browser, String, String, String)} with {@link TestData#STAFF_PASSWORD}. */
    public static void signIn(Browser browser, String baseUrl, String username) {
        signIn(browser, baseUrl, username, TestData.STAFF_PASSWORD);
    }
}
