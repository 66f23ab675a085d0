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
