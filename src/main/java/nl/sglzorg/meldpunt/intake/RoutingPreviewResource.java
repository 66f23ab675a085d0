package nl.sglzorg.meldpunt.intake;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.web.ClientAddress;
import nl.sglzorg.meldpunt.routing.RoutingDecision;

/**
 * Shows, without filing anything, where a signal would go: it takes the same body as a signal, and
 * like filing it counts against the client's limit.
 */
@Path("/api/routing/preview")
@PermitAll
public class RoutingPreviewResource {

    @Inject
    IntakeService intake;

    @Inject
    RateLimiter limiter;

    @Inject
    ClientAddress clientAddress;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RoutingPreview preview(SignalRequest request, HttpServerRequest http) {
        limiter.consume(RateLimiter.Limit.PREVIEW, clientAddress.of(http), 1);
        RoutingDecision decision = intake.preview(request);
        return new RoutingPreview(decision.priority(), PublicRouting.of(decision));
    }
}
