package nl.sglzorg.meldpunt.ticket;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/** Statistics for communicatie's monthly report; the default period is the last 30 calendar days. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class StatsResource {

    @Inject
    Statistics statistics;

    @GET
    public TicketStats stats(@RestQuery("from") String from, @RestQuery("to") String to) {
        return statistics.of(from, to);
    }
}
