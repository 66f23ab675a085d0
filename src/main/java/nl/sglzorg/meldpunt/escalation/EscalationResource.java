package nl.sglzorg.meldpunt.escalation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.ticket.Escalation;
import nl.sglzorg.meldpunt.ticket.EscalationView;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** Escalations of one ticket: list, escalate by hand, acknowledge. */
@Path("/api/tickets/{reference}/escalations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class EscalationResource {

    @Inject
    EscalationService escalations;

    @GET
    public List<EscalationView> list(@RestPath String reference) {
        return escalations.ofTicket(reference);
    }

    @GET
    @Path("/{id}")
    public EscalationView get(@RestPath String reference, @RestPath long id) {
        return escalations.ofTicket(reference, id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<EscalationView> escalate(@RestPath String reference, @RestHeader("If-Match") String ifMatch,
            EscalationService.Request request) {
        Escalation escalation = escalations.escalateByHand(reference, ifMatch, request);
        return RestResponse.ResponseBuilder
                .<EscalationView>created(URI.create("/api/tickets/" + reference + "/escalations/" + escalation.id))
                .entity(EscalationView.of(escalation)).build();
    }

    @POST
    @Path("/{id}/acknowledge")
    public EscalationView acknowledge(@RestPath String reference, @RestPath long id) {
        return EscalationView.of(escalations.acknowledge(reference, id));
    }
}
