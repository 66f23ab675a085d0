package nl.sglzorg.meldpunt.ticket;

import jakarta.validation.constraints.NotBlank;
import nl.sglzorg.meldpunt.common.text.Characters;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/** The bodies of the staff ticket writes. Unknown properties are refused. */
public final class TicketRequests {

    private TicketRequests() {
    }

    /**
     * Move a ticket along the lifecycle; {@code RESOLVED}, {@code REJECTED} and {@code WAITING} need a
     * message. Resolving a positive post may record {@code repostUrl}, the URL of SGL's own post sharing it.
     */
    public record Transition(TicketStatus status, String message, Boolean visibleToReporter, String repostUrl) {

        public Transition(TicketStatus status, String message, Boolean visibleToReporter) {
            this(status, message, visibleToReporter, null);
        }
    }

    /** A note, internal unless marked visible to the reporter (then it is a reply). */
    public record Note(String text, Boolean visibleToReporter) {
    }

    /** Move the ticket to another function, with the reason. */
    public record Reroute(@NotBlank(message = "{meldpunt.required}") String function,
            @NotBlank(message = "{meldpunt.required}") @Characters(max = Ticket.ROUTING_REASON_MAX) String reason) {
    }

    public record PriorityChange(Priority priority) {
    }

    /** Merge this ticket into the one named. */
    public record Merge(String into) {
    }
}
