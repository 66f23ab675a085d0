package nl.sglzorg.meldpunt.evidence;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Evidence for staff, under the rule for reading the ticket: the list (the ticket's own screenshots
 * and those of tickets merged into it) and each image, re-encoded, every download in the access log.
 */
@Path("/api/tickets/{reference}/evidence")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class EvidenceResource {

    @Inject
    EvidenceService evidence;

    @GET
    public List<EvidenceView> list(@RestPath String reference) {
        return evidence.listForStaff(reference);
    }

    @GET
    @Path("/{id}")
    @Produces({"image/jpeg", "image/png"})
    public Response download(@RestPath String reference, @RestPath long id) {
        EvidenceView view = evidence.openForStaff(reference, id);
        // Streamed from the database as it is written out; the access check and log came first.
        StreamingOutput body = out -> evidence.copyContent(view.id(), out);
        String extension = view.contentType().equals("image/png") ? "png" : "jpg";
        return Response.ok(body, view.contentType())
                .header(HttpHeaders.CONTENT_LENGTH, view.size())
                .header("Content-Disposition", "inline; filename=\"" + view.ticket() + "-" + view.id() + "."
                        + extension + "\"")
                .build();
    }
}
