package nl.sglzorg.meldpunt.privacy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.time.QueryInstants;
import nl.sglzorg.meldpunt.common.web.QueryLimits;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/** Who read what, for communicatie (and the privacy officer behind them). Newest first. */
@Path("/api/access-log")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class AccessLogResource {

    static final int MAX_LIMIT = 500;

    /** One entry as shown. */
    public record Entry(long id, String user, String ticket, AccessLogEntry.Action action, Instant at) {
    }

    @Inject
    MeldpuntConfig config;

    @GET
    @Transactional
    public List<Entry> list(@RestQuery String ticket, @RestQuery String user, @RestQuery String from,
            @RestQuery String to, @RestQuery String limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (Text.blankToNull(ticket) != null) {
            conditions.add("reference = :ticket");
            params.put("ticket", ticket.strip());
        }
        if (Text.blankToNull(user) != null) {
            conditions.add("username = :user");
            params.put("user", user.strip());
        }
        Instant start = QueryInstants.parse("from", from, config.timeZone(), false);
        if (start != null) {
            conditions.add("occurredAt >= :from");
            params.put("from", start);
        }
        Instant end = QueryInstants.parse("to", to, config.timeZone(), true);
        if (end != null) {
            conditions.add("occurredAt < :to");
            params.put("to", end);
        }
        String query = conditions.isEmpty() ? "order by id desc" : String.join(" and ", conditions) + " order by id desc";
        return AccessLogEntry.<AccessLogEntry>find(query, params).range(0, QueryLimits.parse(limit, 100, MAX_LIMIT) - 1).list().stream()
                .map(e -> new Entry(e.id, e.username, e.reference, e.action, e.occurredAt)).toList();
    }
}
