package nl.sglzorg.meldpunt.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reads a period bound from a query parameter: an instant, or a date in SGL's time zone. */
public final class QueryInstants {

    private QueryInstants() {
    }

    /**
     * {@code 2026-11-24T09:00:00Z} as it is; {@code 2026-11-24} as the start of that day, or for an
     * end bound ({@code endOfDay}) the start of the next, so the day is included. {@code null} when absent.
     */
    public static Instant parse(String field, String value, ZoneId zone, boolean endOfDay) {
        String trimmed = Text.blankToNull(value);
        if (trimmed == null) {
            return null;
        }
        try {
            if (trimmed.length() == 10) {
                LocalDate day = LocalDate.parse(trimmed);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "verwacht een datum (2026-11-24) of tijdstip (2026-11-24T09:00:00Z)");
        }
    }
}
