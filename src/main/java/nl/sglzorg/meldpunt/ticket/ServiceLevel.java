package nl.sglzorg.meldpunt.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Priority;

/**
 * A ticket's two deadlines — first response and resolution — with their warnings, and the pause
 * while the ticket waits for the reporter. Plain Java on the policy it is given; stored with the
 * ticket.
 */
@Embeddable
public class ServiceLevel {

    /** Stands in for "no deadline" in {@link #nextDue}, so sorting by due date needs no NULL handling. */
    public static final Instant NO_DEADLINE = Instant.parse("9999-12-31T00:00:00Z");

    /** How a deadline stands. */
    public enum State {
        /** Running and not yet passed. */
        PENDING,
        /** Met in time. */
        MET,
        /** Passed without being met, or met too late. */
        BREACHED,
        /** Stopped: the ticket waits for the reporter. */
        PAUSED,
        /** No deadline (a ticket merged into another). */
        NONE
    }

    /** How the deadline that runs now stands, for the queue's badges. */
    public enum Urgency {
        /** No deadline runs. */
        NONE,
        /** Running, before its warning. */
        ON_TIME,
        /** Past its warning ("Bijna te laat"), the moment the deadline watcher warns. */
        WARNING,
        /** Passed ("Te laat"). */
        BREACHED,
        /** Stopped: the ticket waits for the reporter. */
        PAUSED
    }

    @Column(name = "first_response_due")
    public Instant firstResponseDue;

    @Column(name = "first_response_warn_at")
    public Instant firstResponseWarnAt;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "first_response_warned", nullable = false)
    public boolean firstResponseWarned;

    @Column(name = "first_response_breached", nullable = false)
    public boolean firstResponseBreached;

    @Column(name = "resolution_due")
    public Instant resolutionDue;

    @Column(name = "resolution_warn_at")
    public Instant resolutionWarnAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolution_warned", nullable = false)
    public boolean resolutionWarned;

    @Column(name = "resolution_breached", nullable = false)
    public boolean resolutionBreached;

    /** Set while the ticket waits for the reporter: the clock is paused. */
    @Column(name = "waiting_since")
    public Instant waitingSince;

    /** All time paused so far, in working time on the office calendar. */
    @Column(name = "paused_seconds", nullable = false)
    public long pausedSeconds;

    /** All time paused so far, around the clock: what a priority that runs day and night is moved by. */
    @Column(name = "paused_wall_seconds", nullable = false)
    public long pausedWallSeconds;

    /** The deadline that matters next, for sorting the queue. */
    @Column(name = "next_due", nullable = false)
    public Instant nextDue = NO_DEADLINE;

    /** Sets both deadlines for a ticket filed (or reopened) at {@code start}. */
    public void start(Instant start, Priority priority, SlaPolicy policy) {
        SlaPolicy.Level level = policy.level(priority);
        firstResponseDue = policy.plus(start, level.firstResponse(), priority);
        firstResponseWarnAt = policy.warningFor(start, level.firstResponse(), priority);
        resolutionDue = policy.plus(start, level.resolution(), priority);
        resolutionWarnAt = policy.warningFor(start, level.resolution(), priority);
        firstResponseWarned = false;
        firstResponseBreached = false;
        resolutionWarned = false;
        resolutionBreached = false;
        resolvedAt = null;
        waitingSince = null;
        pausedSeconds = 0;
        pausedWallSeconds = 0;
        updateNextDue();
    }

    /**
     * Recomputes the deadlines after a change of priority at {@code now}, from {@code from} (where they
     * were last set: the filing, or the moment the ticket was taken up again), keeping pauses. A warning
     * or breach already done stays done while its new moment has passed too: taking it up again would
     * warn or escalate twice. One the new priority moves ahead runs again, and is warned and breached
     * at its new moment.
     */
    public void reprioritise(Instant from, Instant now, Priority priority, SlaPolicy policy) {
        Instant firstResponse = firstResponseAt;
        Instant resolved = resolvedAt;
        long paused = pausedSeconds;
        long pausedWall = pausedWallSeconds;
        Instant waiting = waitingSince;
        boolean firstWarned = firstResponseWarned;
        boolean firstBreached = firstResponseBreached;
        boolean resolutionWasWarned = resolutionWarned;
        boolean resolutionWasBreached = resolutionBreached;
        start(from, priority, policy);
        // The time waited so far, measured as the new priority measures time.
        shift(Duration.ofSeconds(policy.level(priority).aroundTheClock() ? pausedWall : paused), priority, policy);
        firstResponseAt = firstResponse;
        resolvedAt = resolved;
        pausedSeconds = paused;
        pausedWallSeconds = pausedWall;
        waitingSince = waiting;
        firstResponseWarned = firstWarned && !firstResponseWarnAt.isAfter(now);
        firstResponseBreached = firstBreached && !firstResponseDue.isAfter(now);
        resolutionWarned = resolutionWasWarned && !resolutionWarnAt.isAfter(now);
        resolutionBreached = resolutionWasBreached && !resolutionDue.isAfter(now);
        updateNextDue();
    }

    public void pause(Instant now) {
        if (waitingSince == null) {
            waitingSince = now;
        }
        updateNextDue();
    }

    /**
     * Ends a pause: the deadlines and their warnings move by the paused time. A warning or breach
     * that came before the pause stays done: moved by the pause, its moment is still passed now, and
     * taking it up again would warn or escalate twice. Returns the paused time.
     */
    public Duration resume(Instant now, Priority priority, SlaPolicy policy) {
        if (waitingSince == null) {
            return Duration.ZERO;
        }
        Duration paused = policy.between(waitingSince, now, priority);
        pausedSeconds += policy.workingTimeBetween(waitingSince, now).toSeconds();
        pausedWallSeconds += now.isAfter(waitingSince) ? Duration.between(waitingSince, now).toSeconds() : 0;
        waitingSince = null;
        shift(paused, priority, policy);
        updateNextDue();
        return paused;
    }

    private void shift(Duration paused, Priority priority, SlaPolicy policy) {
        if (paused.isZero()) {
            return;
        }
        if (firstResponseAt == null && firstResponseDue != null) {
            firstResponseDue = policy.plus(firstResponseDue, paused, priority);
            firstResponseWarnAt = policy.plus(firstResponseWarnAt, paused, priority);
        }
        if (resolvedAt == null && resolutionDue != null) {
            resolutionDue = policy.plus(resolutionDue, paused, priority);
            resolutionWarnAt = policy.plus(resolutionWarnAt, paused, priority);
        }
    }

    /** The first response reached the reporter (or the status changed): that deadline is met. */
    public boolean respond(Instant now) {
        if (firstResponseAt != null || firstResponseDue == null) {
            return false;
        }
        firstResponseAt = now;
        updateNextDue();
        return true;
    }

    public void resolve(Instant now) {
        if (resolvedAt == null) {
            resolvedAt = now;
        }
        updateNextDue();
    }

    /** A resolved ticket taken up again: the resolution deadline runs again from where it was. */
    public void reopen() {
        resolvedAt = null;
        updateNextDue();
    }

    /** No more deadlines: the ticket is closed, rejected or merged. */
    public void stop() {
        nextDue = NO_DEADLINE;
    }

    public State firstResponseState(Instant now) {
        return state(firstResponseDue, firstResponseAt, now);
    }

    public State resolutionState(Instant now) {
        return state(resolutionDue, resolvedAt, now);
    }

    /**
     * How the deadline that runs now ({@link #nextDue}) stands: passed as {@link #state} says a
     * deadline is breached, warned from the same warning moment the deadline watcher uses.
     */
    public Urgency urgency(Instant now) {
        if (waitingSince != null && firstResponseDue != null) {
            return Urgency.PAUSED;
        }
        if (nextDue == null || nextDue.equals(NO_DEADLINE)) {
            return Urgency.NONE;
        }
        if (now.isAfter(nextDue)) {
            return Urgency.BREACHED;
        }
        Instant warnAt = firstResponseAt == null ? firstResponseWarnAt : resolutionWarnAt;
        return warnAt != null && !now.isBefore(warnAt) ? Urgency.WARNING : Urgency.ON_TIME;
    }

    private State state(Instant due, Instant metAt, Instant now) {
        if (due == null) {
            return State.NONE;
        }
        if (metAt != null) {
            return metAt.isAfter(due) ? State.BREACHED : State.MET;
        }
        if (waitingSince != null) {
            return State.PAUSED;
        }
        return now.isAfter(due) ? State.BREACHED : State.PENDING;
    }

    private void updateNextDue() {
        if (waitingSince != null || firstResponseDue == null) {
            nextDue = NO_DEADLINE;
        } else if (firstResponseAt == null) {
            nextDue = firstResponseDue;
        } else if (resolvedAt == null) {
            nextDue = resolutionDue;
        } else {
            nextDue = NO_DEADLINE;
        }
    }
}
