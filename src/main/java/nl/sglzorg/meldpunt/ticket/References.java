package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.time.ZoneId;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Ticket references such as {@code SGL-2026-000042}: the year of filing and a number from a
 * database sequence, unique however many requests or instances file at once.
 */
public final class References {

    private static final String SEQUENCE = "ticket_reference_seq";

    private References() {
    }

    public static String next(Instant now, ZoneId zone) {
        var session = Panache.getSession();
        String select = session.getFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                .getSequenceSupport().getSequenceNextValString(SEQUENCE);
        long number = Sql.number(select);
        return String.format("SGL-%d-%06d", now.atZone(zone).getYear(), number);
    }
}
