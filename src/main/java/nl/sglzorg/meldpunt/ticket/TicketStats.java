package nl.sglzorg.meldpunt.ticket;

import java.time.Instant;
import java.util.Map;

/**
 * The figures of a monthly report over the signals filed in {@code [from, to)}.
 *
 * @param signals every signal filed, duplicates included
 * @param tickets signals that are tickets of their own: duplicates folded into another are not counted
 * @param duplicatesFolded signals merged into another ticket
 * @param byChannel how the signals reached Meldpunt ({@link nl.sglzorg.meldpunt.kernel.Channel})
 * @param medianMinutesToFirstStaffAction over tickets that staff acted on; {@code null} when none
 */
public record TicketStats(Instant from, Instant to, long signals, long tickets, long duplicatesFolded,
        Map<String, Long> byCategory, Map<String, Long> byPlatform, Map<String, Long> byTopic,
        Map<String, Long> byFunction, Map<String, Long> byStatus, Map<String, Long> byChannel,
        Double medianMinutesToFirstStaffAction) {
}
