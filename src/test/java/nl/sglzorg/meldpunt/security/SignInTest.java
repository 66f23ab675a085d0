package nl.sglzorg.meldpunt.security;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.directory.StaffUser;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.junit.jupiter.api.Test;

/**
 * Staff sign-in locks after repeated failures, per user name at one client and per client,
 * without revealing which user names exist; accounts can be disabled; passwords have a minimum.
 *
 * <p>Every failing sign-in here comes from a fresh client address ({@code X-Forwarded-For}): the
 * per-client count has no exemption, and failures from 127.0.0.1 would add up over the whole test
 * run until every other test's sign-in got a 429.
 *
 * <p>Not tested: that a lock lifts. The counts live in Caffeine caches that expire on the real time
 * ({@code meldpunt.limits.sign-in-lock}, 15 minutes), not on the application's clock, and the lock
 * duration is read once at start-up; testing expiry would take either 15 minutes of waiting or a
 * separate test profile with its own application start.
 */
@QuarkusTest
class SignInTest {

    private static final String PROTECTED = "/api/units";
    private static final String WRONG_PASSWORD = "dit-is-niet-het-wachtwoord";

    private static RequestSpecification signIn(String client, String username, String password) {
        return given().header("X-Forwarded-For", client).auth().preemptive().basic(username, password);
    }

    private static Response attempt(String client, String username, String password) {
        return signIn(client, username, password).get(PROTECTED);
    }

    private static String newUser() {
        return TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
    }

    /** What a caller can see of an answer: status, the headers that matter, and the body. */
    private static String visible(Response response) {
        return response.statusCode() + " WWW-Authenticate=" + response.header("WWW-Authenticate")
                + " Retry-After=" + response.header("Retry-After") + " Content-Type=" + response.contentType()
                + " " + response.asString();
    }

    private static void assertLocked(Response response) {
        assertProblem(response, 429, "too-many-requests", "Te veel verzoeken", PROTECTED);
        assertThat(response.header("Retry-After"), matchesPattern("[1-9][0-9]*"));
    }

    private static void assertUnauthorized(Response response) {
        assertProblem(response, 401, "unauthorized", "Niet aangemeld", PROTECTED);
        assertThat(response.header("WWW-Authenticate"), startsWith("MeldpuntBasic"));
    }

    // ---------------------------------------------------------------------------------------------
    // per user name
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldLockAUserAtAClientAfterFiveWrongPasswordsEvenAgainstTheRightOne() {
        String user = newUser();
        String client = RateLimitTest.freshClient();
        for (int i = 1; i <= 5; i++) {
            assertUnauthorized(attempt(client, user, WRONG_PASSWORD));
        }

        Response locked = attempt(client, user, TestData.STAFF_PASSWORD);

        assertLocked(locked);
        // per user and client: from elsewhere the owner still gets in (nobody locks out someone else)
        attempt(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);
        // and only for this name: another user signs in from the same client
        attempt(client, newUser(), TestData.STAFF_PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldNotLockAUserWhoseFourFailuresAreFollowedByASuccess() {
        String user = newUser();
        String client = RateLimitTest.freshClient();
        for (int i = 0; i < 4; i++) {
            assertUnauthorized(attempt(client, user, WRONG_PASSWORD));
        }
        attempt(client, user, TestData.STAFF_PASSWORD).then().statusCode(200);
        // the success cleared the count: four more failures still do not lock
        for (int i = 0; i < 4; i++) {
            assertUnauthorized(attempt(client, user, WRONG_PASSWORD));
        }
        attempt(client, user, TestData.STAFF_PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldAnswerAnExistingAndAnUnknownUserNameAlikeAtEveryStep() {
        String existing = newUser();
        String unknown = TestData.unique("niemand").toLowerCase();
        String clientA = RateLimitTest.freshClient();
        String clientB = RateLimitTest.freshClient();

        // five failures, then the sixth attempt (the right password for the existing user) and a seventh
        for (int step = 1; step <= 7; step++) {
            String password = step <= 5 ? WRONG_PASSWORD : TestData.STAFF_PASSWORD;
            Response forExisting = attempt(clientA, existing, password);
            Response forUnknown = attempt(clientB, unknown, password);
            assertEquals(visible(forExisting), visible(forUnknown), "step " + step);
            assertEquals(step <= 5 ? 401 : 429, forUnknown.statusCode(), "step " + step);
        }
    }

    @Test
    void shouldCountAUserNameCaseInsensitivelySoCapitalsDoNotBuyMoreGuesses() {
        String user = newUser();
        String client = RateLimitTest.freshClient();
        List<String> spellings = List.of(user, user.toUpperCase(), capitalised(user), user, user.toUpperCase());
        for (String spelling : spellings) {
            assertUnauthorized(attempt(client, spelling, WRONG_PASSWORD));
        }
        assertLocked(attempt(client, user, TestData.STAFF_PASSWORD));
    }

    // ---------------------------------------------------------------------------------------------
    // per client
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldLockAClientAfterTwentyFailuresAcrossUserNamesButNotAfterNineteen() {
        String client = RateLimitTest.freshClient();
        String user = newUser();
        for (int i = 1; i <= 19; i++) {
            // one failure per name: no user name comes near its own limit of 5
            assertUnauthorized(attempt(client, TestData.unique("gok").toLowerCase(), WRONG_PASSWORD));
        }
        // 19: not yet (a success does not clear the client's count)
        attempt(client, user, TestData.STAFF_PASSWORD).then().statusCode(200);
        assertUnauthorized(attempt(client, TestData.unique("gok").toLowerCase(), WRONG_PASSWORD));

        // 20: a real user with the right password, from that client, is locked before the password is checked
        assertLocked(attempt(client, user, TestData.STAFF_PASSWORD));
        assertLocked(attempt(client, TestData.unique("nieuw").toLowerCase(), WRONG_PASSWORD));

        // the same user from elsewhere is not locked: it is the client that is
        attempt(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);
        // and the locked client can still do what needs no sign-in
        given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(TestData.signal("MENTION", "TWITTER")).post("/api/signals").then().statusCode(201);
    }

    // ---------------------------------------------------------------------------------------------
    // disabled accounts
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseADisabledUserWithTheRightPasswordAndLetThemInAgainWhenEnabled() {
        String user = newUser();
        String client = RateLimitTest.freshClient();
        attempt(client, user, TestData.STAFF_PASSWORD).then().statusCode(200);

        TestData.asCommunicatie().contentType(ContentType.JSON).body(userBody(user, false))
                .put("/api/users/{username}", user)
                .then().statusCode(200).body("enabled", equalTo(false));

        Response disabled = attempt(client, user, TestData.STAFF_PASSWORD);
        assertUnauthorized(disabled);
        // told apart from a wrong password by nothing
        Response wrong = attempt(RateLimitTest.freshClient(), user, WRONG_PASSWORD);
        assertEquals(visible(wrong), visible(disabled));

        TestData.asCommunicatie().contentType(ContentType.JSON).body(userBody(user, true))
                .put("/api/users/{username}", user)
                .then().statusCode(200).body("enabled", equalTo(true));
        attempt(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldListWhetherAUserIsEnabled() {
        String user = newUser();
        TestData.asCommunicatie().get("/api/users/{username}", user).then().statusCode(200)
                .body("enabled", equalTo(true));
        TestData.asCommunicatie().contentType(ContentType.JSON).body(userBody(user, false))
                .put("/api/users/{username}", user).then().statusCode(200);
        TestData.asCommunicatie().get("/api/users").then().statusCode(200)
                .body("find { it.username == '" + user + "' }.enabled", equalTo(false));
    }

    @Test
    void shouldRefuseToDisableTheLastEnabledCommunicatieUser() {
        withOnlyEnabledCommunicatie(Set.of(TestData.ADMIN), () -> {
            Map<String, Object> body = new HashMap<>();
            body.put("roles", List.of("communicatie"));
            body.put("enabled", false);
            Response response = TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                    .put("/api/users/{username}", TestData.ADMIN);
            assertProblem(response, 409, "conflict", "Conflict", "/api/users/" + TestData.ADMIN);
            assertThat(response.path("detail"), containsString("communicatie"));
            TestData.asCommunicatie().get("/api/users/{username}", TestData.ADMIN)
                    .then().statusCode(200).body("enabled", equalTo(true));
        });
    }

    @Test
    void shouldAllowDisablingACommunicatieUserWhileAnotherStaysEnabled() {
        String second = TestData.createUser(List.of("communicatie"), null, null);
        withOnlyEnabledCommunicatie(Set.of(TestData.ADMIN, second), () -> {
            TestData.asCommunicatie().contentType(ContentType.JSON).body(userBody(second, false, "communicatie"))
                    .put("/api/users/{username}", second).then().statusCode(200).body("enabled", equalTo(false));
            // now the first user is the last one: a disabled communicatie user does not count
            Map<String, Object> body = new HashMap<>();
            body.put("roles", List.of("communicatie"));
            body.put("enabled", false);
            TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                    .put("/api/users/{username}", TestData.ADMIN).then().statusCode(409);
        });
    }

    // ---------------------------------------------------------------------------------------------
    // passwords
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseANewPasswordUnder12CharactersOrEqualToTheUserNameAndKeepTheOldOne() {
        String user = newUser();
        for (String password : List.of("elf-tekens1", "kort", user, user.toUpperCase())) {
            Response response = changePassword(user, password);
            assertEquals(400, response.statusCode(), () -> "password '" + password + "': " + response.asString());
            assertThat(response.<List<String>>path("violations.field"), hasItem("password"));
            if (!password.equalsIgnoreCase(user)) {
                assertFalse(response.asString().contains(password),
                        () -> "the answer echoes the password: " + response.asString());
            }
        }
        attempt(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldAcceptAPasswordOfExactly12Characters() {
        String user = newUser();
        changePassword(user, "twaalf-teken").then().statusCode(200);
        attempt(RateLimitTest.freshClient(), user, "twaalf-teken").then().statusCode(200);
    }

    @Test
    void shouldSignInWithAMultiBytePasswordSentAsUtf8() {
        String user = newUser();
        String password = "wachtwoord-met-één-ü";
        changePassword(user, password).then().statusCode(200);
        utf8(RateLimitTest.freshClient(), user, password).get(PROTECTED).then().statusCode(200);
        utf8(RateLimitTest.freshClient(), user, "wachtwoord-met-een-u").get(PROTECTED).then().statusCode(401);
    }

    @Test
    void shouldNeverLetAPasswordCountOnlyForItsFirst72Bytes() {
        // 72 characters is the documented maximum, but bcrypt reads at most 72 bytes: 72 "é" are 144.
        // Either such a password is refused, or everything after its 72nd byte still counts;
        // otherwise a long password is silently weaker than it looks.
        String user = newUser();
        String password = "é".repeat(72);
        Response response = changePassword(user, password);
        if (response.statusCode() == 400) {
            assertThat(response.<List<String>>path("violations.field"), hasItem("password"));
            utf8(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD).get(PROTECTED).then().statusCode(200);
            return;
        }
        assertThat(response.asString(), response.statusCode(), equalTo(200));
        utf8(RateLimitTest.freshClient(), user, password).get(PROTECTED).then().statusCode(200);
        String sameFirst72Bytes = "é".repeat(36) + "x".repeat(36);
        utf8(RateLimitTest.freshClient(), user, sameFirst72Bytes).get(PROTECTED).then().statusCode(401);
    }

    @Test
    void shouldRefuseAPasswordOf72BytesWithMoreAfterIt() {
        // bcrypt would match on the first 72 bytes alone; the extra byte must still count
        String user = newUser();
        String password = "a".repeat(72);
        changePassword(user, password).then().statusCode(200);
        utf8(RateLimitTest.freshClient(), user, password).get(PROTECTED).then().statusCode(200);
        assertUnauthorized(utf8(RateLimitTest.freshClient(), user, password + "q").get(PROTECTED));
        utf8(RateLimitTest.freshClient(), user, password).get(PROTECTED).then().statusCode(200);
    }

    @Test
    void shouldRefuseTheOldPasswordRightAfterItWasChanged() {
        String user = newUser();
        // signed in, so the password has been verified once and is remembered
        attempt(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);
        attempt(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);

        changePassword(user, "een-heel-ander-wachtwoord").then().statusCode(200);

        assertUnauthorized(attempt(RateLimitTest.freshClient(), user, TestData.STAFF_PASSWORD));
        attempt(RateLimitTest.freshClient(), user, "een-heel-ander-wachtwoord").then().statusCode(200);
    }

    @Test
    void shouldApplyARemovedRoleToTheNextRequest() {
        String user = TestData.createUser(List.of("communicatie"), null, null);
        String client = RateLimitTest.freshClient();
        signIn(client, user, TestData.STAFF_PASSWORD).get("/api/users").then().statusCode(200);

        TestData.asCommunicatie().contentType(ContentType.JSON).body(userBody(user, true))
                .put("/api/users/{username}", user).then().statusCode(200);

        // now only a functionaris: the directory is communicatie's
        signIn(client, user, TestData.STAFF_PASSWORD).get("/api/users").then().statusCode(403);
        signIn(client, user, TestData.STAFF_PASSWORD).get(PROTECTED).then().statusCode(200);
    }

    // ---------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------

    /** Basic credentials encoded as UTF-8 (what browsers send and the server reads). */
    private static RequestSpecification utf8(String client, String username, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return given().header("X-Forwarded-For", client).header("Authorization", "Basic " + credentials);
    }

    /** Communicatie gives an enabled functionaris a new password. */
    private static Response changePassword(String username, String password) {
        Map<String, Object> body = userBody(username, true);
        body.put("password", password);
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(body).put("/api/users/{username}", username);
    }

    private static Map<String, Object> userBody(String username, boolean enabled) {
        return userBody(username, enabled, "functionaris");
    }

    private static Map<String, Object> userBody(String username, boolean enabled, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("roles", List.of(role));
        if (role.equals("functionaris")) {
            body.put("function", "CARE_BROKER");
        }
        body.put("email", username + "@sgl-zorg.nl");
        body.put("enabled", enabled);
        return body;
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Runs {@code body} while {@code keep} are the only enabled communicatie users. Other tests leave
     * communicatie users behind in the shared database; they are disabled in the database (not
     * through the API under test) for the duration and enabled again afterwards.
     */
    private static void withOnlyEnabledCommunicatie(Set<String> keep, Runnable body) {
        List<String> disabled = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (StaffUser u : StaffUser.<StaffUser>listAll()) {
                    if (u.enabled && u.roleSet().contains(Roles.COMMUNICATIE) && !keep.contains(u.username)) {
                        u.enabled = false;
                        disabled.add(u.username);
                    }
                }
            });
            body.run();
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                for (String name : disabled) {
                    StaffUser.findByUsername(name).orElseThrow().enabled = true;
                }
                // Safety net should the rule ever break: nobody could sign in to restore anything.
                StaffUser admin = StaffUser.findByUsername(TestData.ADMIN).orElseThrow();
                admin.enabled = true;
                admin.setRoles(Set.of(Roles.COMMUNICATIE));
            });
        }
    }
}
