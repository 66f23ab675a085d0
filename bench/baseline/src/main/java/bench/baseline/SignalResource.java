package bench.baseline;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Instant;
import org.jboss.resteasy.reactive.RestResponse;

/** Parses the same JSON body as Meldpunt's intake, persists one row, answers 201 with its id. */
@Path("/api/signals")
public class SignalResource {

    public record SignalRequest(String category, String platform, String topic, String url, String description) {
    }

    public record Receipt(long id, Instant createdAt) {
    }

    @POST
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<Receipt> file(SignalRequest request) {
        Signal signal = new Signal();
        signal.category = request.category();
        signal.platform = request.platform();
        signal.topic = request.topic();
        signal.url = request.url();
        signal.description = request.description();
        signal.createdAt = Instant.now();
        signal.persist();
        return RestResponse.ResponseBuilder.<Receipt>created(URI.create("/api/signals/" + signal.id))
                .entity(new Receipt(signal.id, signal.createdAt)).build();
    }
}
