package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.ticket.TicketAccess.TicketFact;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The access rule on one ticket, without the application: who may see it, who may work on it. */
class TicketAccessRuleTest {

    private static final StaffMember COMMUNICATIE = staff(Set.of("communicatie"), null, null, "c@sgl-zorg.nl");
    private static final StaffMember HR = staff(Set.of("functionaris"), "HR", null, "hr@sgl-zorg.nl");
    private static final StaffMember NO_FUNCTION = staff(Set.of("functionaris"), null, "ZORG", "nf@sgl-zorg.nl");
    private static final StaffMember MANAGER = staff(Set.of("leidinggevende"), null, "ZORG", "Lia@SGL-zorg.nl");
    private static final StaffMember NO_UNIT = staff(Set.of("leidinggevende"), "HR", null, null);
    /** A function code in the unit field does not make a functionaris a manager, nor the other way round. */
    private static final StaffMember BOTH = staff(Set.of("functionaris", "leidinggevende"), "EXEC", "ZORG", null);

    private static StaffMember staff(Set<String> roles, String function, String unit, String email) {
        return new StaffMember("x", roles, function, unit, email);
    }

    private static Function<TicketFact, Set<String>> ticket(Map<TicketFact, Set<String>> facts) {
        return fact -> facts.getOrDefault(fact, Set.of());
    }

    static Stream<Arguments> cases() {
        var routedToHr = Map.of(TicketFact.ROUTED_FUNCTION, Set.of("HR"));
        var informsHr = Map.of(TicketFact.ROUTED_FUNCTION, Set.of("COMMS"), TicketFact.INFORMED_FUNCTION, Set.of("HR"));
        var managedByZorg = Map.of(TicketFact.MANAGER_UNIT, Set.of("ZORG"));
        var informsZorg = Map.of(TicketFact.INFORMED_UNIT_MANAGER, Set.of("ZORG"));
        var escalatedToZorg = Map.of(TicketFact.ESCALATED_TO_UNIT, Set.of("ZORG"));
        var escalatedToLia = Map.of(TicketFact.ESCALATED_TO_ADDRESS, Set.of("lia@sgl-zorg.nl"));
        var informsExec = Map.of(TicketFact.INFORMED_FUNCTION, Set.of("EXEC"));
        var nothing = Map.<TicketFact, Set<String>>of();
        // staff, ticket, may see, may work
        return Stream.of(
                Arguments.of("communicatie, any ticket", COMMUNICATIE, nothing, true, true),
                Arguments.of("functionaris, routed to their function", HR, routedToHr, true, true),
                Arguments.of("functionaris, their function informed", HR, informsHr, true, false),
                Arguments.of("functionaris, their unit's manager", NO_FUNCTION, managedByZorg, false, false),
                Arguments.of("functionaris, another ticket", HR, managedByZorg, false, false),
                Arguments.of("leidinggevende, their unit's manager", MANAGER, managedByZorg, true, true),
                Arguments.of("leidinggevende, their unit informed", MANAGER, informsZorg, true, false),
                Arguments.of("leidinggevende, escalated to their unit", MANAGER, escalatedToZorg, true, true),
                Arguments.of("leidinggevende, escalated to their address", MANAGER, escalatedToLia, true, true),
                Arguments.of("leidinggevende, routed to a function", MANAGER, routedToHr, false, false),
                Arguments.of("leidinggevende without unit or address", NO_UNIT, routedToHr, false, false),
                Arguments.of("both roles, their function informed", BOTH, informsExec, true, false),
                Arguments.of("both roles, escalated to their unit", BOTH, escalatedToZorg, true, true),
                Arguments.of("both roles, another ticket", BOTH, routedToHr, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldGrantWhatTheRuleSays(String name, StaffMember staff, Map<TicketFact, Set<String>> facts,
            boolean maySee, boolean mayWork) {
        assertEquals(maySee, TicketAccess.maySee(staff, ticket(facts)), "may see");
        assertEquals(mayWork, TicketAccess.mayWork(staff, ticket(facts)), "may work");
    }
}
