package nl.sglzorg.meldpunt.ticket;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Merge;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Note;
import nl.sglzorg.meldpunt.ticket.TicketRequests.PriorityChange;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Reroute;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Transition;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Tickets for staff. A ticket a user may not see answers {@code 404}, as if it did not exist; every
 * write takes an optional {@code If-Match} and answers with the new {@code ETag}.
 */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class TicketResource {

    @Inject
    TicketService tickets;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    MeldpuntConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<TicketRead> reads;

    @GET
    @Transactional
    public TicketPage list(@RestQuery List<String> status, @RestQuery String category, @RestQuery String platform,
            @RestQuery String topic, @RestQuery String function, @RestQuery String priority, @RestQuery String q,
            @RestQuery String createdFrom, @RestQuery String createdTo, @RestQuery String limit,
            @RestQuery String cursor, @RestQuery String sort) {
        var filters = new TicketSearch.Filters(status, category, platform, topic, function, priority, q, createdFrom,
                createdTo, limit, cursor, sort);
        return TicketSearch.search(filters, currentStaff.get(), config.timeZone(), Instant.now(clock));
    }

    @GET
    @Path("/{reference}")
    @Transactional
    public RestResponse<TicketDetail> get(@RestPath String reference) {
        return detail(tickets.visible(reference));
    }

    @GET
    @Path("/{reference}/events")
    @Transactional
    public List<TicketDetail.Event> events(@RestPath String reference) {
        Ticket ticket = tickets.visible(reference);
        reads.fire(new TicketRead(currentStaff.get().username(), ticket, TicketRead.What.HISTORY));
        return TicketEvent.history(ticket).stream().map(TicketDetail.Event::of).toList();
    }

    @POST
    @Path("/{reference}/transitions")
    public RestResponse<TicketDetail> transition(@RestPath String reference, @RestHeader("If-Match") String ifMatch,
            Transition request) {
        return detail(tickets.transition(reference, ifMatch, request));
    }

    @POST
    @Path("/{reference}/notes")
    public RestResponse<TicketDetail.Event> addNote(@RestPath String reference,
            @RestHeader("If-Match") String ifMatch, Note request) {
        TicketEvent note = tickets.addNote(reference, ifMatch, request);
        return RestResponse.ResponseBuilder
                .<TicketDetail.Event>created(URI.create("/api/tickets/" + reference + "/events"))
                .entity(TicketDetail.Event.of(note)).build();
    }

    @PUT
    @Path("/{reference}/routing")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<TicketDetail> reroute(@RestPath String reference, @RestHeader("If-Match") String ifMatch,
            Reroute request) {
        return detail(tickets.reroute(reference, ifMatch, request));
    }

    @PUT
    @Path("/{reference}/priority")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<TicketDetail> changePriority(@RestPath String reference,
            @RestHeader("If-Match") String ifMatch, PriorityChange request) {
        return detail(tickets.changePriority(reference, ifMatch, request));
    }

    @POST
    @Path("/{reference}/merge")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<TicketDetail> merge(@RestPath String reference, @RestHeader("If-Match") String ifMatch,
            Merge request) {
        return detail(tickets.merge(reference, ifMatch, request));
    }

    @DELETE
    @Path("/{reference}/merge")
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<TicketDetail> unmerge(@RestPath String reference, @RestHeader("If-Match") String ifMatch) {
        return detail(tickets.unmerge(reference, ifMatch));
    }

    /**
     * The ticket's details, reporter included. Every answer that carries them is a read of them —
     * also the answer to a write — and is announced as a {@link TicketRead}, which the access log records.
     */
    private RestResponse<TicketDetail> detail(Ticket ticket) {
        TicketDetail detail = QuarkusTransaction.joiningExisting().call(() -> {
            reads.fire(new TicketRead(currentStaff.get().username(), ticket, TicketRead.What.DETAILS));
            return tickets.detail(ticket);
        });
        return RestResponse.ResponseBuilder.ok(detail).tag(Versions.etag(ticket.version)).build();
    }
}
