package nl.sglzorg.meldpunt.intake;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /api/tickets}: any signed-in staff member files a signal they took by phone or in
 * person, for its reporter. It lives here, beside the reporter's own filing, and shares its path with
 * the staff list ({@code ticket.TicketResource}), which cannot reach the intake.
 */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class TakenSignalResource {

    @Inject
    IntakeService intake;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<SignalReceipt> file(TakenSignalRequest request) {
        SignalReceipt receipt = intake.fileTaken(request);
        return RestResponse.ResponseBuilder.<SignalReceipt>created(URI.create("/api/tickets/" + receipt.reference()))
                .entity(receipt).build();
    }
}
