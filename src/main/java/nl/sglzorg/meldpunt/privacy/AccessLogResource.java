package nl.sglzorg.meldpunt.privacy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/** Who read what, for communicatie (and the privacy officer behind them). Newest first. */
@Path("/api/access-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class AccessLogResource {

    @Inject
    AccessLog accessLog;

    @GET
    public List<AccessLog.Entry> list(@RestQuery String ticket, @RestQuery String user, @RestQuery String from,
            @RestQuery String to, @RestQuery String limit) {
        return accessLog.list(ticket, user, from, to, limit);
    }
}
