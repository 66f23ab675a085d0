package nl.sglzorg.meldpunt.privacy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.ticket.Ticket;
import org.jboss.resteasy.reactive.RestPath;

/** The reporter's rights under the AVG/GDPR, exercised by communicatie on their behalf. */
@Path("/api/tickets/{reference}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class ReporterDataResource {

    /** The answer to an erasure. */
    public record Erased(String reference, Instant erasedAt) {
    }

    @Inject
    ReporterData reporterData;

    @GET
    @Path("/reporter-data")
    public ReporterData.Export export(@RestPath String reference) {
        return reporterData.export(reference);
    }

    @POST
    @Path("/erase-reporter")
    public Erased erase(@RestPath String reference) {
        Ticket ticket = reporterData.eraseOnRequest(reference);
        return new Erased(ticket.reference, ticket.reporterErasedAt);
    }
}
