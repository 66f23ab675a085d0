package nl.sglzorg.meldpunt.ticket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * {@code meldpunt_tickets{status=…}}: how many tickets stand in each status, counted once a minute
 * so a scrape never waits on the database.
 */
@ApplicationScoped
public class TicketMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<TicketStatus, AtomicLong> byStatus = new EnumMap<>(TicketStatus.class);

    void register(@Observes StartupEvent event) {
        for (TicketStatus status : TicketStatus.values()) {
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("meldpunt.tickets", count, AtomicLong::get).tag("status", status.name()).register(registry);
        }
    }

    @Scheduled(every = "60s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        byStatus.values().forEach(count -> count.set(0));
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createQuery("select t.status, count(t) from Ticket t group by t.status", Object[].class)
                .getResultList()
                .forEach(row -> byStatus.get((TicketStatus) row[0]).set((Long) row[1])));
    }
}
