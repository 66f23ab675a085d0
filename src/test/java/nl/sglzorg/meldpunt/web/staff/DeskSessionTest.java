package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.directory.SignInGuard;
import nl.sglzorg.meldpunt.directory.SignInPause;
import nl.sglzorg.meldpunt.directory.StaffSession;
import nl.sglzorg.meldpunt.directory.StaffSessions;
import nl.sglzorg.meldpunt.directory.StaffUser;
import nl.sglzorg.meldpunt.web.PageForms;
import org.junit.jupiter.api.Test;

/**
 * The staff desk's sign-in, sessions and "Mijn account", as a browser meets them: the form, the
 * session cookie, the way back to the page asked for, signing out, and the ends of a session.
 */
@QuarkusTest
class DeskSessionTest {

    private static final String ACCOUNT = "/beheer/account";
    private static final String WRONG_PASSWORD = "dit-is-niet-het-wachtwoord";

    @Inject
    StaffSessions sessions;

    @TestHTTPResource(Desk.SIGN_IN)
    URI signInPage;

    private static String newUser() {
        return TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
    }

    /** The sign-in form posted from a client address of its own (failures count per client). */
    private static Response signInFrom(String client, String username, String password, String terug) {
        PageForms forms = PageForms.open(Desk.SIGN_IN);
        var post = forms.post().header("X-Forwarded-For", client).formParam("username", username)
                .formParam("password", password);
        if (terug != null) {
            post.formParam("terug", terug);
        }
        return post.post(Desk.SIGN_IN);
    }

    private static String sessionCookieHeader(Response response) {
        return response.headers().getList("Set-Cookie").stream().map(h -> h.getValue())
                .filter(h -> h.startsWith(Desk.SESSION_COOKIE + "=")).findFirst().orElse(null);
    }

    private static long sessionsOf(String username) {
        return QuarkusTransaction.requiringNew().call(() -> StaffSession.count("username", username));
    }

    private static void assertSentToSignIn(Response response) {
        assertEquals(303, response.statusCode(), response::asString);
        assertThat(response.header("Location"), containsString(Desk.SIGN_IN));
        assertNull(response.header("WWW-Authenticate"));
    }

    @Test
    void shouldSignInThroughTheFormAndOpenDeskPagesWithTheSessionCookie() {
        String user = newUser();

        Desk desk = Desk.signIn(user);

        Response account = desk.get().get(ACCOUNT);
        assertEquals(200, account.statusCode());
        assertThat(account.asString(), containsString("Ingelogd als <a href=\"/beheer/account\" aria-current=\"page\"><strong>" + user));
        assertThat(account.asString(), containsString("Functionaris"));
        assertThat(account.asString(), containsString("Dit apparaat"));
        // The table holds the token's SHA-256, never the token itself.
        String hash = HexFormat.of().formatHex(sha256(desk.session));
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> StaffSession.count("tokenHash", hash)));
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> StaffSession.count("tokenHash", desk.session)));
    }

    @Test
    void shouldSetTheSessionCookieHttpOnlyLaxForTheDeskOnlyAndSecureBehindHttps() {
        String user = newUser();

        String plain = sessionCookieHeader(signInFrom("127.0.0.1", user, TestData.STAFF_PASSWORD, null));
        String https = sessionCookieHeader(PageForms.open(Desk.SIGN_IN).post().header("X-Forwarded-Proto", "https")
                .formParam("username", user).formParam("password", TestData.STAFF_PASSWORD).post(Desk.SIGN_IN));

        assertThat(plain, containsStringIgnoringCase("HttpOnly"));
        assertThat(plain, containsString("SameSite=Lax"));
        assertThat(plain, containsString("Path=/beheer"));
        assertThat(plain, not(containsString("Secure")));
        assertThat(https, containsString("Secure"));
        assertThat(https, containsStringIgnoringCase("HttpOnly"));
    }

    @Test
    void shouldStartAFreshSessionAtEverySignInAndEndTheOneTheBrowserBrought() {
        String user = newUser();
        Desk first = Desk.signIn(user);
        PageForms forms = PageForms.open(Desk.SIGN_IN);

        Response again = forms.post().cookie(Desk.SESSION_COOKIE, first.session).formParam("username", user)
                .formParam("password", TestData.STAFF_PASSWORD).post(Desk.SIGN_IN);

        assertEquals(303, again.statusCode());
        assertNotEquals(first.session, again.cookie(Desk.SESSION_COOKIE));
        assertSentToSignIn(first.get().get(ACCOUNT));
    }

    @Test
    void shouldAnswerAWrongPasswordAndAnUnknownNameAlikeKeepingTheNameNeverThePassword() {
        String user = newUser();

        Response wrong = signInFrom(TestData.freshClient(), user, WRONG_PASSWORD, null);
        Response unknown = signInFrom(TestData.freshClient(), "niemand-" + user, WRONG_PASSWORD, null);

        assertEquals(400, wrong.statusCode());
        assertEquals(400, unknown.statusCode());
        assertThat(wrong.asString(), containsString(SignInPage.WRONG));
        assertThat(unknown.asString(), containsString(SignInPage.WRONG));
        assertThat(wrong.asString(), containsString("value=\"" + user + "\""));
        assertThat(wrong.asString(), not(containsString(WRONG_PASSWORD)));
        assertThat(wrong.asString(), containsString("href=\"#password\""));
        assertNull(sessionCookieHeader(wrong));
    }

    @Test
    void shouldShowEmptyFieldsAsErrorsWithoutCountingAnAttempt() {
        Response empty = signInFrom(TestData.freshClient(), " ", "", null);

        assertEquals(400, empty.statusCode());
        assertThat(empty.asString(), containsString("Vul je gebruikersnaam in."));
        assertThat(empty.asString(), containsString("Vul je wachtwoord in."));
        assertThat(empty.asString(), containsString("<title>Fout: Inloggen"));
    }

    @Test
    void shouldCountFormAndBasicFailuresTogetherAndLockWithAFriendlyPage() {
        String user = newUser();
        String client = TestData.freshClient();

        // The limit is five failures per name at one client: three by the form, two by HTTP Basic.
        for (int i = 0; i < 3; i++) {
            assertEquals(400, signInFrom(client, user, WRONG_PASSWORD, null).statusCode());
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(401, given().header("X-Forwarded-For", client).auth().preemptive().basic(user, WRONG_PASSWORD)
                    .get("/api/units").statusCode());
        }
        Response locked = signInFrom(client, user, TestData.STAFF_PASSWORD, null);
        Response basic = given().header("X-Forwarded-For", client).auth().preemptive().basic(user, TestData.STAFF_PASSWORD)
                .get("/api/units");

        assertEquals(429, locked.statusCode());
        assertTrue(locked.header("Retry-After").matches("[1-9][0-9]*"), locked.header("Retry-After"));
        assertThat(locked.contentType(), containsString("text/html"));
        assertThat(locked.asString(), containsString("Te veel mislukte pogingen om in te loggen. Probeer het over 15 minuten opnieuw."));
        assertNull(sessionCookieHeader(locked));
        assertEquals(429, basic.statusCode());
        // The lock is per name and client: the same account elsewhere still signs in.
        assertEquals(303, signInFrom(TestData.freshClient(), user, TestData.STAFF_PASSWORD, null).statusCode());
    }

    /** A slow-down that lasts until the test ends it, counting the sign-ins that wait in it. */
    static final class HeldPause extends SignInPause {

        final AtomicInteger waiting = new AtomicInteger();
        final CompletableFuture<Void> over = new CompletableFuture<>();

        @Override
        public Uni<Void> of(Duration wait) {
            waiting.incrementAndGet();
            return Uni.createFrom().completionStage(over);
        }
    }

    @Test
    void shouldHoldNoThreadWhileSlowedDownSignInsWaitAndAnswerEachAfterwards() throws Exception {
        HeldPause pause = new HeldPause();
        QuarkusMock.installMockForType(pause, SignInPause.class);
        String user = newUser();
        // One wrong password for the name, from anywhere: every further guess for it waits.
        assertEquals(400, signInFrom(TestData.freshClient(), user, WRONG_PASSWORD, null).statusCode());
        int guesses = 30;
        ExecutorService guessers = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                answers.add(guessers.submit(() -> signInFrom(TestData.freshClient(), user, WRONG_PASSWORD, null).statusCode()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> pause.waiting.get() == guesses);

            // Waiting on a thread (a sleep, a blocking wait) would leave the sign-in on its stack for
            // good; the last guess counted may still be on its way out of it for a moment.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(List.of(),
                    Thread.getAllStackTraces().entrySet().stream()
                            .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName()
                                    .startsWith(SignInPage.class.getName()) || frame.getClassName().startsWith(SignInGuard.class.getName())))
                            .map(thread -> thread.getKey().getName()).toList(),
                    "threads held by waiting sign-ins"));
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(signInPage).timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
            assertEquals(200, page.statusCode());

            pause.over.complete(null);
            Map<Integer, Integer> statuses = new HashMap<>();
            for (Future<Integer> answer : answers) {
                statuses.merge(answer.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }
            // Each guess checked (400) or refused because every bcrypt check was busy (429).
            assertEquals(guesses, statuses.getOrDefault(400, 0) + statuses.getOrDefault(429, 0), statuses::toString);
            assertTrue(statuses.getOrDefault(400, 0) >= 1, statuses::toString);
        } finally {
            pause.over.complete(null);
            guessers.shutdownNow();
        }
    }

    @Test
    void shouldSendAPageToSignInAndBackAfterwards() {
        String user = newUser();

        Response page = given().redirects().follow(false).get(ACCOUNT + "?x=1");
        assertSentToSignIn(page);
        assertThat(page.header("Location"), containsString("/beheer/inloggen?terug=%2Fbeheer%2Faccount%3Fx%3D1"));

        Response form = given().urlEncodingEnabled(false).get(page.header("Location"));
        assertThat(form.asString(), containsString("name=\"terug\" value=\"/beheer/account?x=1\""));
        Response signedIn = signInFrom("127.0.0.1", user, TestData.STAFF_PASSWORD, "/beheer/account?x=1");
        assertEquals(303, signedIn.statusCode());
        assertEquals("/beheer/account?x=1", signedIn.header("Location"));
    }

    @Test
    void shouldFollowOnlyADeskPathBack() {
        String user = newUser();
        for (String terug : List.of("https://evil.example", "//evil.example", "/\\evil.example", "/beheer//evil.example",
                "/beheerx", "/api/units", "/beheer/../api/units", "/beheer/inloggen")) {
            Response signedIn = signInFrom("127.0.0.1", user, TestData.STAFF_PASSWORD, terug);
            assertEquals("/beheer/wachtrij", signedIn.header("Location"), terug);
        }
        assertEquals("/beheer/wachtrij", given().redirects().follow(false).get("/beheer").header("Location"));
    }

    @Test
    void shouldEndTheSessionOnTheServerWhenSigningOut() {
        String user = newUser();
        Desk desk = Desk.signIn(user);
        String copied = desk.session;

        Response out = desk.post().post("/beheer/uitloggen");

        assertEquals(303, out.statusCode());
        assertEquals("/beheer/inloggen?uitgelogd=1", out.header("Location"));
        assertThat(sessionCookieHeader(out), containsString("Max-Age=0"));
        assertSentToSignIn(given().cookie(Desk.SESSION_COOKIE, copied).redirects().follow(false).get(ACCOUNT));
        assertEquals(0, sessionsOf(user));
        Response shown = given().get(out.header("Location"));
        assertThat(shown.asString(), containsString("Je bent uitgelogd."));
    }

    @Test
    void shouldRefuseSignInAndSignOutPostsWithoutTheCsrfToken() {
        String user = newUser();
        Desk desk = Desk.signIn(user);

        Response signIn = given().contentType("application/x-www-form-urlencoded").redirects().follow(false)
                .formParam("username", user).formParam("password", TestData.STAFF_PASSWORD).post(Desk.SIGN_IN);
        Response signOut = desk.get().contentType("application/x-www-form-urlencoded").formParam("x", "y")
                .post("/beheer/uitloggen");

        assertEquals(400, signIn.statusCode());
        assertNull(sessionCookieHeader(signIn));
        // A page in Dutch that leads back to the desk's start, not the reporter's.
        assertTrue(signIn.asString().contains("<h1>Dit formulier is verlopen</h1>")
                && signIn.asString().contains("href=\"/beheer\""), signIn.asString());
        assertEquals(400, signOut.statusCode());
        assertEquals(200, desk.get().get(ACCOUNT).statusCode());
    }

    @Test
    void shouldEndASessionAfterTheIdleTimeoutAndAfterItsLifetime() {
        String idle = newUser();
        String busy = newUser();
        try {
            Desk idleDesk = Desk.signIn(idle);
            TestClock.INSTANCE.advance(Duration.ofMinutes(29));
            assertEquals(200, idleDesk.get().get(ACCOUNT).statusCode());
            TestClock.INSTANCE.advance(Duration.ofMinutes(29)); // 58 minutes in, 29 since last use
            assertEquals(200, idleDesk.get().get(ACCOUNT).statusCode());
            TestClock.INSTANCE.advance(Duration.ofMinutes(30));
            assertSentToSignIn(idleDesk.get().get(ACCOUNT));

            Desk busyDesk = Desk.signIn(busy);
            for (int minutes = 25; minutes < 600; minutes += 25) {
                TestClock.INSTANCE.advance(Duration.ofMinutes(25));
                assertEquals(200, busyDesk.get().get(ACCOUNT).statusCode(), minutes + " minutes in");
            }
            TestClock.INSTANCE.advance(Duration.ofMinutes(25)); // 10 h 25 min after signing in
            assertSentToSignIn(busyDesk.get().get(ACCOUNT));
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @Test
    void shouldRemoveSessionsThatAreOverWithTheScheduledJob() {
        String user = newUser();
        Desk.signIn(user);
        try {
            TestClock.INSTANCE.advance(Duration.ofMinutes(31));
            sessions.removeExpired();
        } finally {
            TestClock.INSTANCE.reset();
        }
        assertEquals(0, sessionsOf(user));
    }

    @Test
    void shouldRefuseTheSessionOfADisabledAccountAtOnce() {
        String user = newUser();
        Desk desk = Desk.signIn(user);

        // Straight in the database, past the API's own ending of sessions: the page checks the account itself.
        QuarkusTransaction.requiringNew().run(() -> StaffUser.findByUsername(user).orElseThrow().enabled = false);

        assertSentToSignIn(desk.get().get(ACCOUNT));
    }

    @Test
    void shouldEndEverySessionOfAnAccountWhosePasswordChangesOrThatIsDisabled() {
        String changed = newUser();
        String disabled = newUser();
        Desk first = Desk.signIn(changed);
        Desk second = Desk.signIn(changed);
        Desk third = Desk.signIn(disabled);

        update(changed, Map.of("password", "een-heel-nieuw-wachtwoord-456"));
        update(disabled, Map.of("enabled", false));

        assertSentToSignIn(first.get().get(ACCOUNT));
        assertSentToSignIn(second.get().get(ACCOUNT));
        assertSentToSignIn(third.get().get(ACCOUNT));
        assertEquals(0, sessionsOf(changed));
        assertEquals(0, sessionsOf(disabled));
    }

    @Test
    void shouldSignOutEverywhereElseButHere() {
        String user = newUser();
        Desk here = Desk.signIn(user);
        Desk elsewhere = Desk.signIn(user);
        assertThat(here.get().get(ACCOUNT).asString(), containsString("Uitloggen op alle andere apparaten"));

        Response done = here.post().post("/beheer/account/andere-apparaten");

        assertEquals(303, done.statusCode());
        assertEquals("/beheer/account?klaar=andere", done.header("Location"));
        assertSentToSignIn(elsewhere.get().get(ACCOUNT));
        String page = here.get().get(done.header("Location")).asString();
        assertThat(page, containsString("Je bent uitgelogd op alle andere apparaten."));
        assertThat(page, not(containsString("Uitloggen op alle andere apparaten")));
    }

    @Test
    void shouldApplyARoleEditToTheNextPage() {
        String user = newUser();
        Desk desk = Desk.signIn(user);

        update(user, Map.of("roles", List.of("communicatie")));

        assertThat(desk.get().get(ACCOUNT).asString(), containsString("Communicatie: ziet alle meldingen"));
    }

    @Test
    void shouldStillAcceptBasicOnTheDeskAndIgnoreTheCookieOnTheApi() {
        String user = newUser();
        Desk desk = Desk.signIn(user);

        assertEquals(200, TestData.as(user).redirects().follow(false).get(ACCOUNT).statusCode());
        Response api = TestData.api().cookie(Desk.SESSION_COOKIE, desk.session).get("/api/units");
        assertEquals(401, api.statusCode());
        assertThat(api.contentType(), containsString("application/problem+json"));
        assertThat(api.header("WWW-Authenticate"), containsString("MeldpuntBasic"));
    }

    /** Changes a user through the API, as communicatie does: these fields over what it has. */
    private static void update(String username, Map<String, Object> changes) {
        Response current = TestData.asCommunicatie().get("/api/users/" + username);
        Map<String, Object> body = new HashMap<>();
        body.put("roles", current.path("roles"));
        body.put("function", current.path("function"));
        body.put("unit", current.path("unit"));
        body.put("email", current.path("email"));
        body.putAll(changes);
        TestData.asCommunicatie().contentType(ContentType.JSON).header("If-Match", current.header("ETag"))
                .body(body).put("/api/users/" + username).then().statusCode(200);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
