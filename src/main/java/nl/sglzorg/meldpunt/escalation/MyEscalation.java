package nl.sglzorg.meldpunt.escalation;

import java.time.Instant;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.ticket.Escalation;
import nl.sglzorg.meldpunt.ticket.Ticket;

/**
 * One escalation as a manager's list shows it.
 *
 * @param overdue open past its acknowledge deadline (the next level has been asked)
 * @param mayAcknowledge whether the staff member looking may acknowledge it ({@link Escalation#mayBeAcknowledgedBy})
 */
public record MyEscalation(long id, String reference, String category, String priority, int level, String reason,
        String managerUnit, String managerEmail, Instant createdAt, Instant acknowledgeBy, boolean overdue,
        String acknowledgedBy, Instant acknowledgedAt, boolean mayAcknowledge) {

    static MyEscalation of(Escalation e, Ticket t, StaffMember staff, Instant now) {
        return new MyEscalation(e.id, t.reference, t.category.dutchName(), t.priority.name(), e.level, e.reason,
                e.managerUnit, e.managerEmail, e.createdAt, e.acknowledgeBy, e.isOpen() && !now.isBefore(e.acknowledgeBy),
                e.acknowledgedBy, e.acknowledgedAt, e.isOpen() && e.mayBeAcknowledgedBy(staff));
    }
}
