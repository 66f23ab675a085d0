package nl.sglzorg.meldpunt.intake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;

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

    /**
     * The status changes of the ticket a reporter's signal was merged into, from the merge on: they
     * follow that ticket now, as its merged reporters see it ({@link TicketStatus#forMergedReporters}: its
     * wait for its own reporter is not theirs, and a change they would not see as one is left out). Its
     * replies and messages were meant for its own reporter and stay out.
     */
    static List<ReporterUpdate> statusChangesSince(Ticket survivor, Instant since) {
        return TicketEvent.visibleToReporter(survivor).stream()
                .filter(e -> e.type == EventType.STATUS_CHANGED && !e.occurredAt.isBefore(since))
                .filter(e -> e.oldValue == null || !seenByMerged(e.oldValue).equals(seenByMerged(e.newValue)))
                .map(e -> new ReporterUpdate(e.occurredAt, "STATUS", seenByMerged(e.newValue), null)).toList();
    }

    private static String seenByMerged(String status) {
        return TicketStatus.valueOf(status).forMergedReporters().publicLabel();
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
            case STATUS_CHANGED -> Optional.of(new ReporterUpdate(event.occurredAt, "STATUS",
                    TicketStatus.valueOf(event.newValue).publicLabel(), null));
            case NOTE_ADDED -> Optional.of(new ReporterUpdate(event.occurredAt, "REPLY", null, event.text));
            default -> Optional.empty();
        };
    }
}
