package nl.sglzorg.meldpunt.webhook;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Communicatie's webhooks (docs/operations.md, "Webhooks"). */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class WebhookResource {

    @Inject
    WebhookService webhooks;

    @GET
    public List<WebhookView> list() {
        return webhooks.list();
    }

    @GET
    @Path("/{id}")
    public WebhookView get(@RestPath long id) {
        return webhooks.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<WebhookView> create(WebhookRequest request) {
        WebhookView created = webhooks.create(request);
        return RestResponse.ResponseBuilder.<WebhookView>created(URI.create("/api/webhooks/" + created.id()))
                .entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public WebhookView update(@RestPath long id, WebhookRequest request) {
        return webhooks.update(id, request);
    }

    @DELETE
    @Path("/{id}")
    public void delete(@RestPath long id) {
        webhooks.delete(id);
    }

    @GET
    @Path("/{id}/deliveries")
    public List<DeliveryView> deliveries(@RestPath long id, @RestQuery String status) {
        return webhooks.deliveries(id, status(status));
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/retry")
    public DeliveryView retry(@RestPath long id, @RestPath long deliveryId) {
        return webhooks.retry(id, deliveryId);
    }

    private static Optional<DeliveryStatus> status(String status) {
        String wanted = Text.blankToNull(status);
        if (wanted == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeliveryStatus.valueOf(wanted));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "toegestaan: PENDING, DELIVERED, FAILED");
        }
    }
}
