package nl.sglzorg.meldpunt.common.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;

/** Reads a period bound from a query parameter: an instant, or a date in SGL's time zone. */
public final class QueryInstants {

    /**
     * The earliest and latest instant a query may name. Both databases store these (PostgreSQL's
     * timestamps end in the year 294276, and an instant beyond Java's range cannot even be made), and
     * every stored time lies between them, the "no deadline" of a waiting ticket included.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private static final String OUT_OF_RANGE = "tijdstip buiten het bereik 0001-01-01 tot 9999-12-31";

    private QueryInstants() {
    }

    /** The instant {@code epochSecond} seconds after 1970, if it lies between {@link #EARLIEST} and {@link #LATEST}. */
    public static Optional<Instant> ofEpochSecond(long epochSecond) {
        return epochSecond < EARLIEST.getEpochSecond() || epochSecond > LATEST.getEpochSecond() ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(epochSecond));
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
            Instant instant;
            if (trimmed.length() == 10) {
                LocalDate day = LocalDate.parse(trimmed);
                instant = (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            } else {
                instant = Instant.parse(trimmed);
            }
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new InvalidInputException(field, OUT_OF_RANGE);
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "verwacht een datum (2026-11-24) of tijdstip (2026-11-24T09:00:00Z)");
        }
    }
}
