package nl.sglzorg.meldpunt.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.kernel.Topic;
import nl.sglzorg.meldpunt.routing.Informed;
import nl.sglzorg.meldpunt.routing.RespondVia;

/** A ticket as staff see it: the signal, the reporter as given, the routing with its reason, the history. */
public record TicketDetail(String reference, TicketStatus status, String publicStatus, Priority priority,
        Category category, Platform platform, Topic topic, String url, String repostUrl, String description,
        Instant observedAt,
        String region, String activityCentre, Reporter reporter, boolean wantsUpdates, String language,
        Routing routing, String duplicateOf, List<String> duplicates, int reporterCount,
        Instant firstResponseDue, ServiceLevel.State firstResponseStatus, Instant resolutionDue,
        ServiceLevel.State resolutionStatus, List<EscalationView> escalations, Channel channel, String filedBy,
        Instant createdAt, Instant updatedAt, long version, List<Event> events) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reporter(String name, String email, ReporterRelation relation, String unit,
            String careWorkerEmail, Boolean careWorkerMayKnowIdentity) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Routing(String function, String functionName, RespondVia respondVia, Person contact,
            Manager manager, List<Informed> informed, String reason, long tableRevision) {
    }

    public record Person(String name, String email) {
    }

    public record Manager(String unit, String name, String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(long id, EventType type, String actor, Instant at, String oldValue, String newValue,
            String text, boolean visibleToReporter) {

        static Event of(TicketEvent e) {
            return new Event(e.id, e.type, e.actor, e.occurredAt, e.oldValue, e.newValue, e.text,
                    e.visibleToReporter);
        }
    }

    static TicketDetail of(Ticket t, List<TicketEvent> history, String duplicateOf, List<String> duplicates,
            List<EscalationView> escalations, Instant now) {
        Person contact = t.routingContactName == null ? null : new Person(t.routingContactName, t.routingContactEmail);
        Manager manager = t.managerEmail == null ? null : new Manager(t.managerUnit, t.managerName, t.managerEmail);
        Routing routing = new Routing(t.routedFunction, t.routedFunctionName, t.respondVia, contact, manager,
                t.informed.stream().map(InformedParty::toInformed).toList(), t.routingReason, t.routingTableRevision);
        return new TicketDetail(t.reference, t.status, t.status.publicLabel(), t.priority, t.category, t.platform,
                t.topic, t.url, t.repostUrl, t.description, t.observedAt, t.region, t.activityCentre,
                new Reporter(t.reporterName, t.reporterEmail, t.reporterRelation, t.reporterUnit, t.careWorkerEmail,
                        t.careWorkerEmail == null ? null : t.careWorkerMayKnowIdentity), t.wantsUpdates,
                t.language, routing, duplicateOf, duplicates, 1 + duplicates.size(), t.sla.firstResponseDue,
                t.sla.firstResponseState(now), t.sla.resolutionDue, t.sla.resolutionState(now), escalations,
                t.channel, t.filedBy, t.createdAt, t.updatedAt, t.version,
                history.stream().map(Event::of).toList());
    }
}
