package nl.sglzorg.meldpunt.evidence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.ticket.Ticket;
import org.hibernate.annotations.Immutable;

/**
 * One screenshot attached to a signal: what is known about it. The image bytes are in the same
 * row's {@code data} column, which is never mapped: they are written and read as streams
 * ({@link EvidenceStore}), so no entity load ever pulls megabytes into memory.
 */
@Entity
@Immutable
@Table(name = "evidence")
public class Evidence extends PanacheEntityBase {

    @Id
    public Long id;

    /** The ticket of the reporter who sent it (a duplicate's evidence stays on the duplicate). */
    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "byte_size", nullable = false)
    public long byteSize;

    @Column(nullable = false)
    public int width;

    @Column(nullable = false)
    public int height;

    @Column(name = "original_type", nullable = false)
    public String originalType;

    @Column(name = "original_size", nullable = false)
    public long originalSize;

    @Column(name = "original_sha256", nullable = false)
    public String originalSha256;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;

    /** The ticket's own evidence, oldest first. */
    public static List<Evidence> ofTicket(Ticket ticket) {
        return list("ticketId = ?1 order by id", ticket.id);
    }

    /** What staff see on a ticket: its own evidence and that of every ticket merged into it. */
    public static List<Evidence> shownOn(Ticket ticket) {
        return list("ticketId = ?1 or ticketId in (select t.id from Ticket t where t.duplicateOfId = ?1) order by id",
                ticket.id);
    }

    public static long countOf(Ticket ticket) {
        return count("ticketId", ticket.id);
    }

    /** Removes the ticket's own evidence, bytes included; returns how many. */
    public static long deleteOf(Ticket ticket) {
        return delete("ticketId", ticket.id);
    }
}
