package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.directory.StaffMember;

/**
 * A ticket put before a named manager, by hand or by the deadline watcher. If the manager does not
 * acknowledge it in time, the next level follows — once.
 */
@Entity
@Table(name = "escalation")
public class Escalation extends PanacheEntityBase {

    /** The most characters a reason may have (V19 gives H2 room for them). */
    public static final int REASON_MAX = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public Long ticketId;

    /** 1 for the first manager, 2 for the one above (communicatie's manager). */
    @Column(nullable = false)
    public int level;

    @Column(nullable = false)
    public boolean automatic;

    @Column(name = "manager_unit")
    public String managerUnit;

    @Column(name = "manager_name")
    public String managerName;

    @Column(name = "manager_email", nullable = false)
    public String managerEmail;

    @Column(nullable = false)
    public String reason;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** If not acknowledged by then, the next level follows. */
    @Column(name = "acknowledge_by", nullable = false)
    public Instant acknowledgeBy;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "next_level_fired", nullable = false)
    public boolean nextLevelFired;

    @Version
    public long version;

    public static List<Escalation> ofTicket(long ticketId) {
        return list("ticketId = ?1 order by id", ticketId);
    }

    /**
     * Who may take this escalation up: a leidinggevende of the unit it went to, the staff member whose
     * address it went to, or communicatie — a functionaris of that unit is none of these. Never the
     * one who raised it: escalating and acknowledging oneself would stop the chain unseen.
     */
    public boolean mayBeAcknowledgedBy(StaffMember staff) {
        if (staff.username().equals(createdBy)) {
            return false;
        }
        return staff.isCommunicatie() || staff.managesUnit(managerUnit)
                || staff.email() != null && staff.email().equalsIgnoreCase(managerEmail);
    }

    public boolean isOpen() {
        return acknowledgedAt == null;
    }

    /**
     * Closes this escalation as taken up by {@code actor} at {@code at}, with a history line on its
     * ticket saying how: acknowledged, closed with the other level of its chain, or lapsed with the
     * ticket. The one way an escalation is closed.
     */
    public void takeUp(Ticket ticket, String actor, Instant at, String how) {
        acknowledgedBy = actor;
        acknowledgedAt = at;
        TicketEvent.escalationAcknowledged(ticket, actor, at, managerEmail, how);
    }
}
