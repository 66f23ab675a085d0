package nl.sglzorg.meldpunt.notification;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The outbox for communicatie: what is waiting, what was sent, what failed, and a retry. */
@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class NotificationResource {

    @Inject
    NotificationService notifications;

    @GET
    public List<NotificationView> list(@RestQuery String status, @RestQuery String limit) {
        return notifications.list(status, limit);
    }

    @POST
    @Path("/{id}/retry")
    public NotificationView retry(@RestPath long id) {
        return notifications.retry(id);
    }
}
