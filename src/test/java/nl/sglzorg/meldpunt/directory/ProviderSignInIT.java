package nl.sglzorg.meldpunt.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.PackagedApp;
import nl.sglzorg.meldpunt.web.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged application against a real OpenID provider: Keycloak, started by
 * {@code .ci/keycloak.sh} with the realm {@code src/test/resources/keycloak/meldpunt-realm.json} and
 * named by {@code MELDPUNT_IT_KEYCLOAK_URL} (without it, this class is skipped; {@code .ci/run} starts one
 * for its PostgreSQL pass). Meldpunt gets the three settings an installation sets. API tokens are the
 * provider's own, fetched with the password grant; the desk's sign-in and sign-out run the whole
 * authorization-code flow in headless Chromium, through Keycloak's own sign-in form.
 */
class ProviderSignInIT {

    private static final String ADMIN_PASSWORD = "provider-it-wachtwoord-1";
    private static final String CLIENT_SECRET = "meldpunt-test-geheim-0123456789abcdef";

    private static String keycloak;
    private static PackagedApp.Database database;
    private static PackagedApp app;

    @BeforeAll
    static void start() throws Exception {
        keycloak = System.getProperty("meldpunt.it.keycloak-url", System.getenv("MELDPUNT_IT_KEYCLOAK_URL"));
        assumeTrue(keycloak != null && !keycloak.isBlank(),
                "no Keycloak: start one with .ci/keycloak.sh and set MELDPUNT_IT_KEYCLOAK_URL");
        database = PackagedApp.Database.fresh("provider-it");
        Map<String, String> environment = new HashMap<>();
        environment.put("MELDPUNT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak + "/realms/meldpunt");
        environment.put("QUARKUS_OIDC_CLIENT_ID", "meldpunt");
        environment.put("QUARKUS_OIDC_CREDENTIALS_SECRET", CLIENT_SECRET);
        environment.put("MELDPUNT_OIDC_GROUPS", "meldpunt-communicatie=communicatie,meldpunt-hr=functionaris:HR_REPRESENTATIVE");
        app = new PackagedApp("meldpunt", database, environment);
        app.start();
        // Anna has a communicatie account in Meldpunt, made by hand; her provider groups map to nothing.
        app.request().auth().preemptive().basic("communicatie", ADMIN_PASSWORD).contentType(ContentType.JSON)
                .body(Map.of("username", "anna", "password", "een-lang-wachtwoord-123", "roles", List.of("communicatie"),
                        "email", "anna.communicatie@sgl-zorg.nl"))
                .post("/api/users").then().statusCode(201);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (app != null) {
                app.stop();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void shouldLetTheTokenOfACommunicatieAccountIn() {
        app.request().auth().oauth2(token("meldpunt", "anna")).get("/api/tickets").then().statusCode(200);
    }

    @Test
    void shouldCreateTheAccountOfSomeoneInAMappedGroup() {
        app.request().auth().oauth2(token("meldpunt", "bert")).get("/api/tickets").then().statusCode(200);

        app.request().auth().preemptive().basic("communicatie", ADMIN_PASSWORD).get("/api/users").then()
                .statusCode(200)
                .body("find { it.email == 'bert.hr@sgl-zorg.nl' }.roles", equalTo(List.of("functionaris")))
                .body("find { it.email == 'bert.hr@sgl-zorg.nl' }.function", equalTo("HR_REPRESENTATIVE"));
    }

    @Test
    void shouldRefuseSomeoneWithoutAnAccountOrAMappedGroup() {
        app.request().auth().oauth2(token("meldpunt", "carla")).get("/api/tickets").then().statusCode(403);

        app.request().auth().preemptive().basic("communicatie", ADMIN_PASSWORD).get("/api/users").then()
                .statusCode(200).body("email", not(hasItem("carla@sgl-zorg.nl")));
    }

    @Test
    void shouldRefuseATokenForAnotherClient() {
        app.request().auth().oauth2(token("andere-app", "anna")).get("/api/tickets").then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenChangedAfterSigning() {
        String[] parts = token("meldpunt", "carla").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("carla@sgl-zorg.nl", "anna.communicatie@sgl-zorg.nl");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        app.request().auth().oauth2(forged).get("/api/tickets").then().statusCode(401);
    }

    @Test
    void shouldTakeTokensSignedWithANewKeyOfTheProvider() {
        String oldKey = keyId(token("meldpunt", "anna"));
        // The provider rotates: a new signing key, preferred over the old one from now on.
        String admin = given().baseUri(keycloak).contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("client_id", "admin-cli").formParam("username", "admin")
                .formParam("password", "admin-wachtwoord-123")
                .post("/realms/master/protocol/openid-connect/token").then().statusCode(200).extract().path("access_token");
        String realmId = given().baseUri(keycloak).auth().oauth2(admin).get("/admin/realms/meldpunt").then().statusCode(200)
                .extract().path("id");
        given().baseUri(keycloak).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "rotated", "providerId", "rsa-generated", "providerType",
                        "org.keycloak.keys.KeyProvider", "parentId", realmId,
                        "config", Map.of("priority", List.of(Long.toString(System.currentTimeMillis())), "keySize", List.of("2048"),
                                "active", List.of("true"), "enabled", List.of("true"), "algorithm", List.of("RS256"))))
                .post("/admin/realms/meldpunt/components").then().statusCode(201);

        String token = token("meldpunt", "anna");

        assertNotEquals(oldKey, keyId(token));
        app.request().auth().oauth2(token).get("/api/tickets").then().statusCode(200);
    }

    /** The id of the key a token says it was signed with. */
    private static String keyId(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @Test
    void shouldSignInAtTheProviderLandOnTheQueueAndSignOutOfBoth() throws Exception {
        String base = "http://127.0.0.1:" + app.port();
        try (Browser browser = Browser.start()) {
            browser.driver.get(base + "/beheer/inloggen");
            assertEquals(List.of(), browser.axeViolations(), "the sign-in page");
            browser.screenshot("oidc-sign-in", 375);
            browser.screenshot("oidc-sign-in", 1280);

            browser.driver.findElement(By.id("sign-in-sgl")).click();
            signInAtKeycloak(browser, "dirk");

            // Dirk's group made him a communicatie account; Meldpunt's own session opens the queue.
            URI landed = URI.create(browser.driver.getCurrentUrl());
            assertEquals(app.port(), landed.getPort(), browser.driver.getCurrentUrl());
            assertEquals("/beheer/wachtrij", landed.getPath());
            assertNotNull(browser.driver.manage().getCookieNamed("meldpunt-session"));
            browser.driver.get(base + "/beheer/account");
            assertTrue(browser.driver.findElement(By.tagName("header")).getText().contains("dirk.communicatie"),
                    browser.driver.findElement(By.tagName("header")).getText());

            // Sign out: Meldpunt's session ends, then the provider's, and the browser is back at sign-in.
            browser.driver.findElement(By.cssSelector("form.signed-in button")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(driver ->
                    URI.create(driver.getCurrentUrl()).getPort() == app.port()
                            && URI.create(driver.getCurrentUrl()).getPath().equals("/beheer/inloggen"));
            assertNull(browser.driver.manage().getCookieNamed("meldpunt-session"));
            browser.driver.get(base + "/beheer/account");
            assertEquals("/beheer/inloggen", URI.create(browser.driver.getCurrentUrl()).getPath());
            // The provider's session is over too: signing in with SGL asks for the password again.
            browser.driver.get(base + "/beheer/inloggen/sgl");
            assertFalse(browser.driver.findElements(By.id("password")).isEmpty(),
                    "Keycloak asks for the password: " + browser.driver.getCurrentUrl());
        }
    }

    @Test
    void shouldExplainToSomeoneMeldpuntDoesNotKnow() throws Exception {
        String base = "http://127.0.0.1:" + app.port();
        try (Browser browser = Browser.start()) {
            browser.driver.get(base + "/beheer/inloggen/sgl");
            signInAtKeycloak(browser, "carla");

            assertEquals("/beheer/inloggen/sgl", URI.create(browser.driver.getCurrentUrl()).getPath());
            assertTrue(browser.driver.findElement(By.tagName("h1")).getText().contains("Geen toegang"));
            assertNull(browser.driver.manage().getCookieNamed("meldpunt-session"));
            assertEquals(List.of(), browser.axeViolations(), "the refusal");
            browser.screenshot("oidc-refused", 375);
            browser.screenshot("oidc-refused", 1280);

            browser.driver.get(base + "/beheer/inloggen/sgl/mislukt?error=access_denied");
            assertTrue(browser.driver.findElement(By.tagName("main")).getText().contains("afgebroken"));
            assertEquals(List.of(), browser.axeViolations(), "the failure");
            browser.screenshot("oidc-failed", 375);
            browser.screenshot("oidc-failed", 1280);
        }
    }

    /** Fills in Keycloak's sign-in form for a realm user. */
    private static void signInAtKeycloak(Browser browser, String user) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(driver -> !driver.findElements(By.id("username")).isEmpty());
        assertTrue(browser.driver.getCurrentUrl().startsWith(keycloak + "/realms/meldpunt/"), browser.driver.getCurrentUrl());
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(user + "-wachtwoord-123");
        // Back at Meldpunt once the provider's redirect and Meldpunt's own have landed.
        browser.andWait(() -> browser.driver.findElement(By.id("kc-login")).click());
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(driver -> !driver.getCurrentUrl().startsWith(keycloak)
                && "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /** An access token of this client for this realm user, by the password grant. */
    private static String token(String client, String user) {
        return given().baseUri(keycloak).contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", client)
                .formParam("client_secret", "meldpunt".equals(client) ? CLIENT_SECRET : "andere-app-geheim")
                .formParam("username", user)
                .formParam("password", user + "-wachtwoord-123")
                .formParam("scope", "openid")
                .post("/realms/meldpunt/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }
}
