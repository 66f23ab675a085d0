package nl.sglzorg.meldpunt.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.routing.Informed;

/**
 * Who may see and work on a ticket, stated once in {@link #RULE}: communicatie all; a functionaris
 * the tickets its function handles (work) or is informed of (read only); a leidinggevende those whose
 * manager is the unit they manage or that were escalated to that unit or to their own address (work),
 * and those informing their unit (read only).
 *
 * <p>Both the check on one ticket ({@link #maySee}, {@link #mayWork}) and the condition of the staff
 * list ({@link #visibleCondition}) are derived from the rule; {@code TicketAccessAgreementTest} holds
 * them equal for every role and ticket shape.
 */
public final class TicketAccess {

    /** What a grant allows. */
    public enum Level {
        READ, WORK
    }

    /** What of the staff member a grant compares with the ticket. */
    public enum StaffKey {
        FUNCTION(StaffMember::function),
        UNIT(StaffMember::unit),
        /** Addresses compare without regard to case. */
        EMAIL(staff -> staff.email() == null ? null : staff.email().toLowerCase(Locale.ROOT));

        private final Function<StaffMember, String> value;

        StaffKey(Function<StaffMember, String> value) {
            this.value = value;
        }

        String of(StaffMember staff) {
            return value.apply(staff);
        }
    }

    /**
     * A fact about a ticket that a grant matches, as values of one ticket (for the check) and as a
     * JPQL condition on alias {@code t} with the staff member's value as parameter {@code :p} (for lists).
     */
    public enum TicketFact {
        ROUTED_FUNCTION("t.routedFunction = :p"),
        MANAGER_UNIT("t.managerUnit = :p"),
        INFORMED_FUNCTION("exists (select 1 from Ticket x join x.informed i where x = t"
                + " and i.kind = nl.sglzorg.meldpunt.routing.Informed.Kind.FUNCTION and i.code = :p)"),
        INFORMED_UNIT_MANAGER("exists (select 1 from Ticket x join x.informed i where x = t"
                + " and i.kind = nl.sglzorg.meldpunt.routing.Informed.Kind.UNIT_MANAGER and i.code = :p)"),
        ESCALATED_TO_UNIT("exists (select 1 from Escalation e where e.ticketId = t.id and e.managerUnit = :p)"),
        /** Lower case, like {@link StaffKey#EMAIL}. */
        ESCALATED_TO_ADDRESS("exists (select 1 from Escalation e where e.ticketId = t.id and lower(e.managerEmail) = :p)");

        private final String condition;

        TicketFact(String condition) {
            this.condition = condition;
        }
    }

    /**
     * One line of the rule: holders of {@code role} get {@code level} on every ticket, or, when
     * {@code fact} is set, on the tickets whose {@code fact} includes their {@code key}.
     */
    public record Grant(String role, Level level, TicketFact fact, StaffKey key) {

        boolean appliesTo(StaffMember staff) {
            return staff.roles().contains(role) && (fact == null || key.of(staff) != null);
        }

        boolean holds(StaffMember staff, Function<TicketFact, Set<String>> ticket) {
            return appliesTo(staff) && (fact == null || ticket.apply(fact).contains(key.of(staff)));
        }
    }

    /** The rule. */
    public static final List<Grant> RULE = List.of(
            new Grant(Roles.COMMUNICATIE, Level.WORK, null, null),
            new Grant(Roles.FUNCTIONARIS, Level.WORK, TicketFact.ROUTED_FUNCTION, StaffKey.FUNCTION),
            new Grant(Roles.FUNCTIONARIS, Level.READ, TicketFact.INFORMED_FUNCTION, StaffKey.FUNCTION),
            new Grant(Roles.LEIDINGGEVENDE, Level.WORK, TicketFact.MANAGER_UNIT, StaffKey.UNIT),
            new Grant(Roles.LEIDINGGEVENDE, Level.WORK, TicketFact.ESCALATED_TO_UNIT, StaffKey.UNIT),
            new Grant(Roles.LEIDINGGEVENDE, Level.WORK, TicketFact.ESCALATED_TO_ADDRESS, StaffKey.EMAIL),
            new Grant(Roles.LEIDINGGEVENDE, Level.READ, TicketFact.INFORMED_UNIT_MANAGER, StaffKey.UNIT));

    private TicketAccess() {
    }

    public static boolean maySee(StaffMember staff, Ticket ticket) {
        return maySee(staff, factsOf(ticket));
    }

    public static boolean mayWork(StaffMember staff, Ticket ticket) {
        return mayWork(staff, factsOf(ticket));
    }

    /** The check on a ticket given as its facts: what {@link #maySee(StaffMember, Ticket)} decides. */
    public static boolean maySee(StaffMember staff, Function<TicketFact, Set<String>> ticket) {
        return RULE.stream().anyMatch(grant -> grant.holds(staff, ticket));
    }

    public static boolean mayWork(StaffMember staff, Function<TicketFact, Set<String>> ticket) {
        return RULE.stream().anyMatch(grant -> grant.level() == Level.WORK && grant.holds(staff, ticket));
    }

    /**
     * {@link #maySee} as a JPQL condition on alias {@code t}, for lists; its parameters are added to
     * {@code params}.
     */
    static String visibleCondition(StaffMember staff, Map<String, Object> params) {
        StringBuilder condition = new StringBuilder("(1 = 0");
        for (int i = 0; i < RULE.size(); i++) {
            Grant grant = RULE.get(i);
            if (!grant.appliesTo(staff)) {
                continue;
            }
            if (grant.fact() == null) {
                return "1 = 1";
            }
            String parameter = "access" + i;
            params.put(parameter, grant.key().of(staff));
            condition.append(" or ").append(grant.fact().condition.replace(":p", ":" + parameter));
        }
        return condition.append(")").toString();
    }

    /** A ticket's facts, the escalations read only when a grant asks for them. */
    private static Function<TicketFact, Set<String>> factsOf(Ticket ticket) {
        return fact -> switch (fact) {
            case ROUTED_FUNCTION -> values(Stream.of(ticket.routedFunction));
            case MANAGER_UNIT -> values(Stream.of(ticket.managerUnit));
            case INFORMED_FUNCTION -> informed(ticket, Informed.Kind.FUNCTION);
            case INFORMED_UNIT_MANAGER -> informed(ticket, Informed.Kind.UNIT_MANAGER);
            case ESCALATED_TO_UNIT -> values(Escalation.ofTicket(ticket.id).stream().map(e -> e.managerUnit));
            case ESCALATED_TO_ADDRESS -> values(Escalation.ofTicket(ticket.id).stream()
                    .map(e -> e.managerEmail == null ? null : e.managerEmail.toLowerCase(Locale.ROOT)));
        };
    }

    private static Set<String> informed(Ticket ticket, Informed.Kind kind) {
        return values(ticket.informed.stream().filter(p -> p.kind == kind).map(p -> p.code));
    }

    private static Set<String> values(Stream<String> values) {
        return values.filter(Objects::nonNull).collect(Collectors.toSet());
    }
}
