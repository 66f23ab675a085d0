package nl.sglzorg.meldpunt.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.kernel.Topic;

/** A ticket as a row of the staff queue. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketSummary(String reference, TicketStatus status, String publicStatus, Priority priority,
        Category category, Platform platform, Topic topic, String function, String functionName, String url,
        Instant firstResponseDue, ServiceLevel.State firstResponseStatus, Instant resolutionDue,
        ServiceLevel.State resolutionStatus, Channel channel, String filedBy, Instant createdAt, Instant updatedAt,
        String duplicateOf, long version) {

    static TicketSummary of(Ticket t, String duplicateOf, Instant now) {
        return new TicketSummary(t.reference, t.status, t.status.publicLabel(), t.priority, t.category, t.platform,
                t.topic, t.routedFunction, t.routedFunctionName, t.url, t.sla.firstResponseDue,
                t.sla.firstResponseState(now), t.sla.resolutionDue, t.sla.resolutionState(now), t.channel, t.filedBy, t.createdAt,
                t.updatedAt, duplicateOf, t.version);
    }
}
