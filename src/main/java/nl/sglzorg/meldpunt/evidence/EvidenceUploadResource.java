package nl.sglzorg.meldpunt.evidence;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import nl.sglzorg.meldpunt.common.web.ClientAddress;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The reporter attaches a screenshot to their signal: one image a request, in the multipart field
 * {@code file}, with the tracking token in {@code X-Tracking-Token} as on the other reporter calls.
 * Quarkus has written the upload to a temporary file before this runs, and deletes it afterwards.
 */
@Path("/api/signals/{reference}/evidence")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceUploadResource {

    static final String TOKEN_HEADER = "X-Tracking-Token";

    @Inject
    EvidenceService evidence;

    @Inject
    ClientAddress clientAddress;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public RestResponse<EvidenceView> attach(@RestPath String reference, @RestHeader(TOKEN_HEADER) String token,
            @RestForm(EvidenceRefusedException.FIELD) FileUpload file, HttpServerRequest http) {
        EvidenceView view = evidence.attachForReporter(reference, token, file, clientAddress.of(http));
        return RestResponse.ResponseBuilder.<EvidenceView>created(URI.create("/api/signals/" + reference))
                .entity(view).build();
    }
}
