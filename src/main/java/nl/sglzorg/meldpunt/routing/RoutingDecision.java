package nl.sglzorg.meldpunt.routing;

import java.util.List;
import nl.sglzorg.meldpunt.kernel.Priority;

/**
 * Who handles a signal, how they can respond, who else is told, and why.
 *
 * @param contact the specific official or centre within the function (a region's manager, an
 *        activity centre), or {@code null} when the whole function handles it
 * @param manager the leidinggevende who takes the signal up (unwanted contact), or {@code null}
 * @param reason one line in plain Dutch; names roles, never people
 * @param tableRevision the revision of the accounts table this decision was made with
 */
public record RoutingDecision(String function, String functionName, RespondVia respondVia, Priority priority,
        ContactEntry contact, UnitManager manager, List<Informed> informed, String reason, long tableRevision) {

    public RoutingDecision {
        informed = List.copyOf(informed);
    }
}
