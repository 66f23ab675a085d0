package nl.sglzorg.meldpunt.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.kernel.Priority;

/** Builds the calendar and response times from configuration, once. */
@ApplicationScoped
public class SlaPolicyProducer {

    @Produces
    @Singleton
    SlaPolicy slaPolicy(MeldpuntConfig config) {
        MeldpuntConfig.Sla sla = config.sla();
        WorkingCalendar calendar = new WorkingCalendar(config.timeZone(), sla.workdayStart(), sla.workdayEnd(),
                sla.workdays());
        Map<Priority, SlaPolicy.Level> levels = new EnumMap<>(Priority.class);
        levels.put(Priority.URGENT, level(sla.urgent()));
        levels.put(Priority.HIGH, level(sla.high()));
        levels.put(Priority.NORMAL, level(sla.normal()));
        levels.put(Priority.LOW, level(sla.low()));
        return new SlaPolicy(calendar, levels, sla.warningAt());
    }

    private static SlaPolicy.Level level(MeldpuntConfig.Sla.Level level) {
        return new SlaPolicy.Level(positive(level.firstResponse()), positive(level.resolution()),
                level.aroundTheClock(), positive(level.acknowledgeWithin()));
    }

    private static Duration positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("response times must be positive: " + duration);
        }
        return duration;
    }
}
