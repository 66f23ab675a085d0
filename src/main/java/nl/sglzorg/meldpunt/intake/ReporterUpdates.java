package nl.sglzorg.meldpunt.intake;

import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketStatus;

/**
 * What a reporter sees of a ticket's history. Only events marked visible are read, and each type
 * is shown in its own public form: an event type not listed here is never shown.
 */
final class ReporterUpdates {

    private ReporterUpdates() {
    }

    static List<ReporterUpdate> of(Ticket ticket) {
        return TicketEvent.visibleToReporter(ticket).stream().map(ReporterUpdates::toUpdate)
                .flatMap(Optional::stream).toList();
    }

    static Optional<ReporterUpdate> toUpdate(TicketEvent event) {
        if (!event.visibleToReporter) {
            return Optional.empty();
        }
        return switch (event.type) {
            case FILED -> Optional.of(new ReporterUpdate(event.occurredAt, "STATUS",
                    TicketStatus.NEW.publicLabel(), null));
            case REPORTER_MESSAGE -> Optional.of(new ReporterUpdate(event.occurredAt, "REPORTER_MESSAGE", null,
                    event.text));
            default -> Optional.empty();
        };
    }
}
