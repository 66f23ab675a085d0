package nl.sglzorg.meldpunt.ticket;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.sglzorg.meldpunt.common.Versions;
import nl.sglzorg.meldpunt.directory.Roles;
import nl.sglzorg.meldpunt.directory.StaffUser;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Tickets for staff. A ticket a user may not see answers {@code 404}, as if it did not exist. */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class TicketResource {

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/{reference}")
    @Transactional
    public RestResponse<TicketDetail> get(@RestPath String reference) {
        Ticket ticket = visibleTicket(reference);
        return RestResponse.ResponseBuilder.ok(TicketDetail.of(ticket, TicketEvent.history(ticket)))
                .tag(Versions.etag(ticket.version)).build();
    }

    private Ticket visibleTicket(String reference) {
        Ticket ticket = Ticket.findByReference(reference).orElseThrow(NotFoundException::new);
        StaffUser user = StaffUser.findByUsername(identity.getPrincipal().getName())
                .orElseThrow(NotFoundException::new);
        if (!TicketAccess.maySee(user.roleSet(), user.functionCode, user.unitCode, ticket)) {
            throw new NotFoundException();
        }
        return ticket;
    }
}
