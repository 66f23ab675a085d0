package nl.sglzorg.meldpunt.ticket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * so a scrape never waits on the database; from the figures per day, so the count reads the day rows
 * and the tickets changed since their refresh, not every ticket.
 */
@ApplicationScoped
public class TicketMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    FiguresPerDay perDay;

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
        Map<String, Long> counts = QuarkusTransaction.requiringNew().call(perDay::byStatus);
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status.name(), 0L)));
    }
}
