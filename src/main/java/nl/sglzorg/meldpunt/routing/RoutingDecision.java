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

    /** Communicatie handles it, answering {@code via} (or not in public). */
    static RoutingDecision toCommunications(AccountsTable table, RespondVia via, Priority priority,
            List<Informed> informed, String reason) {
        FunctionEntry communications = table.communications();
        return new RoutingDecision(communications.code(), communications.name(), via, priority, null, null, informed,
                reason, table.revision());
    }

    /** Communicatie owns it, not answering in public, while {@code manager} takes it up. */
    static RoutingDecision toCommunicationsWithManager(AccountsTable table, Priority priority, UnitManager manager,
            List<Informed> informed, String reason) {
        FunctionEntry communications = table.communications();
        return new RoutingDecision(communications.code(), communications.name(), RespondVia.NONE, priority, null,
                manager, informed, reason, table.revision());
    }

    /** The whole function handles it, answering {@code via}. */
    static RoutingDecision toFunction(AccountsTable table, FunctionEntry function, RespondVia via, Priority priority,
            List<Informed> informed, String reason) {
        return new RoutingDecision(function.code(), function.name(), via, priority, null, null, informed, reason,
                table.revision());
    }

    /** One official or centre of the function handles it, answering {@code via}. */
    static RoutingDecision toContact(AccountsTable table, FunctionEntry function, ContactEntry contact, RespondVia via,
            Priority priority, List<Informed> informed, String reason) {
        return new RoutingDecision(function.code(), function.name(), via, priority, contact, null, informed, reason,
                table.revision());
    }
}
