package nl.sglzorg.meldpunt.intake;

import java.util.List;
import nl.sglzorg.meldpunt.routing.Informed;
import nl.sglzorg.meldpunt.routing.RespondVia;
import nl.sglzorg.meldpunt.routing.RoutingDecision;
import nl.sglzorg.meldpunt.ticket.Ticket;

/**
 * A routing decision as the public sees it: roles, never the names or addresses of staff.
 *
 * @param informed function codes, and {@code UNIT_MANAGER} for the reporter's leidinggevende
 */
public record PublicRouting(String function, String functionName, RespondVia respondVia, List<String> informed,
        String reason) {

    static PublicRouting of(RoutingDecision decision) {
        return new PublicRouting(decision.function(), decision.functionName(), decision.respondVia(),
                decision.informed().stream().map(Informed::publicLabel).toList(), decision.reason());
    }

    /** The routing a filed ticket got. */
    static PublicRouting of(Ticket ticket) {
        return new PublicRouting(ticket.routedFunction, ticket.routedFunctionName, ticket.respondVia,
                ticket.informed.stream().map(p -> p.toInformed().publicLabel()).toList(), ticket.routingReason);
    }
}
