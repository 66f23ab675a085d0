package nl.sglzorg.meldpunt.escalation;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.notification.Notifications;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.ticket.Deadlines;
import nl.sglzorg.meldpunt.ticket.Escalation;
import nl.sglzorg.meldpunt.ticket.ServiceLevel;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.webhook.Webhooks;
import org.hibernate.StaleStateException;

/**
 * The automatic escalation chain. Before a deadline the handling function is warned; at the
 * deadline the ticket is escalated to a manager; when a manager does not acknowledge in time, the
 * next level follows. Each step is a flag set in the same transaction as its effects, under the
 * ticket's (or escalation's) optimistic lock: with several instances, and after a restart, every
 * step happens exactly once.
 */
@ApplicationScoped
public class SlaWatcher {

    static final List<TicketStatus> RUNNING = List.of(TicketStatus.NEW, TicketStatus.TRIAGED,
            TicketStatus.IN_PROGRESS, TicketStatus.ESCALATED);

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    EscalationService escalations;

    @Inject
    Notifications notifications;

    @Inject
    AccountsTableService accountsTable;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Webhooks webhooks;

    @Scheduled(every = "${meldpunt.sla.watch-interval}", delayed = "${meldpunt.sla.watch-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        runOnce();
    }

    /** Takes every step that is due now; returns how many tickets and escalations it acted on. */
    public int runOnce() {
        Instant now = Instant.now(clock);
        int acted = 0;
        for (Long id : QuarkusTransaction.requiringNew().call(() -> dueTickets(now))) {
            acted += step(() -> checkTicket(id, now));
        }
        for (Long id : QuarkusTransaction.requiringNew().call(() -> overdueEscalations(now))) {
            acted += step(() -> nextLevel(id, now));
        }
        return acted;
    }

    /** One step in its own transaction; another instance having taken it is not an error. */
    private static int step(Runnable work) {
        try {
            QuarkusTransaction.requiringNew().run(work);
            return 1;
        } catch (RuntimeException e) {
            if (!hasCause(e, OptimisticLockException.class) && !hasCause(e, StaleStateException.class)) {
                Log.errorf("Deadline step failed: %s", e.getClass().getName());
            }
            return 0;
        }
    }

    /**
     * The tickets whose first response is to be warned of or has breached: those whose {@code
     * first_response_watch_at} has come, through the index on that column alone (V33). The database
     * computes the column on every write: while the ticket runs and the deadline is neither met nor
     * breached, the warning moment until the warning is given, then the deadline; otherwise none. The
     * warning moment never comes after the deadline (it is a fraction of it, and a pause moves both
     * alike), so a ticket past its deadline and not yet warned is found by its warning moment: this is
     * every ticket {@link #checkTicket} acts on for this deadline, and a ticket warned and still within
     * its time is not read. Parameter: now.
     */
    static final String DUE_FIRST_RESPONSE = "SELECT id FROM ticket WHERE first_response_watch_at <= ?";

    /** The same for the resolution, through the index on {@code resolution_watch_at} (V33). */
    static final String DUE_RESOLUTION = "SELECT id FROM ticket WHERE resolution_watch_at <= ?";

    /** The tickets with a step due, in id order: two statements, one per deadline, each answered by its own index. */
    private static List<Long> dueTickets(Instant now) {
        Set<Long> due = new TreeSet<>();
        for (String statement : List.of(DUE_FIRST_RESPONSE, DUE_RESOLUTION)) {
            due.addAll(Sql.ids(statement, now));
        }
        return List.copyOf(due);
    }

    /**
     * The first-level escalations not acknowledged in time, of tickets that run: while a ticket waits
     * for its reporter or is resolved, no next level is raised; once it runs again, one whose
     * acknowledge time has passed follows at the next run (the acknowledge time is not moved by the
     * wait, as the deadlines are).
     */
    private static List<Long> overdueEscalations(Instant now) {
        return Panache.getEntityManager().createQuery("select e.id from Escalation e, Ticket t where t.id = e.ticketId"
                        + " and t.status in :running and e.acknowledgedAt is null and e.nextLevelFired = false"
                        + " and e.level = 1 and e.acknowledgeBy <= :now order by e.id", Long.class)
                .setParameter("running", RUNNING)
                .setParameter("now", now).getResultList();
    }

    private void checkTicket(long id, Instant now) {
        Ticket ticket = Ticket.findById(id);
        ServiceLevel sla = ticket.sla;
        if (!RUNNING.contains(ticket.status) || sla.waitingSince != null) {
            return;
        }
        if (sla.firstResponseAt == null) {
            if (!sla.firstResponseBreached && !sla.firstResponseDue.isAfter(now)) {
                sla.firstResponseBreached = true;
                sla.firstResponseWarned = true;
                breached(ticket, Webhooks.Deadline.FIRST_RESPONSE, "de eerste reactie", sla.firstResponseDue, now);
            } else if (!sla.firstResponseWarned && !sla.firstResponseWarnAt.isAfter(now)) {
                sla.firstResponseWarned = true;
                warn(ticket, "FIRST_RESPONSE", "de eerste reactie", sla.firstResponseDue, now);
            }
        }
        if (sla.resolvedAt == null) {
            if (!sla.resolutionBreached && !sla.resolutionDue.isAfter(now)) {
                sla.resolutionBreached = true;
                sla.resolutionWarned = true;
                breached(ticket, Webhooks.Deadline.RESOLUTION, "het afhandelen", sla.resolutionDue, now);
            } else if (!sla.resolutionWarned && !sla.resolutionWarnAt.isAfter(now)) {
                sla.resolutionWarned = true;
                warn(ticket, "RESOLUTION", "het afhandelen", sla.resolutionDue, now);
            }
        }
        ticket.persistAndFlush();
    }

    private void warn(Ticket ticket, String which, String what, Instant due, Instant now) {
        String when = Deadlines.format(due, config.timeZone());
        TicketEvent.deadlineWarning(ticket, now, which, "De termijn voor " + what + " verloopt om " + when);
        notifications.deadline(ticket, accountsTable.current(), "[Meldpunt] Termijn verloopt bijna: " + ticket.reference,
                "De termijn voor " + what + " van dit signaal verloopt om " + when + ".");
    }

    private void breached(Ticket ticket, Webhooks.Deadline which, String what, Instant due, Instant now) {
        countOnCommit(which.name(), ticket.priority.name());
        String when = Deadlines.format(due, config.timeZone());
        TicketEvent.deadlineBreached(ticket, now, which.name(),
                "De termijn voor " + what + " is verstreken (" + when + ")");
        webhooks.deadlineBreached(ticket, which);
        boolean alreadyBeforeAManager = Escalation.ofTicket(ticket.id).stream().anyMatch(Escalation::isOpen);
        if (alreadyBeforeAManager) {
            return;
        }
        Optional<EscalationService.Manager> manager = EscalationService.firstLevel(ticket);
        if (manager.isPresent()) {
            escalations.escalate(ticket, manager.get(), 1, true, "Termijn voor " + what + " verstreken (" + when + ")",
                    TicketEvent.SYSTEM, now);
        } else {
            notifications.deadline(ticket, accountsTable.current(), "[Meldpunt] Termijn verstreken: " + ticket.reference,
                    "De termijn voor " + what + " is verstreken (" + when + "). Er is geen leidinggevende bekend om"
                            + " naar te escaleren: stel er een in bij de eenheid of de functie.");
        }
    }

    private void nextLevel(long escalationId, Instant now) {
        // The ticket first, locked: a merge, rejection or close that lets this escalation lapse holds the
        // same lock, so the two take turns and neither writes the escalation over the other (the loser
        // would be the staff member's request, a 409 for an If-Match that was right). Its id is read by
        // SQL, so the escalation is first loaded after the lock, as it stands then.
        long ticketId = Sql.number("SELECT ticket_id FROM escalation WHERE id = ?", escalationId);
        Ticket ticket = Ticket.findById(ticketId, LockModeType.PESSIMISTIC_WRITE);
        Escalation escalation = Escalation.findById(escalationId);
        // Looked at again in this step's transaction: a ticket put on waiting since the look-up keeps
        // its next level for when it runs again (until session 32 the level was used up without firing).
        if (!escalation.isOpen() || escalation.nextLevelFired || !RUNNING.contains(ticket.status)) {
            return;
        }
        escalation.nextLevelFired = true;
        Optional<EscalationService.Manager> next = EscalationService.lastLevel()
                .filter(m -> !m.email().equalsIgnoreCase(escalation.managerEmail));
        if (next.isPresent()) {
            escalations.escalate(ticket, next.get(), escalation.level + 1, true,
                    "Niet bevestigd door " + escalation.managerEmail + " vóór "
                            + Deadlines.format(escalation.acknowledgeBy, config.timeZone()), TicketEvent.SYSTEM, now);
            ticket.persist();
        }
        escalation.persistAndFlush();
    }

    /**
     * Counts a breach once its step commits: when two instances take the same step, the one that
     * loses the race rolls back, and its breach did not happen.
     */
    private void countOnCommit(String which, String priority) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    registry.counter("meldpunt.sla.breaches", "deadline", which, "priority", priority).increment();
                }
            }
        });
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
