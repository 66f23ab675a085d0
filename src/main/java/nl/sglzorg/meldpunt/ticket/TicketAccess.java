package nl.sglzorg.meldpunt.ticket;

import java.util.Locale;
import java.util.Map;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.routing.Informed;

/**
 * Who may see and work on a ticket. Communicatie: all. A functionaris: the tickets its function
 * handles (work) or is informed of (read only). A leidinggevende: those assigned or escalated to the
 * unit they manage or to their own address (work), or informing their unit (read only).
 */
public final class TicketAccess {

    private TicketAccess() {
    }

    public static boolean maySee(StaffMember staff, Ticket ticket) {
        return mayWork(staff, ticket)
                || staff.roles().contains(Roles.FUNCTIONARIS) && informs(ticket, Informed.Kind.FUNCTION, staff.function())
                || staff.roles().contains(Roles.LEIDINGGEVENDE)
                        && informs(ticket, Informed.Kind.UNIT_MANAGER, staff.unit());
    }

    public static boolean mayWork(StaffMember staff, Ticket ticket) {
        return staff.isCommunicatie() || staff.isFunctionarisOf(ticket.routedFunction)
                || staff.managesUnit(ticket.managerUnit)
                || staff.roles().contains(Roles.LEIDINGGEVENDE)
                        && Escalation.reaches(ticket.id, staff.unit(), staff.email());
    }

    /**
     * The same rule as {@link #maySee} as a JPQL condition on alias {@code t}, for lists; its
     * parameters are added to {@code params}.
     */
    static String visibleCondition(StaffMember staff, Map<String, Object> params) {
        if (staff.isCommunicatie()) {
            return "1 = 1";
        }
        StringBuilder condition = new StringBuilder("(1 = 0");
        if (staff.roles().contains(Roles.FUNCTIONARIS) && staff.function() != null) {
            params.put("accessFunction", staff.function());
            params.put("kindFunction", Informed.Kind.FUNCTION);
            condition.append(" or t.routedFunction = :accessFunction or exists (select 1 from Ticket t2 join t2.informed i"
                    + " where t2 = t and i.kind = :kindFunction and i.code = :accessFunction)");
        }
        if (staff.roles().contains(Roles.LEIDINGGEVENDE)) {
            params.put("accessUnit", staff.unit() == null ? "" : staff.unit());
            params.put("accessEmail", staff.email() == null ? "" : staff.email().toLowerCase(Locale.ROOT));
            params.put("kindUnitManager", Informed.Kind.UNIT_MANAGER);
            condition.append(" or t.managerUnit = :accessUnit or exists (select 1 from Ticket t3 join t3.informed j"
                    + " where t3 = t and j.kind = :kindUnitManager and j.code = :accessUnit)"
                    + " or exists (select 1 from Escalation e where e.ticketId = t.id"
                    + " and (e.managerUnit = :accessUnit or lower(e.managerEmail) = :accessEmail))");
        }
        return condition.append(")").toString();
    }

    private static boolean informs(Ticket ticket, Informed.Kind kind, String code) {
        return code != null && ticket.informed.stream().anyMatch(p -> p.kind == kind && p.code.equals(code));
    }
}
