package nl.sglzorg.meldpunt.ticket;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Merge;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Note;
import nl.sglzorg.meldpunt.ticket.TicketRequests.PriorityChange;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Reroute;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Transition;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Tickets for staff. A ticket a user may not see answers {@code 404}, as if it did not exist; every
 * write takes an optional {@code If-Match} and answers with the new {@code ETag}. HTTP only: the
 * transactions and the access log's reads are {@link TicketService}'s.
 */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class TicketResource {

    @Inject
    TicketService tickets;

    @GET
    public TicketPage list(@BeanParam TicketSearch.Filters filters) {
        return tickets.search(filters);
    }

    @GET
    @Path("/{reference}")
    public RestResponse<TicketDetail> get(@RestPath String reference) {
        TicketService.Shown shown = tickets.show(reference);
        return RestResponse.ResponseBuilder.ok(shown.detail()).tag(Versions.etag(shown.version())).build();
    }

    @GET
    @Path("/{reference}/events")
    public List<TicketDetail.Event> events(@RestPath String reference) {
        return tickets.history(reference).stream().map(TicketDetail.Event::of).toList();
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
     * Approves an activity centre's location-page request: the accounts table gets its page. No body,
     * so no content type is asked for; the cross-site guard wants {@code X-Requested-By}.
     */
    @POST
    @Path("/{reference}/location-page")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.COMMUNICATIE)
    public RestResponse<TicketDetail> approveLocationPage(@RestPath String reference,
            @RestHeader("If-Match") String ifMatch) {
        return detail(tickets.approveLocationPage(reference, ifMatch));
    }

    /** The ticket's details after a write: also a read of them (see {@link TicketService#show(Ticket)}). */
    private RestResponse<TicketDetail> detail(Ticket ticket) {
        return RestResponse.ResponseBuilder.ok(tickets.show(ticket)).tag(Versions.etag(ticket.version)).build();
    }
}
