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
import java.util.Optional;
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

    public static TicketEvent record(Ticket ticket, EventType type, String actor, Instant at, String oldValue,
            String newValue, String text, boolean visibleToReporter) {
        return record(ticket.id, type, actor, at, oldValue, newValue, text, visibleToReporter);
    }

    /** Appends an event without loading the ticket: the ticket's row and version stay untouched. */
    public static TicketEvent record(long ticketId, EventType type, String actor, Instant at, String oldValue,
            String newValue, String text, boolean visibleToReporter) {
        TicketEvent event = new TicketEvent();
        event.ticketId = ticketId;
        event.type = type;
        event.actor = actor;
        event.occurredAt = at;
        event.oldValue = oldValue;
        event.newValue = newValue;
        event.text = text;
        event.visibleToReporter = visibleToReporter;
        event.persist();
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
