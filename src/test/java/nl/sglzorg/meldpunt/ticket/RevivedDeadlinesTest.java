package nl.sglzorg.meldpunt.ticket;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.support.Tickets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A ticket taken up again out of {@code REJECTED} or {@code MERGED} gets fresh deadlines from that
 * moment, and they stay counted from there: through a change of priority, and when an unmerge takes it
 * back to waiting for the reporter. Before session 31 a priority change counted them from the filing
 * again (weeks passed: breached and escalated within the minute), and an unmerge to {@code WAITING}
 * kept the old ones.
 */
@QuarkusTest
class RevivedDeadlinesTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Inject
    SlaPolicy policy;

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void shouldCountANewPriorityFromTheRevivalNotTheFiling() {
        LocalDateTime monday = firstMondayOfOctober();
        String reference = call(monday.withHour(10), () -> Tickets.file().reference());
        run(monday.withHour(11), () -> Tickets.move(reference, "REJECTED"));
        Instant revived = run(monday.plusWeeks(2).withHour(10), () -> Tickets.move(reference, "TRIAGED"));
        Priority before = Priority.valueOf(Tickets.detail(reference).getString("priority"));
        Priority raised = before == Priority.HIGH ? Priority.URGENT : Priority.HIGH;

        JsonPath changed = call(monday.plusWeeks(2).withHour(11), () -> {
            asCommunicatie().contentType(ContentType.JSON).body(Map.of("priority", raised.name()))
                    .put("/api/tickets/{reference}/priority", reference).then().statusCode(200);
            return Tickets.detail(reference);
        });

        assertAbout(policy.plus(revived, policy.level(raised).resolution(), raised),
                changed.getString("resolutionDue"), "the resolution, counted from the revival");
        assertAbout(policy.plus(revived, policy.level(raised).firstResponse(), raised),
                changed.getString("firstResponseDue"), "the first response, counted from the revival");
        assertEquals("PENDING", changed.getString("resolutionStatus"));
    }

    @Test
    void shouldStartAfreshWhenAnUnmergeTakesATicketBackToWaiting() {
        LocalDateTime monday = firstMondayOfOctober();
        String waiting = call(monday.withHour(10), () -> Tickets.file().reference());
        run(monday.withHour(10).plusMinutes(30), () -> {
            Tickets.move(waiting, "IN_PROGRESS");
            Tickets.move(waiting, "WAITING");
        });
        String survivor = call(monday.withHour(12), () -> Tickets.file().reference());
        run(monday.plusDays(1).withHour(10), () -> Tickets.merge(waiting, survivor).then().statusCode(200));
        Instant unmerged = run(monday.plusWeeks(2).withHour(10),
                () -> Tickets.unmerge(waiting).then().statusCode(200));
        assertEquals("WAITING", Tickets.status(waiting));
        Priority priority = Priority.valueOf(Tickets.detail(waiting).getString("priority"));

        // An hour later communicatie takes it up again: the deadlines run from the unmerge, less the hour waited.
        JsonPath resumed = call(monday.plusWeeks(2).withHour(11), () -> {
            Tickets.move(waiting, "IN_PROGRESS");
            return Tickets.detail(waiting);
        });

        Instant fresh = policy.plus(unmerged, policy.level(priority).resolution(), priority);
        assertAbout(policy.plus(fresh, policy.between(unmerged, unmerged.plusSeconds(3600), priority), priority),
                resumed.getString("resolutionDue"), "fresh from the unmerge, moved by the wait");
        assertEquals("PENDING", resumed.getString("resolutionStatus"));
        assertEquals(2, Tickets.events(waiting).stream().filter(e -> "DEADLINES_SET".equals(e.get("type"))).count(),
                "set at filing and again at the unmerge");
    }

    /**
     * Within seconds of {@code expected}: the test clock keeps ticking after it is set, so each step
     * happens a few milliseconds after the moment it was set to, and a wait is counted in whole
     * seconds. Counted from the filing instead, the deadlines would be two weeks off.
     */
    private static void assertAbout(Instant expected, String actual, String what) {
        Duration off = Duration.between(expected, Instant.parse(actual)).abs();
        assertTrue(off.compareTo(Duration.ofSeconds(5)) < 0, what + ": " + actual + ", expected about " + expected);
    }

    /** A Monday with two working weeks after it and no public holiday in them, in a year no other test files in. */
    private static LocalDateTime firstMondayOfOctober() {
        return LocalDate.of(ThreadLocalRandom.current().nextInt(3000, 3900), 10, 1)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)).atStartOfDay();
    }

    private static <T> T call(LocalDateTime local, java.util.function.Supplier<T> action) {
        TestClock.INSTANCE.setNow(local.atZone(AMSTERDAM).toInstant());
        return action.get();
    }

    /** Runs {@code action} at {@code local}; returns that moment. */
    private static Instant run(LocalDateTime local, Runnable action) {
        Instant at = local.atZone(AMSTERDAM).toInstant();
        TestClock.INSTANCE.setNow(at);
        action.run();
        return at;
    }
}
