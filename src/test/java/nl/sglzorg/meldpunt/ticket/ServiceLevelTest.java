package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.ticket.ServiceLevel.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A ticket's deadlines on SGL's default response times, with time passed in as arguments. */
class ServiceLevelTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final SlaPolicy policy = SlaPolicy.sglDefaults(WorkingCalendar.sglOffice());

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(AMSTERDAM).toInstant();
    }

    private ServiceLevel started(String at, Priority priority) {
        ServiceLevel sla = new ServiceLevel();
        sla.start(local(at), priority, policy);
        return sla;
    }

    /** HIGH filed Tuesday 2026-11-24 10:00, answered at 10:30; its resolution warned and breached by the watcher. */
    private ServiceLevel resolutionBreached() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        sla.respond(local("2026-11-24T10:30"));
        sla.resolutionWarned = true;
        sla.resolutionBreached = true;
        return sla;
    }

    @ParameterizedTest(name = "{1} filed {0}: first response {2}, resolved {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-24T10:00 | URGENT | 2026-11-24T11:00 | 2026-11-24T18:00
            2026-11-28T02:00 | URGENT | 2026-11-28T03:00 | 2026-11-28T10:00
            2026-11-24T22:30 | URGENT | 2026-11-24T23:30 | 2026-11-25T06:30
            2026-11-24T10:00 | HIGH   | 2026-11-24T14:00 | 2026-11-26T10:00
            2026-11-27T22:00 | HIGH   | 2026-11-30T12:30 | 2026-12-01T17:00
            2026-11-24T10:00 | NORMAL | 2026-11-25T10:00 | 2026-12-01T10:00
            2026-11-24T10:00 | LOW    | 2026-11-27T10:00 | 2026-12-08T10:00
            2026-12-23T15:00 | NORMAL | 2026-12-24T15:00 | 2026-12-31T15:00
            """)
    void shouldSetBothDeadlinesFromThePriority(String filed, Priority priority, String firstResponse,
            String resolution) {
        ServiceLevel sla = started(filed, priority);

        assertEquals(local(firstResponse), sla.firstResponseDue, "first response");
        assertEquals(local(resolution), sla.resolutionDue, "resolution");
        assertEquals(sla.firstResponseDue, sla.nextDue);
    }

    @Test
    void shouldRunUrgentAroundTheClockAcrossTheEndOfSummerTime() {
        // Eight hours of real time from 23:30 CEST on the night the clocks go back: 06:30 CET local.
        ServiceLevel sla = started("2026-10-24T23:30", Priority.URGENT);

        assertEquals(Instant.parse("2026-10-24T21:30:00Z").plus(Duration.ofHours(8)), sla.resolutionDue);
        assertEquals(local("2026-10-25T06:30"), sla.resolutionDue);
    }

    @ParameterizedTest(name = "{1} filed {0}: warn at {2} and {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-24T10:00 | URGENT | 2026-11-24T10:48 | 2026-11-24T16:24
            2026-11-24T10:00 | HIGH   | 2026-11-24T13:12 | 2026-11-25T15:06
            2026-11-24T10:00 | NORMAL | 2026-11-24T16:48 | 2026-11-30T10:00
            2026-11-27T15:00 | HIGH   | 2026-11-30T09:42 | 2026-12-01T11:36
            """)
    void shouldWarnAtEightyPercentOfEachDeadline(String filed, Priority priority, String firstResponseWarning,
            String resolutionWarning) {
        ServiceLevel sla = started(filed, priority);

        assertEquals(local(firstResponseWarning), sla.firstResponseWarnAt, "first response");
        assertEquals(local(resolutionWarning), sla.resolutionWarnAt, "resolution");
        assertFalse(sla.firstResponseWarned);
        assertFalse(sla.resolutionWarned);
    }

    @Test
    void shouldWarnAtEightyPercentOfWorkingTimeNotWallTime() {
        Instant filed = local("2026-11-24T10:00");
        SlaPolicy.Level high = policy.level(Priority.HIGH);
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);

        assertEquals(Duration.ofMinutes(192), policy.between(filed, sla.firstResponseWarnAt, Priority.HIGH));
        assertEquals(high.resolution().multipliedBy(8).dividedBy(10),
                policy.between(filed, sla.resolutionWarnAt, Priority.HIGH));
    }

    @Test
    void shouldShiftBothDeadlinesAndWarningsByTheTimeSpentWaiting() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);

        sla.pause(local("2026-11-24T11:00"));
        Duration paused = sla.resume(local("2026-11-24T13:00"), Priority.HIGH, policy);

        assertEquals(Duration.ofHours(2), paused);
        assertEquals(7200, sla.pausedSeconds);
        assertNull(sla.waitingSince);
        assertEquals(local("2026-11-24T16:00"), sla.firstResponseDue);
        assertEquals(local("2026-11-24T15:12"), sla.firstResponseWarnAt);
        assertEquals(local("2026-11-26T12:00"), sla.resolutionDue);
        assertEquals(local("2026-11-26T08:36"), sla.resolutionWarnAt);
        assertFalse(sla.firstResponseWarned, "the moved warnings are still to come");
        assertFalse(sla.resolutionWarned);
        assertEquals(sla.firstResponseDue, sla.nextDue);
    }

    @Test
    void shouldShiftByWorkingTimeOnlyWhenWaitingOverAWeekend() {
        // Filed Friday 15:00: four working hours end Monday 10:30.
        ServiceLevel sla = started("2026-11-27T15:00", Priority.HIGH);
        assertEquals(local("2026-11-30T10:30"), sla.firstResponseDue);

        // Waiting from Friday 16:00 to Monday 09:00 is one and a half working hours, not 65 hours.
        sla.pause(local("2026-11-27T16:00"));
        Duration paused = sla.resume(local("2026-11-30T09:00"), Priority.HIGH, policy);

        assertEquals(Duration.ofMinutes(90), paused);
        assertEquals(local("2026-11-30T12:00"), sla.firstResponseDue);
        assertEquals(local("2026-12-01T16:30"), sla.resolutionDue);
    }

    @Test
    void shouldShiftUrgentByWallTimeWhenWaitingOverAWeekend() {
        ServiceLevel sla = started("2026-11-27T16:00", Priority.URGENT);

        sla.pause(local("2026-11-27T16:30"));
        Duration paused = sla.resume(local("2026-11-28T10:30"), Priority.URGENT, policy);

        assertEquals(Duration.ofHours(18), paused);
        assertEquals(local("2026-11-28T11:00"), sla.firstResponseDue);
        assertEquals(local("2026-11-28T18:00"), sla.resolutionDue);
    }

    @Test
    void shouldAddUpSeveralWaits() {
        ServiceLevel sla = started("2026-11-24T09:00", Priority.NORMAL);

        sla.pause(local("2026-11-24T10:00"));
        sla.resume(local("2026-11-24T10:30"), Priority.NORMAL, policy);
        sla.pause(local("2026-11-24T16:00"));
        // pausing again while waiting keeps the first start of the wait
        sla.pause(local("2026-11-24T16:30"));
        sla.resume(local("2026-11-25T09:00"), Priority.NORMAL, policy);

        assertEquals(Duration.ofMinutes(30 + 60 + 30).toSeconds(), sla.pausedSeconds);
        assertEquals(local("2026-11-25T11:00"), sla.firstResponseDue);
    }

    @Test
    void shouldNotShiftTheFirstResponseOnceItWasMet() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        sla.respond(local("2026-11-24T10:30"));
        Instant firstResponseDue = sla.firstResponseDue;

        sla.pause(local("2026-11-24T11:00"));
        sla.resume(local("2026-11-24T13:00"), Priority.HIGH, policy);

        assertEquals(firstResponseDue, sla.firstResponseDue);
        assertEquals(local("2026-11-26T12:00"), sla.resolutionDue);
    }

    @Test
    void shouldAnswerZeroWhenResumingWithoutAWait() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        Instant due = sla.firstResponseDue;

        assertEquals(Duration.ZERO, sla.resume(local("2026-11-24T12:00"), Priority.HIGH, policy));
        assertEquals(due, sla.firstResponseDue);
        assertEquals(0, sla.pausedSeconds);
    }

    @Test
    void shouldMeetTheFirstResponseInTime() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);

        assertTrue(sla.respond(local("2026-11-24T13:59")));

        assertEquals(local("2026-11-24T13:59"), sla.firstResponseAt);
        assertEquals(State.MET, sla.firstResponseState(local("2026-11-30T12:00")), "met stays met");
        assertEquals(State.PENDING, sla.resolutionState(local("2026-11-24T14:00")));
        assertEquals(sla.resolutionDue, sla.nextDue, "the resolution deadline matters next");
    }

    @Test
    void shouldRecordALateFirstResponseAsBreached() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);

        assertTrue(sla.respond(local("2026-11-24T14:01")));

        assertEquals(State.BREACHED, sla.firstResponseState(local("2026-11-24T14:01")));
    }

    @Test
    void shouldMeetTheFirstResponseOnlyOnce() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        sla.respond(local("2026-11-24T11:00"));

        assertFalse(sla.respond(local("2026-11-24T12:00")));
        assertEquals(local("2026-11-24T11:00"), sla.firstResponseAt);
    }

    @Test
    void shouldTellPendingPausedAndBreached() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);

        assertEquals(State.PENDING, sla.firstResponseState(local("2026-11-24T14:00")), "due, not yet passed");
        assertEquals(State.BREACHED, sla.firstResponseState(local("2026-11-24T14:00:01")));
        assertEquals(State.PENDING, sla.resolutionState(local("2026-11-24T14:00:01")));

        sla.pause(local("2026-11-24T11:00"));
        assertEquals(State.PAUSED, sla.firstResponseState(local("2026-11-30T11:00")), "no breach while waiting");
        assertEquals(State.PAUSED, sla.resolutionState(local("2026-11-30T11:00")));
    }

    @Test
    void shouldHaveNoStateWithoutDeadlines() {
        ServiceLevel sla = new ServiceLevel();

        assertEquals(State.NONE, sla.firstResponseState(Instant.now()));
        assertEquals(State.NONE, sla.resolutionState(Instant.now()));
        assertEquals(ServiceLevel.NO_DEADLINE, sla.nextDue);
    }

    @Test
    void shouldMeetTheResolutionWhenResolvedAndRunAgainWhenReopened() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        sla.respond(local("2026-11-24T11:00"));

        sla.resolve(local("2026-11-25T11:00"));
        assertEquals(State.MET, sla.resolutionState(local("2026-12-24T11:00")));
        assertEquals(ServiceLevel.NO_DEADLINE, sla.nextDue);

        sla.reopen();
        assertEquals(State.BREACHED, sla.resolutionState(local("2026-11-26T10:01")));
        assertEquals(sla.resolutionDue, sla.nextDue);
    }

    @Test
    void shouldFollowTheDeadlineThatMattersNext() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.NORMAL);
        assertEquals(sla.firstResponseDue, sla.nextDue, "first response first");

        sla.pause(local("2026-11-24T11:00"));
        assertEquals(ServiceLevel.NO_DEADLINE, sla.nextDue, "nothing is due while waiting");

        sla.resume(local("2026-11-24T12:00"), Priority.NORMAL, policy);
        assertEquals(local("2026-11-25T11:00"), sla.nextDue, "the shifted first response");

        sla.respond(local("2026-11-24T13:00"));
        assertEquals(sla.resolutionDue, sla.nextDue, "then the resolution");

        sla.stop();
        assertEquals(ServiceLevel.NO_DEADLINE, sla.nextDue, "closed: nothing");
    }

    @Test
    void shouldRecomputeFromTheFilingTimeKeepingPausesWhenThePriorityChanges() {
        Instant filed = local("2026-11-24T10:00");
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        sla.pause(local("2026-11-24T11:00"));
        sla.resume(local("2026-11-24T13:00"), Priority.HIGH, policy);

        sla.reprioritise(filed, local("2026-11-24T13:00"), Priority.NORMAL, policy);

        // NORMAL from the filing time, plus the two hours waited
        assertEquals(local("2026-11-25T12:00"), sla.firstResponseDue);
        assertEquals(local("2026-12-01T12:00"), sla.resolutionDue);
        assertEquals(local("2026-11-25T10:18"), sla.firstResponseWarnAt);
        assertEquals(7200, sla.pausedSeconds);
        assertEquals(sla.firstResponseDue, sla.nextDue);
    }

    @Test
    void shouldKeepTheFirstResponseAndTheCurrentWaitWhenThePriorityChanges() {
        Instant filed = local("2026-11-24T10:00");
        ServiceLevel sla = started("2026-11-24T10:00", Priority.NORMAL);
        sla.respond(local("2026-11-24T10:30"));
        sla.pause(local("2026-11-24T11:00"));

        sla.reprioritise(filed, local("2026-11-24T11:30"), Priority.HIGH, policy);

        assertEquals(local("2026-11-24T10:30"), sla.firstResponseAt);
        assertEquals(local("2026-11-24T11:00"), sla.waitingSince, "still waiting");
        assertEquals(ServiceLevel.NO_DEADLINE, sla.nextDue);
        assertEquals(local("2026-11-26T10:00"), sla.resolutionDue);

        // the wait that was going on counts when it ends
        sla.resume(local("2026-11-24T12:00"), Priority.HIGH, policy);
        assertEquals(local("2026-11-26T11:00"), sla.resolutionDue);
    }

    @Test
    void shouldKeepADeadlineBreachedWhenAWaitLeavesItPassed() {
        // HIGH filed Tuesday 10:00: resolved by Thursday 10:00. The watcher breached (and escalated) it.
        ServiceLevel sla = resolutionBreached();

        // On Friday the ticket waits an hour for the reporter: the deadline moves to Thursday 11:00,
        // still long passed. The breach happened; it must not fire (and escalate) a second time.
        sla.pause(local("2026-11-27T10:00"));
        sla.resume(local("2026-11-27T11:00"), Priority.HIGH, policy);

        assertEquals(local("2026-11-26T11:00"), sla.resolutionDue);
        assertTrue(sla.resolutionBreached, "a deadline that is still passed stays breached");
        assertTrue(sla.resolutionWarned, "and warned");
    }

    @Test
    void shouldKeepADeadlineBreachedWhenANewPriorityLeavesItPassed() {
        // HIGH filed Tuesday 10:00: resolved by Thursday 10:00. The watcher breached (and escalated) it.
        Instant filed = local("2026-11-24T10:00");
        ServiceLevel sla = resolutionBreached();

        // On Friday communicatie raises it to URGENT: counted from the filing, that deadline is long
        // passed too. The breach happened; it must not fire (and escalate) a second time.
        sla.reprioritise(filed, local("2026-11-27T10:00"), Priority.URGENT, policy);

        assertTrue(sla.resolutionDue.isBefore(local("2026-11-27T10:00")), sla.resolutionDue.toString());
        assertTrue(sla.resolutionBreached, "a deadline that is still passed stays breached");
        assertTrue(sla.resolutionWarned, "and warned");
    }

    @Test
    void shouldRunADeadlineAgainWhenANewPriorityMovesItAhead() {
        Instant filed = local("2026-11-24T10:00");
        ServiceLevel sla = resolutionBreached();

        // Lowered to LOW on Thursday 11:00: its resolution, counted from the filing, lies ahead. It runs
        // again, to be warned and breached at its own moments.
        sla.reprioritise(filed, local("2026-11-26T11:00"), Priority.LOW, policy);

        assertTrue(sla.resolutionDue.isAfter(local("2026-11-26T11:00")), sla.resolutionDue.toString());
        assertFalse(sla.resolutionBreached);
        assertFalse(sla.resolutionWarned);
        assertEquals(State.PENDING, sla.resolutionState(local("2026-11-26T11:00")));
    }

    @Test
    void shouldNotWarnTwiceAboutTheSameDeadlineAfterAWait() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        sla.respond(local("2026-11-24T10:30"));
        // The watcher warned at Wednesday 15:06 (80 % of the resolution time).
        sla.resolutionWarned = true;

        // A wait of one working day moves the deadline to Friday 10:00 and the warning to Thursday
        // 15:06 — passed again the moment the wait ends, as a warning moved by a later wait always is.
        sla.pause(local("2026-11-25T15:30"));
        sla.resume(local("2026-11-26T15:30"), Priority.HIGH, policy);

        assertEquals(local("2026-11-27T10:00"), sla.resolutionDue);
        assertEquals(local("2026-11-26T15:06"), sla.resolutionWarnAt);
        assertTrue(sla.resolutionWarned, "warned once for this deadline; no second warning");
        assertFalse(sla.resolutionBreached);
        assertEquals(State.PENDING, sla.resolutionState(local("2026-11-26T15:30")));
    }

    @Test
    void shouldCountAWaitInTheNewPrioritysTimeWhenThePriorityChanges() {
        // URGENT filed Friday 16:00 waits from 16:30 until Monday 09:00: 64.5 hours around the clock,
        // but one working hour. Lowered to HIGH, it gets HIGH's four working hours from the filing
        // time (Monday 11:30) plus the one working hour waited — not 64.5 working hours.
        Instant filed = local("2026-11-27T16:00");
        ServiceLevel sla = started("2026-11-27T16:00", Priority.URGENT);
        sla.pause(local("2026-11-27T16:30"));
        sla.resume(local("2026-11-30T09:00"), Priority.URGENT, policy);

        sla.reprioritise(filed, local("2026-11-30T09:00"), Priority.HIGH, policy);

        assertEquals(local("2026-11-30T12:30"), sla.firstResponseDue);
        assertEquals(local("2026-12-01T17:00"), sla.resolutionDue);
    }

    @Test
    void shouldStartAfreshWhenRevived() {
        ServiceLevel sla = started("2026-11-24T10:00", Priority.HIGH);
        sla.firstResponseWarned = true;
        sla.firstResponseBreached = true;
        sla.pause(local("2026-11-24T11:00"));

        sla.start(local("2026-11-30T10:00"), Priority.HIGH, policy);

        assertEquals(local("2026-11-30T14:00"), sla.firstResponseDue);
        assertFalse(sla.firstResponseWarned);
        assertFalse(sla.firstResponseBreached);
        assertNull(sla.waitingSince);
        assertEquals(0, sla.pausedSeconds);
    }

    @Test
    void shouldRefuseAWarningOutsideTheDeadline() {
        WorkingCalendar calendar = WorkingCalendar.sglOffice();
        Map<Priority, SlaPolicy.Level> levels = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            levels.put(priority, new SlaPolicy.Level(Duration.ofHours(1), Duration.ofHours(2), false,
                    Duration.ofHours(1)));
        }
        assertThrows(IllegalArgumentException.class, () -> new SlaPolicy(calendar, levels, 0));
        assertThrows(IllegalArgumentException.class, () -> new SlaPolicy(calendar, levels, 1));
        levels.remove(Priority.LOW);
        assertThrows(IllegalArgumentException.class, () -> new SlaPolicy(calendar, levels, 0.8));
    }

    @Test
    void shouldGiveTheDefaultResponseTimes() {
        Duration day = Duration.ofHours(8).plusMinutes(30);

        assertEquals(new SlaPolicy.Level(Duration.ofHours(1), Duration.ofHours(8), true, Duration.ofHours(1)),
                policy.level(Priority.URGENT));
        assertEquals(new SlaPolicy.Level(Duration.ofHours(4), day.multipliedBy(2), false, Duration.ofHours(4)),
                policy.level(Priority.HIGH));
        assertEquals(new SlaPolicy.Level(day, day.multipliedBy(5), false, day), policy.level(Priority.NORMAL));
        assertEquals(new SlaPolicy.Level(day.multipliedBy(3), day.multipliedBy(10), false, day),
                policy.level(Priority.LOW));
    }
}
