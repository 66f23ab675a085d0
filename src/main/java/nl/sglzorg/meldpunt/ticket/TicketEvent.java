package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import org.hibernate.annotations.Immutable;

/**
 * One entry of a ticket's history. Append-only: once written, an event is never changed or removed —
 * with one exception, erasure of a reporter's data, which replaces the text of their messages by
 * {@link #MESSAGE_REMOVED} ({@link #eraseReporterMessages}) so the history still reads.
 */
@Entity
@Immutable
@Table(name = "ticket_event")
public class TicketEvent extends PanacheEntityBase {

    /** The actor name of events caused by the reporter: never their name. */
    public static final String REPORTER = "melder";
    /** The actor name of events Meldpunt causes by itself. */
    public static final String SYSTEM = "systeem";
    /** What an erased reporter's message reads as, where it was and wherever it was copied. */
    public static final String MESSAGE_REMOVED = "[bericht van de melder verwijderd]";

    private static final String INSERT = "INSERT INTO ticket_event (ticket_id, type, actor, occurred_at, old_value,"
            + " new_value, text, visible_to_reporter) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public Long ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public EventType type;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(name = "old_value", updatable = false)
    public String oldValue;

    @Column(name = "new_value", updatable = false)
    public String newValue;

    @Column(updatable = false)
    public String text;

    /** Whether the reporter sees this entry among the updates of their signal. */
    @Column(name = "visible_to_reporter", nullable = false, updatable = false)
    public boolean visibleToReporter;

    /**
     * The signal was filed; its reporter sees this entry (the status only). One a staff member took by
     * phone or in person names them as its actor: "aangenomen door jan (telefoon)". A line for
     * {@link #appendAll}, written with the filing's other first lines.
     */
    public static Line filed(Ticket ticket, Instant at) {
        if (ticket.filedBy != null) {
            return new Line(ticket.id, EventType.FILED, ticket.filedBy, at, null, TicketStatus.NEW.name(),
                    "aangenomen door " + ticket.filedBy + " (" + ticket.channel.dutchName().toLowerCase(Locale.ROOT)
                            + ")", true);
        }
        return new Line(ticket.id, EventType.FILED, REPORTER, at, null, TicketStatus.NEW.name(), null, true);
    }

    /**
     * Routing chose {@code function} for {@code reason} with revision {@code tableRevision} of the
     * accounts table. A line for {@link #appendAll}.
     */
    public static Line routed(Ticket ticket, Instant at, String function, String reason, long tableRevision) {
        return new Line(ticket.id, EventType.ROUTED, SYSTEM, at, null, function,
                reason + " [accountstabel revisie " + tableRevision + "]", false);
    }

    /** The status changed; the reporter sees this entry when the public label changed with it. */
    public static TicketEvent statusChanged(Ticket ticket, String actor, Instant at, TicketStatus from,
            TicketStatus to) {
        return append(statusChangedLine(ticket.id, actor, at, from, to));
    }

    /** As {@link #statusChanged}, a line for {@link #appendAll}. */
    static Line statusChangedLine(long ticketId, String actor, Instant at, TicketStatus from, TicketStatus to) {
        return new Line(ticketId, EventType.STATUS_CHANGED, actor, at, from.name(), to.name(), null,
                !from.publicLabel().equals(to.publicLabel()));
    }

    /** A note of staff (or the system); a reply when the reporter may see it. */
    public static TicketEvent noteAdded(Ticket ticket, String actor, Instant at, String text,
            boolean visibleToReporter) {
        return append(ticket.id, EventType.NOTE_ADDED, actor, at, null, null, text, visibleToReporter);
    }

    /** How the note on an e-mail's attachments that were not kept begins. */
    static final String ATTACHMENTS_NOT_KEPT = "Bijlagen uit de e-mail die niet bij de melding bewaard zijn";

    /**
     * Notes, for staff, the attachments of an e-mail that were not kept with its ticket: {@code lines},
     * one for each, with its name as the sender gave it and why.
     */
    public static TicketEvent attachmentsNotKept(Ticket ticket, Instant at, String lines) {
        return noteAdded(ticket, SYSTEM, at, ATTACHMENTS_NOT_KEPT + " (de e-mail zelf staat nog in de mailbox):" + lines,
                false);
    }

    /** The reporter wrote through their tracking token. */
    public static TicketEvent reporterMessage(Ticket ticket, Instant at, String text) {
        return append(ticket.id, EventType.REPORTER_MESSAGE, REPORTER, at, null, null, text, true);
    }

    /** The copy, on the ticket it was merged into, of what the reporter of {@code duplicateReference} wrote. */
    public static TicketEvent duplicateReporterMessage(Ticket survivor, Instant at, String duplicateReference,
            String text) {
        return append(survivor.id, EventType.DUPLICATE_REPORTER_MESSAGE, REPORTER, at, null, duplicateReference, text,
                false);
    }

    /** Communicatie moved the ticket from one function to another. */
    public static TicketEvent rerouted(Ticket ticket, String actor, Instant at, String fromFunction,
            String toFunction, String reason) {
        return append(ticket.id, EventType.REROUTED, actor, at, fromFunction, toFunction, reason, false);
    }

    /** Communicatie changed the priority. */
    public static TicketEvent priorityChanged(Ticket ticket, String actor, Instant at, Priority from, Priority to) {
        return append(ticket.id, EventType.PRIORITY_CHANGED, actor, at, from.name(), to.name(), null, false);
    }

    /** A positive post was resolved with the URL of SGL's repost. */
    public static TicketEvent repostRecorded(Ticket ticket, String actor, Instant at, String url) {
        return append(ticket.id, EventType.REPOST_RECORDED, actor, at, null, url, null, false);
    }

    /** The location page of {@code centre} was approved, at accounts-table revision {@code revision}. */
    public static TicketEvent locationPageApproved(Ticket ticket, String actor, Instant at, String centre,
            long revision) {
        return append(ticket.id, EventType.LOCATION_PAGE_APPROVED, actor, at, centre, Long.toString(revision), null,
                false);
    }

    /** Deadlines were set; {@code deadlines} describes them. A line for {@link #appendAll}. */
    public static Line deadlinesSet(Ticket ticket, String actor, Instant at, String deadlines) {
        return new Line(ticket.id, EventType.DEADLINES_SET, actor, at, null, deadlines, null, false);
    }

    /** Deadlines moved from {@code before} to {@code after}, for the reason {@code why}. */
    public static TicketEvent deadlinesShifted(Ticket ticket, String actor, Instant at, String before, String after,
            String why) {
        return append(ticket.id, EventType.DEADLINES_SHIFTED, actor, at, before, after, why, false);
    }

    /** This ticket was merged into {@code intoReference}; {@code why} may be {@code null}. */
    public static TicketEvent merged(Ticket ticket, String actor, Instant at, String intoReference, String why) {
        return append(mergedLine(ticket.id, actor, at, intoReference, why));
    }

    /** As {@link #merged}, a line for {@link #appendAll}. */
    static Line mergedLine(long ticketId, String actor, Instant at, String intoReference, String why) {
        return new Line(ticketId, EventType.MERGED, actor, at, null, intoReference, why, false);
    }

    /** A duplicate moved along with the ticket it was merged into, from {@code fromReference} to {@code intoReference}. */
    public static TicketEvent mergedOnward(Ticket duplicate, String actor, Instant at, String fromReference,
            String intoReference) {
        return append(duplicate.id, EventType.MERGED, actor, at, fromReference, intoReference, null, false);
    }

    /** The merge of this ticket into {@code fromReference} was undone. */
    public static TicketEvent unmerged(Ticket ticket, String actor, Instant at, String fromReference) {
        return append(ticket.id, EventType.UNMERGED, actor, at, fromReference, null, null, false);
    }

    /** The ticket {@code duplicateReference} was merged into this one; {@code why} may be {@code null}. */
    public static TicketEvent duplicateAttached(Ticket survivor, String actor, Instant at, String duplicateReference,
            String why) {
        return append(duplicateAttachedLine(survivor.id, actor, at, duplicateReference, why));
    }

    /** As {@link #duplicateAttached}, a line for {@link #appendAll}. */
    static Line duplicateAttachedLine(long survivorId, String actor, Instant at, String duplicateReference,
            String why) {
        return new Line(survivorId, EventType.DUPLICATE_ATTACHED, actor, at, null, duplicateReference, why, false);
    }

    /** The ticket {@code duplicateReference} was taken out of this one again. */
    public static TicketEvent duplicateDetached(Ticket survivor, String actor, Instant at, String duplicateReference) {
        return append(survivor.id, EventType.DUPLICATE_DETACHED, actor, at, duplicateReference, null, null, false);
    }

    /** The reporter attached screenshot {@code evidenceId}. */
    public static TicketEvent evidenceAdded(Ticket ticket, Instant at, long evidenceId, String text) {
        return append(ticket.id, EventType.EVIDENCE_ADDED, REPORTER, at, null, Long.toString(evidenceId), text,
                false);
    }

    /** The copy, on the ticket it was merged into, of a screenshot attached to {@code duplicateReference}. */
    public static TicketEvent duplicateEvidenceAdded(Ticket survivor, Instant at, String duplicateReference,
            long evidenceId, String text) {
        return append(survivor.id, EventType.EVIDENCE_ADDED, REPORTER, at, duplicateReference,
                Long.toString(evidenceId), text, false);
    }

    /** A deadline ({@code which}: FIRST_RESPONSE or RESOLUTION) comes near. */
    public static TicketEvent deadlineWarning(Ticket ticket, Instant at, String which, String text) {
        return append(ticket.id, EventType.DEADLINE_WARNING, SYSTEM, at, null, which, text, false);
    }

    /** A deadline ({@code which}: FIRST_RESPONSE or RESOLUTION) passed unmet. */
    public static TicketEvent deadlineBreached(Ticket ticket, Instant at, String which, String text) {
        return append(ticket.id, EventType.DEADLINE_BREACHED, SYSTEM, at, null, which, text, false);
    }

    /** The ticket was put before the manager at {@code managerEmail}. */
    public static TicketEvent escalated(Ticket ticket, String actor, Instant at, String managerEmail, String text) {
        return append(ticket.id, EventType.ESCALATED, actor, at, null, managerEmail, text, false);
    }

    /** The manager at {@code managerEmail} took the escalation up. */
    public static TicketEvent escalationAcknowledged(Ticket ticket, String actor, Instant at, String managerEmail,
            String text) {
        return append(ticket.id, EventType.ESCALATION_ACKNOWLEDGED, actor, at, null, managerEmail, text, false);
    }

    /** What is held about the reporter was exported. */
    public static TicketEvent reporterDataExported(Ticket ticket, String actor, Instant at) {
        return append(ticket.id, EventType.REPORTER_DATA_EXPORTED, actor, at, null, null, null, false);
    }

    /** The reporter's data was erased, for the reason {@code why}. */
    public static TicketEvent reporterErased(Ticket ticket, String actor, Instant at, String why) {
        return append(ticket.id, EventType.REPORTER_ERASED, actor, at, null, null, why, false);
    }

    /** An e-mail put in the outbox: for whom, in words fit for the history, and its subject. */
    public record QueuedEmail(String recipientLabel, String subject) {
    }

    /** E-mails were put in the outbox: a line each, in their order, for {@link #appendAll}. */
    public static List<Line> emailsQueued(long ticketId, Instant at, List<QueuedEmail> emails) {
        return emails.stream().map(e -> new Line(ticketId, EventType.EMAIL_QUEUED, SYSTEM, at, null,
                e.recipientLabel(), e.subject(), false)).toList();
    }

    /** A line of a ticket's history, not written yet: several go in one batch ({@link #appendAll}). */
    public record Line(long ticketId, EventType type, String actor, Instant at, String oldValue, String newValue,
            String text, boolean visibleToReporter) {

        private Object[] parameters() {
            return new Object[] {ticketId, type.name(), actor, at, oldValue, newValue, text, visibleToReporter};
        }
    }

    /**
     * Appends lines in one JDBC batch, in their order (one round trip on PostgreSQL); the tickets are
     * not loaded or touched. Nothing reads these lines back in the transaction that writes them, so
     * their ids are not read back either.
     */
    public static void appendAll(List<Line> lines) {
        Sql.batch(INSERT, lines.stream().map(Line::parameters).toList());
    }

    /** An e-mail for {@code recipientLabel} kept failing and was parked; the ticket is not loaded or touched. */
    public static TicketEvent emailFailed(long ticketId, Instant at, String recipientLabel, String text) {
        return append(ticketId, EventType.EMAIL_FAILED, SYSTEM, at, null, recipientLabel, text, false);
    }

    /**
     * Appends an event by the ticket's id: the ticket's row and version stay untouched. One plain
     * insert ({@link Sql#insert}), not an entity persist: the event returned is not managed, and
     * never needs to be, as nothing changes an event.
     */
    private static TicketEvent append(long ticketId, EventType type, String actor, Instant at, String oldValue,
            String newValue, String text, boolean visibleToReporter) {
        return append(new Line(ticketId, type, actor, at, oldValue, newValue, text, visibleToReporter));
    }

    private static TicketEvent append(Line line) {
        TicketEvent event = new TicketEvent();
        event.ticketId = line.ticketId();
        event.type = line.type();
        event.actor = line.actor();
        event.occurredAt = line.at();
        event.oldValue = line.oldValue();
        event.newValue = line.newValue();
        event.text = line.text();
        event.visibleToReporter = line.visibleToReporter();
        event.id = Sql.insert(INSERT, line.parameters());
        return event;
    }

    /**
     * Replaces the text of the messages of this ticket's reporter by {@link #MESSAGE_REMOVED}: on the
     * ticket itself, and the copies on any ticket it was merged into (also one it was later taken out
     * of again). A statement, not entity edits: events are immutable to Hibernate. Returns how many.
     */
    public static int eraseReporterMessages(Ticket ticket) {
        return getEntityManager().createNativeQuery("UPDATE ticket_event SET text = ?1"
                        + " WHERE (ticket_id = ?2 AND type = ?3) OR (type = ?4 AND new_value = ?5)")
                .setParameter(1, MESSAGE_REMOVED)
                .setParameter(2, ticket.id)
                .setParameter(3, EventType.REPORTER_MESSAGE.name())
                .setParameter(4, EventType.DUPLICATE_REPORTER_MESSAGE.name())
                .setParameter(5, ticket.reference)
                .executeUpdate();
    }

    /**
     * Leaves the names out of this ticket's notes on attachments not kept ({@link #attachmentsNotKept}):
     * a file's name is the sender's words, and is often their own ("foto van Bram.jpg"). The notes stay,
     * saying that attachments were not kept. Returns how many.
     */
    public static int eraseAttachmentNames(Ticket ticket) {
        return getEntityManager().createNativeQuery("UPDATE ticket_event SET text = ?1"
                        + " WHERE ticket_id = ?2 AND type = ?3 AND actor = ?4 AND text LIKE ?5")
                .setParameter(1, ATTACHMENTS_NOT_KEPT + "; hun namen zijn gewist met de gegevens van de melder.")
                .setParameter(2, ticket.id)
                .setParameter(3, EventType.NOTE_ADDED.name())
                .setParameter(4, SYSTEM)
                .setParameter(5, ATTACHMENTS_NOT_KEPT + " (%")
                .executeUpdate();
    }

    public static List<TicketEvent> history(Ticket ticket) {
        return list("ticketId = ?1 order by id", ticket.id);
    }

    /** When the most recent event of this type happened, if any did. */
    public static Optional<Instant> latest(Ticket ticket, EventType type) {
        return find("ticketId = ?1 and type = ?2 order by id desc", ticket.id, type).<TicketEvent>firstResultOptional()
                .map(e -> e.occurredAt);
    }

    public static List<TicketEvent> visibleToReporter(Ticket ticket) {
        return list("ticketId = ?1 and visibleToReporter = true order by id", ticket.id);
    }
}
