package nl.sglzorg.meldpunt.privacy;

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
import org.hibernate.annotations.Immutable;

/** One staff read of a ticket's details or reporter data (NEN 7513 style). Append-only. */
@Entity
@Immutable
@Table(name = "access_log")
public class AccessLogEntry extends PanacheEntityBase {

    /** What was read. */
    public enum Action {
        /** The ticket's details, reporter included. */
        VIEW_TICKET,
        /** The ticket's history. */
        VIEW_HISTORY,
        /** A screenshot the reporter attached (the ticket is the one it came with). */
        VIEW_EVIDENCE,
        /** An export of what is held about the reporter (right of access). */
        EXPORT_REPORTER_DATA,
        /** The reporter's data was erased (right to erasure). */
        ERASE_REPORTER_DATA
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String username;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public Long ticketId;

    @Column(nullable = false, updatable = false)
    public String reference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Action action;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
}
