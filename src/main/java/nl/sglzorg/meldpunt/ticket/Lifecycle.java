package nl.sglzorg.meldpunt.ticket;

import static nl.sglzorg.meldpunt.kernel.TicketStatus.CLOSED;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.ESCALATED;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.IN_PROGRESS;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.MERGED;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.NEW;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.REJECTED;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.RESOLVED;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.TRIAGED;
import static nl.sglzorg.meldpunt.kernel.TicketStatus.WAITING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * The ticket lifecycle of docs/design.md: which status may follow which, and which need a message.
 * {@code ESCALATED} is entered only through an escalation and {@code MERGED} only through a merge.
 */
public final class Lifecycle {

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = new EnumMap<>(TicketStatus.class);

    static {
        ALLOWED.put(NEW, EnumSet.of(TRIAGED, IN_PROGRESS, WAITING, ESCALATED, REJECTED, MERGED));
        ALLOWED.put(TRIAGED, EnumSet.of(IN_PROGRESS, WAITING, ESCALATED, RESOLVED, REJECTED, MERGED));
        ALLOWED.put(IN_PROGRESS, EnumSet.of(WAITING, ESCALATED, RESOLVED, MERGED));
        ALLOWED.put(WAITING, EnumSet.of(IN_PROGRESS, RESOLVED, MERGED));
        ALLOWED.put(ESCALATED, EnumSet.of(IN_PROGRESS, RESOLVED));
        ALLOWED.put(RESOLVED, EnumSet.of(CLOSED, IN_PROGRESS));
        ALLOWED.put(REJECTED, EnumSet.of(TRIAGED));
        ALLOWED.put(CLOSED, EnumSet.noneOf(TicketStatus.class));
        ALLOWED.put(MERGED, EnumSet.noneOf(TicketStatus.class));
    }

    /** Statuses of a ticket that no longer collects duplicates or takes work; every other one is open. */
    static final Set<TicketStatus> NOT_OPEN = Collections.unmodifiableSet(EnumSet.of(RESOLVED, CLOSED, REJECTED, MERGED));

    /** Statuses from which the reporter data's retention period counts. */
    static final Set<TicketStatus> CONCLUDED = Collections.unmodifiableSet(EnumSet.of(CLOSED, REJECTED, MERGED));

    private static final Set<TicketStatus> NEEDS_MESSAGE = EnumSet.of(RESOLVED, REJECTED, WAITING);
    private static final Set<TicketStatus> SPECIAL_ROUTES = EnumSet.of(ESCALATED, MERGED);

    private Lifecycle() {
    }

    /** Whether the table allows {@code to} after {@code from}, by whatever route. */
    public static boolean allows(TicketStatus from, TicketStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Whether a plain transition request may move {@code from} to {@code to}. */
    public static boolean allowsTransition(TicketStatus from, TicketStatus to) {
        return !SPECIAL_ROUTES.contains(to) && allows(from, to);
    }

    public static boolean needsMessage(TicketStatus to) {
        return NEEDS_MESSAGE.contains(to);
    }

    /** Open tickets still collect duplicates and take work. */
    public static boolean isOpen(TicketStatus status) {
        return !NOT_OPEN.contains(status);
    }

    /** CLOSED, REJECTED and MERGED: the reporter data's retention period starts. */
    public static boolean isConcluded(TicketStatus status) {
        return CONCLUDED.contains(status);
    }

    /** The statuses a plain transition may lead to from {@code from}, for error messages. */
    public static Set<TicketStatus> transitionsFrom(TicketStatus from) {
        Set<TicketStatus> targets = EnumSet.noneOf(TicketStatus.class);
        ALLOWED.get(from).stream().filter(to -> !SPECIAL_ROUTES.contains(to)).forEach(targets::add);
        return targets;
    }
}
