package nl.sglzorg.meldpunt.notification;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.DatabaseInUse;
import nl.sglzorg.meldpunt.common.jdbc.DueClaim;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.TicketEvent;

/**
 * The outbox's short transactions. A claim reserves due e-mails for one dispatcher by moving their
 * due time past a lease; {@code FOR UPDATE SKIP LOCKED} lets several dispatchers claim side by side
 * without ever claiming the same row.
 *
 * <p>An e-mail is recorded in two steps. The moment the SMTP server accepts it, {@link #recordAccepted}
 * sets its {@code sent_at}: one statement that commits by itself (with the other e-mails accepted at
 * that moment), so a dispatcher that dies after that never lets the e-mail go out again. When the
 * batch is done, {@link #record} marks it {@code SENT} and writes its {@code EMAIL_SENT} history line,
 * one statement for the whole batch. A row with {@code sent_at} but still {@code PENDING} is therefore
 * accepted but not yet in the history; should the dispatcher die in between, the lease runs out,
 * another claims the row, sees its {@code sent_at}, does not send it again and records it with its own
 * batch: the history is written exactly once (the batch locks the rows it records and skips those
 * already {@code SENT}) and the e-mail is sent once.
 */
@ApplicationScoped
public class OutboxStore {

    /**
     * What a dispatcher needs to send one e-mail, detached from the database. {@code acceptedAt} is set
     * only when the SMTP server accepted it under an earlier claim whose dispatcher died before
     * recording it with its batch: it is recorded, not sent again.
     */
    public record Claimed(long id, Long ticketId, EmailKind kind, String recipient, String recipientLabel,
            String subject, String text, String html, int attempts, Instant createdAt, Instant acceptedAt) {

        public boolean alreadyAccepted() {
            return acceptedAt != null;
        }
    }

    /** How one attempt to send a claimed e-mail ended: sent, or failed with an error. */
    public record Attempt(Claimed email, String error, boolean refusedForGood) {

        static Attempt sent(Claimed email) {
            return new Attempt(email, null, false);
        }

        /** Failed in a way that may pass: tried again after its backoff, up to the last attempt. */
        static Attempt failed(Claimed email, String error) {
            return new Attempt(email, error, false);
        }

        /** The server refused the recipient for good: parked at once, since trying again sends nothing. */
        static Attempt refused(Claimed email, String error) {
            return new Attempt(email, error, true);
        }

        public boolean succeeded() {
            return error == null;
        }
    }

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    DatabaseInUse database;

    /**
     * The due e-mails, first due first, up to a limit: in the order of the index on
     * {@code (status, next_attempt_at, id)} (V3), so the select reads only the rows it returns (and the
     * index entries of e-mails sent since the last vacuum). Ordered by {@code id} alone, it read and
     * sorted the whole backlog at each claim, the costliest statement a filing paid for at 1 M
     * tickets ({@code docs/benchmarks.md}, session 18). E-mails queued together are due together and
     * keep their order by {@code id}. On H2 only the rows returned are locked ({@link DueClaim}).
     */
    static final DueClaim CLAIM = DueClaim.of("outbox_email");

    /** The claim's select on PostgreSQL, whose plan {@code OutboxClaimPlanTest} checks. */
    static final String CLAIM_DUE = CLAIM.postgres();

    /**
     * Claims up to {@code limit} due e-mails: one locking select, one update that counts the attempt
     * and moves the due time past the lease, one read of what to send (after the update, so the
     * attempts counted include this one).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claimDue(int limit) {
        Instant now = Instant.now(clock);
        EntityManager em = Panache.getEntityManager();
        List<Long> ids = CLAIM.claim(database, now, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        em.createQuery("update OutboxEmail set attempts = attempts + 1, nextAttemptAt = ?1, version = version + 1"
                + " where id in ?2")
                .setParameter(1, now.plus(config.mail().claimLease())).setParameter(2, ids).executeUpdate();
        // Read as plain rows: as entities, each e-mail and its bodies stayed in the persistence context
        // for the commit's dirty check, though nothing changes them (docs/benchmarks.md, session 20).
        List<Claimed> claimed = new ArrayList<>(ids.size());
        Sql.forEach("select id, ticket_id, recipient, recipient_label, subject, text_body, html_body, attempts,"
                + " created_at, sent_at, kind from outbox_email where id in ("
                + Sql.placeholders(ids.size()) + ") order by id", ids.size(),
                row -> claimed.add(new Claimed(row.getLong(1), row.getObject(2, Long.class),
                        EmailKind.valueOf(row.getString(11)), row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6), row.getString(7), row.getInt(8), Sql.instant(row, 9), Sql.instant(row, 10))),
                ids.toArray());
        return claimed;
    }

    /**
     * Records that the SMTP server accepted e-mails, the moment it did: one statement for all of them.
     * The first acceptance counts; whichever dispatcher holds the claim, an e-mail that went out must
     * not go out again. Returns how many were recorded now (not those recorded already, nor those
     * erased meanwhile). Committed by itself, without a transaction around it: the dispatcher records
     * every e-mail this way, and a transaction of its own per e-mail cost more CPU than sending it
     * (docs/benchmarks.md). {@link AcceptedRecorder} gathers the e-mails accepted at the same moment.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int recordAccepted(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return Sql.updateCommitted(dataSource, "UPDATE outbox_email SET sent_at = ?, version = version + 1 WHERE id IN ("
                + Sql.placeholders(ids.size()) + ") AND sent_at IS NULL", Sql.parameters(Instant.now(clock), ids));
    }

    /**
     * Records how a batch of attempts ended, in one transaction: the sent ones are marked sent (most
     * already have their {@code sent_at} from {@link #recordAccepted}), the failed ones get their next
     * attempt with exponential backoff or, after the last one, are parked. The ticket's history hears
     * of every e-mail sent or parked, once. Returns the attempts parked now.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Attempt> record(List<Attempt> attempts) {
        EntityManager em = Panache.getEntityManager();
        Instant now = Instant.now(clock);
        List<Long> sent = attempts.stream().filter(Attempt::succeeded).map(a -> a.email().id()).toList();
        // Locked, so that two dispatchers recording one row (a claim that ran out) write its history once.
        List<Long> ids = sent.isEmpty() ? List.of() : Sql.ids("select id from outbox_email where id in ("
                + Sql.placeholders(sent.size()) + ") and status <> 'SENT' for update", sent.toArray());
        if (!ids.isEmpty()) {
            // The history of each ticket hears of its e-mails, in one statement for the whole batch, at
            // the time the SMTP server accepted each.
            em.createQuery("insert into TicketEvent (ticketId, type, actor, occurredAt, newValue, text, visibleToReporter)"
                    + " select o.ticketId, ?1, ?2, coalesce(o.sentAt, ?3), o.recipientLabel, o.subject, false"
                    + " from OutboxEmail o where o.id in ?4 and o.ticketId is not null")
                    .setParameter(1, EventType.EMAIL_SENT).setParameter(2, TicketEvent.SYSTEM).setParameter(3, now)
                    .setParameter(4, ids).executeUpdate();
            em.createQuery("update OutboxEmail set status = ?1, sentAt = coalesce(sentAt, ?2), lastError = null,"
                    + " version = version + 1 where id in ?3")
                    .setParameter(1, EmailStatus.SENT).setParameter(2, now).setParameter(3, ids).executeUpdate();
        }
        List<Attempt> parked = new ArrayList<>();
        for (Attempt attempt : attempts) {
            if (!attempt.succeeded() && markFailed(em, attempt, now)) {
                parked.add(attempt);
            }
        }
        return parked;
    }

    /**
     * Schedules the next attempt, or parks the e-mail after the last one or when its recipient was
     * refused for good; true when parked.
     */
    private boolean markFailed(EntityManager em, Attempt attempt, Instant now) {
        Claimed email = attempt.email();
        // The mail server's own words about a reporter's e-mail may quote their address or name: the row
        // keeps ours, as the ticket's history does, so that no list, backup or erasure has theirs to miss.
        String error = email.kind().toReporterData() ? MailFailures.inWords(attempt.error()) : attempt.error();
        // Only a pending row not accepted yet: should a lease have run out and another dispatcher have
        // sent it meanwhile, a late failure must not park or delay an e-mail that went out.
        if (attempt.refusedForGood() || email.attempts() >= config.mail().maxAttempts()) {
            int parked = em.createQuery("update OutboxEmail set status = ?1, lastError = ?2, version = version + 1"
                    + " where id = ?3 and status = ?4 and sentAt is null")
                    .setParameter(1, EmailStatus.FAILED).setParameter(2, error).setParameter(3, email.id())
                    .setParameter(4, EmailStatus.PENDING).executeUpdate();
            if (parked == 1 && email.ticketId() != null) {
                TicketEvent.emailFailed(email.ticketId(), now, email.recipientLabel(), email.subject() + " — " + error);
            }
            return parked == 1;
        }
        em.createQuery("update OutboxEmail set lastError = ?1, nextAttemptAt = ?2, version = version + 1"
                + " where id = ?3 and status = ?4 and sentAt is null")
                .setParameter(1, error).setParameter(2, now.plus(backoff(email.attempts())))
                .setParameter(3, email.id()).setParameter(4, EmailStatus.PENDING).executeUpdate();
        return false;
    }

    /**
     * A parked (FAILED) e-mail is due again at once, with a fresh count of attempts (claimed after
     * what was due before it). A pending one
     * is left alone: a dispatcher may be sending it right now, and a retry must never send it twice.
     */
    @Transactional
    public Optional<OutboxEmail> retry(long id) {
        Optional<OutboxEmail> found = OutboxEmail.findByIdOptional(id);
        found.filter(e -> e.status == EmailStatus.FAILED).ifPresent(email -> {
            email.status = EmailStatus.PENDING;
            email.attempts = 0;
            email.nextAttemptAt = Instant.now(clock);
        });
        return found;
    }

    Duration backoff(int attempts) {
        Duration wait = config.mail().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.mail().maxBackoff()) > 0 ? config.mail().maxBackoff() : wait;
    }

    /** Pending count, parked count, and the age of the oldest pending e-mail, for metrics and health. */
    @Transactional
    public Backlog backlog() {
        long pending = OutboxEmail.count("status", EmailStatus.PENDING);
        long failed = OutboxEmail.count("status", EmailStatus.FAILED);
        Optional<OutboxEmail> oldest = OutboxEmail.find("status = ?1 order by createdAt", EmailStatus.PENDING)
                .firstResultOptional();
        Duration age = oldest.map(e -> Duration.between(e.createdAt, Instant.now(clock))).orElse(Duration.ZERO);
        return new Backlog(pending, failed, age);
    }

    public record Backlog(long pending, long failed, Duration oldestPendingAge) {
    }
}
