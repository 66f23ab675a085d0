package nl.sglzorg.meldpunt.ticket;

import java.util.Set;
import nl.sglzorg.meldpunt.directory.Roles;
import nl.sglzorg.meldpunt.routing.Informed;

/**
 * Who may see a ticket: communicatie sees all; a functionaris the tickets its function handles or
 * is informed of; a leidinggevende those assigned to or informing the unit they manage.
 */
public final class TicketAccess {

    private TicketAccess() {
    }

    public static boolean maySee(Set<String> roles, String function, String unit, Ticket ticket) {
        if (roles.contains(Roles.COMMUNICATIE)) {
            return true;
        }
        if (roles.contains(Roles.FUNCTIONARIS) && function != null && (function.equals(ticket.routedFunction)
                || informs(ticket, Informed.Kind.FUNCTION, function))) {
            return true;
        }
        return roles.contains(Roles.LEIDINGGEVENDE) && unit != null && (unit.equals(ticket.managerUnit)
                || informs(ticket, Informed.Kind.UNIT_MANAGER, unit));
    }

    private static boolean informs(Ticket ticket, Informed.Kind kind, String code) {
        return ticket.informed.stream().anyMatch(p -> p.kind == kind && p.code.equals(code));
    }
}
