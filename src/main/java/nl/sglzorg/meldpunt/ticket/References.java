package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;
import java.time.ZoneId;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Ticket references such as {@code SGL-2026-000042}: the year of filing and a number from a
 * database sequence, unique however many requests or instances file at once.
 *
 * <p>The number is read with the dialect's own {@code nextval} select through {@link Sql}, not a
 * Hibernate native query: one per filing would grow Hibernate's query plan cache without end (the
 * workaround and its measurement are described on {@link Sql}). When that is fixed upstream, this
 * becomes {@code createNativeQuery(select).getSingleResult()}.
 */
public final class References {

    private static final String SEQUENCE = "ticket_reference_seq";

    /** The dialect's select of the sequence's next value, found once. */
    private static volatile String nextValue;

    private References() {
    }

    public static String next(Instant now, ZoneId zone) {
        String select = nextValue;
        if (select == null) {
            select = Panache.getSession().getFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect().getSequenceSupport().getSequenceNextValString(SEQUENCE);
            nextValue = select;
        }
        String number = Long.toString(Sql.number(select));
        // Concatenated: String.format was a fiftieth of the application's CPU samples under filing load.
        return "SGL-" + now.atZone(zone).getYear() + "-" + "0".repeat(Math.max(0, 6 - number.length())) + number;
    }
}
