package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.sglzorg.meldpunt.common.InvalidInputException;
import nl.sglzorg.meldpunt.common.QueryInstants;
import nl.sglzorg.meldpunt.common.MeldpuntConfig;
import nl.sglzorg.meldpunt.directory.Roles;
import org.jboss.resteasy.reactive.RestQuery;

/** Statistics for communicatie's monthly report; the default period is the last 30 days. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.COMMUNICATIE)
public class StatsResource {

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @GET
    @Transactional
    public TicketStats stats(@RestQuery("from") String fromParam, @RestQuery("to") String toParam) {
        Instant to = QueryInstants.parse("to", toParam, config.timeZone(), true);
        if (to == null) {
            to = Instant.now(clock);
        }
        Instant from = QueryInstants.parse("from", fromParam, config.timeZone(), false);
        if (from == null) {
            from = to.minus(Duration.ofDays(30));
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from", "moet voor 'to' liggen");
        }
        Map<String, Long> byStatus = countBy("status", from, to);
        long signals = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long duplicates = byStatus.getOrDefault(TicketStatus.MERGED.name(), 0L);
        return new TicketStats(from, to, signals, signals - duplicates, duplicates,
                countBy("category", from, to), countBy("platform", from, to), countBy("topic", from, to),
                countBy("routedFunction", from, to), byStatus, medianMinutes(from, to));
    }

    private static Map<String, Long> countBy(String attribute, Instant from, Instant to) {
        List<Object[]> rows = Panache.getEntityManager()
                .createQuery("select t." + attribute + ", count(t) from Ticket t"
                        + " where t.createdAt >= :from and t.createdAt < :to group by t." + attribute, Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList();
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.put(String.valueOf(row[0]), (Long) row[1]));
        return counts;
    }

    /** The median over the period, computed by the database (PERCENTILE_CONT runs on H2 and PostgreSQL). */
    private static Double medianMinutes(Instant from, Instant to) {
        Object median = Panache.getEntityManager()
                .createNativeQuery("select percentile_cont(0.5) within group (order by first_response_seconds)"
                        + " from ticket where created_at >= ?1 and created_at < ?2 and first_response_seconds is not null")
                .setParameter(1, from).setParameter(2, to).getSingleResult();
        return median == null ? null : Math.round(((Number) median).doubleValue() / 6.0) / 10.0;
    }
}
