package nl.sglzorg.meldpunt.intake;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** The public reporting desk: anyone files a signal and follows it with the tracking token. */
@Path("/api/signals")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {

    static final String TOKEN_HEADER = "X-Tracking-Token";

    @Inject
    IntakeService intake;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<SignalReceipt> file(SignalRequest request) {
        SignalReceipt receipt = intake.file(request);
        return RestResponse.ResponseBuilder.<SignalReceipt>created(URI.create("/api/signals/" + receipt.reference()))
                .entity(receipt).build();
    }

    @GET
    @Path("/{reference}")
    public SignalTracking track(@RestPath String reference, @RestHeader(TOKEN_HEADER) String token) {
        return intake.track(reference, token);
    }

    @POST
    @Path("/{reference}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<ReporterUpdate> addMessage(@RestPath String reference,
            @RestHeader(TOKEN_HEADER) String token, MessageRequest message) {
        ReporterUpdate update = intake.addMessage(reference, token, message);
        return RestResponse.ResponseBuilder.<ReporterUpdate>created(URI.create("/api/signals/" + reference)).entity(update).build();
    }
}
