package nl.sglzorg.meldpunt.intake;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.web.ClientAddress;
import nl.sglzorg.meldpunt.kernel.Channel;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The public reporting desk: anyone files a signal and follows it with the tracking token. Every
 * call counts against the client's limits.
 */
@Path("/api/signals")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {

    static final String TOKEN_HEADER = "X-Tracking-Token";

    @Inject
    IntakeService intake;

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddress clientAddress;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<SignalReceipt> file(SignalRequest request, HttpServerRequest http) {
        limiter.consume(RateLimiter.Limit.FILING, clientAddress.of(http), 1);
        SignalReceipt receipt = intake.file(request, Channel.API);
        return RestResponse.ResponseBuilder.<SignalReceipt>created(URI.create("/api/signals/" + receipt.reference()))
                .entity(receipt).build();
    }

    @GET
    @Path("/{reference}")
    public SignalTracking track(@RestPath String reference, @RestHeader(TOKEN_HEADER) String token,
            HttpServerRequest http) {
        String client = clientAddress.of(http);
        limiter.consume(RateLimiter.Limit.TRACKING, client, 1);
        try {
            return intake.track(reference, token);
        } catch (NotFoundException e) {
            // Guessing tokens is what this limit is for: a miss costs more than a hit.
            limiter.penaliseWrongToken(RateLimiter.Limit.TRACKING, client);
            throw e;
        }
    }

    @POST
    @Path("/{reference}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<ReporterUpdate> addMessage(@RestPath String reference,
            @RestHeader(TOKEN_HEADER) String token, MessageRequest message, HttpServerRequest http) {
        String client = clientAddress.of(http);
        limiter.consume(RateLimiter.Limit.MESSAGE, client, 1);
        ReporterUpdate update;
        try {
            update = intake.addMessage(reference, token, message);
        } catch (NotFoundException e) {
            // A message is a way to try a code too: it costs what a wrong look-up does.
            limiter.penaliseWrongToken(RateLimiter.Limit.MESSAGE, client);
            throw e;
        }
        return RestResponse.ResponseBuilder.<ReporterUpdate>created(URI.create("/api/signals/" + reference))
                .entity(update).build();
    }
}
