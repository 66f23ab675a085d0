package nl.sglzorg.meldpunt.directory;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import org.junit.jupiter.api.Test;

/**
 * Sign-in under attack: attempts sent all at once, a lock that must not keep the owner out, a bound
 * on the bcrypt checks that run at once, and over-long passwords that cost what any other refusal
 * costs. Every client here is a fresh address behind the trusted proxy 127.0.0.1.
 */
@QuarkusTest
class SignInHardeningTest {

    private static final String PROTECTED = "/api/units";
    private static final String WRONG_PASSWORD = "dit-is-niet-het-wachtwoord";

    @Inject
    StaffIdentityProvider identityProvider;

    @Inject
    MeldpuntConfig config;

    @Inject
    SignInGuard guard;

    private static Response attempt(String client, String username, String password) {
        return given().header("X-Forwarded-For", client).auth().preemptive().basic(username, password).get(PROTECTED);
    }

    private static String newUser() {
        return TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
    }

    private static void assertLocked(Response response) {
        assertProblem(response, 429, "too-many-requests", "Te veel verzoeken", PROTECTED);
        assertThat(response.header("Retry-After"), matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void shouldAnswerFiftyWrongPasswordsSentAtOnceWithAtMostTheAllowedFailuresAndTheRest429() throws Exception {
        assertAtMostTheAllowedFailures(fiftyWrongPasswordsAtOnce());
        // Whether the client is locked now depends on how many were refused unchecked (no free
        // bcrypt check: no failure either); the next tests show the lock itself.
    }

    @Test
    void shouldCountFiftyWrongPasswordsSentAtOnceBeforeCheckingThemEvenWithEveryCheckFree() throws Exception {
        // Not the bound on concurrent checks but the count taken before each check stops them here.
        int extra = 100;
        identityProvider.freeChecks().release(extra);
        try {
            assertAtMostTheAllowedFailures(fiftyWrongPasswordsAtOnce());
        } finally {
            identityProvider.freeChecks().acquireUninterruptibly(extra);
        }
    }

    /** Fifty wrong passwords for a new user from one client, all sent at the same moment: the count per status. */
    private static Map<Integer, Integer> fiftyWrongPasswordsAtOnce() throws Exception {
        String user = newUser();
        String client = TestData.freshClient();
        int attempts = 50;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Callable<Response> guess = () -> {
                    go.await();
                    return attempt(client, user, WRONG_PASSWORD);
                };
                answers.add(pool.submit(guess));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<Response> answer : answers) {
                byStatus.merge(answer.get().statusCode(), 1, Integer::sum);
            }
            return byStatus;
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertAtMostTheAllowedFailures(Map<Integer, Integer> byStatus) {
        int failures = byStatus.getOrDefault(401, 0);
        assertThat("401s of " + byStatus, failures, lessThanOrEqualTo(config.limits().signInFailuresPerUser()));
        assertEquals(50 - failures, byStatus.getOrDefault(429, 0), () -> "the others are 429: " + byStatus);
    }

    @Test
    void shouldLetTheOwnerInFromTheirOwnAddressWhileTheGuessingClientStaysLocked() {
        String user = newUser();
        String guesser = TestData.freshClient();
        for (int i = 0; i < config.limits().signInFailuresPerUser(); i++) {
            attempt(guesser, user, WRONG_PASSWORD).then().statusCode(401);
        }
        assertLocked(attempt(guesser, user, TestData.STAFF_PASSWORD));

        attempt(TestData.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);

        // the owner's success lifts nothing for the guesser
        assertLocked(attempt(guesser, user, TestData.STAFF_PASSWORD));
        assertLocked(attempt(guesser, user, WRONG_PASSWORD));
    }

    @Test
    void shouldRefuseSeveralAuthorizationHeadersSoNoPasswordIsCheckedUncounted() {
        String user = newUser();
        String guesser = TestData.freshClient();
        // Quarkus checks the first Basic header of several: each guess behind another header was checked
        // with no count, the right one signed in.
        for (int i = 0; i <= config.limits().signInFailuresPerUser(); i++) {
            Response guess = twoHeaders(guesser, user, WRONG_PASSWORD);
            assertProblem(guess, 400, "invalid-input", "Ongeldig verzoek", PROTECTED);
            assertEquals("Authorization", guess.path("violations[0].field"));
        }
        twoHeaders(guesser, user, TestData.STAFF_PASSWORD).then().statusCode(400);
        attempt(guesser, user, TestData.STAFF_PASSWORD).then().statusCode(200);
    }

    private static Response twoHeaders(String client, String username, String password) {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return given().header("X-Forwarded-For", client).header("Authorization", "Negotiate eA==")
                .header("Authorization", "Basic " + basic).get(PROTECTED);
    }

    @Test
    void shouldLockTheClientTheTrustedProxySawNotTheOneWrittenInFrontOfIt() {
        String user = newUser();
        String guesser = TestData.freshClient();
        for (int i = 0; i < config.limits().signInFailuresPerUser(); i++) {
            // a new made-up address in front each time
            attempt(TestData.freshClient() + ", " + guesser, user, WRONG_PASSWORD).then().statusCode(401);
        }
        assertLocked(attempt(TestData.freshClient() + ", " + guesser, user, TestData.STAFF_PASSWORD));
        attempt(guesser + ", " + TestData.freshClient(), user, TestData.STAFF_PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldAnswer429AtOnceWhenEveryPasswordCheckIsTakenAndCountNothing() {
        String user = newUser();
        String client = TestData.freshClient();
        int checks = config.limits().signInConcurrentChecks();
        identityProvider.freeChecks().acquireUninterruptibly(checks);
        try {
            for (int i = 0; i < config.limits().signInFailuresPerUser() + 1; i++) {
                Response busy = attempt(client, user, WRONG_PASSWORD);
                assertProblem(busy, 429, "too-many-requests", "Te veel verzoeken", PROTECTED);
                assertThat(busy.header("Retry-After"), matchesPattern("[1-9][0-9]*"));
            }
        } finally {
            identityProvider.freeChecks().release(checks);
        }
        // refused unchecked, these were no failures: the right password still gets in from there
        attempt(client, user, TestData.STAFF_PASSWORD).then().statusCode(200);
    }

    @Test
    void shouldCostOneBcryptCheckToRefuseAnOverLongPasswordForAKnownAndForAnUnknownUser() {
        String known = newUser();
        String unknown = TestData.unique("niemand").toLowerCase();
        String overLong = "x".repeat(StaffIdentityProvider.MAX_PASSWORD_BYTES + 1);

        long before = identityProvider.bcryptChecks();
        attempt(TestData.freshClient(), unknown, overLong).then().statusCode(401);
        long forUnknown = identityProvider.bcryptChecks() - before;

        before = identityProvider.bcryptChecks();
        attempt(TestData.freshClient(), known, overLong).then().statusCode(401);
        long forKnown = identityProvider.bcryptChecks() - before;

        assertEquals(1, forUnknown, "bcrypt checks to refuse an unknown user");
        assertEquals(forUnknown, forKnown, "bcrypt checks to refuse a known user's over-long password");
    }

    @Test
    void shouldSlowDownGuessesForANameButNeverItsOwnersVerifiedPassword() {
        String owner = newUser();
        String ownersAddress = TestData.freshClient();
        attempt(ownersAddress, owner, TestData.STAFF_PASSWORD).then().statusCode(200);
        // Four wrong passwords from another address: under its lock, but the name now slows down.
        String guesser = TestData.freshClient();
        for (int i = 0; i < 4; i++) {
            attempt(guesser, owner, WRONG_PASSWORD).then().statusCode(401);
        }

        long before = guard.slowedDown();
        attempt(ownersAddress, owner, TestData.STAFF_PASSWORD).then().statusCode(200);
        attempt(TestData.freshClient(), owner, TestData.STAFF_PASSWORD).then().statusCode(200);
        assertEquals(before, guard.slowedDown(), "the owner's known password never waits");

        attempt(TestData.freshClient(), owner, WRONG_PASSWORD).then().statusCode(401);
        assertEquals(before + 1, guard.slowedDown(), "a new guess for the name waits");
    }
}
