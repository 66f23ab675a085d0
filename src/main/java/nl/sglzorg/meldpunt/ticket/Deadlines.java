package nl.sglzorg.meldpunt.ticket;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Deadlines in words for the history and e-mails: local time in SGL's time zone. */
public final class Deadlines {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

    private Deadlines() {
    }

    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? "-" : FORMAT.format(instant.atZone(zone));
    }

    public static String describe(ServiceLevel sla, ZoneId zone) {
        return "eerste reactie vóór " + format(sla.firstResponseDue, zone) + ", afgehandeld vóór "
                + format(sla.resolutionDue, zone);
    }
}
