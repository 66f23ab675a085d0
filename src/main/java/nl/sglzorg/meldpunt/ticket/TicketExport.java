package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.Violation;

/**
 * The tickets filed in a period as CSV, for communicatie's own analyses in a spreadsheet. Holds no
 * reporter identity: no name, e-mail, relation or unit of the reporter, and no free text (a
 * description or message can name a person). Written row by row from a streamed query, so a year
 * at a million tickets is never held in memory.
 *
 * <p>Excel-friendly: UTF-8 with a byte order mark, {@code ;} between fields (Dutch Excel reads a
 * comma as the decimal sign), CRLF line ends, fields quoted as RFC 4180 says, and a field that a
 * spreadsheet would read as a formula ({@code = + - @}, tab, CR) prefixed with {@code '}.
 */
@ApplicationScoped
public class TicketExport {

    /** The longest period one export covers, in days: a leap year. */
    public static final int MAX_DAYS = 366;

    static final List<String> HEADER = List.of("referentie", "gemeld_op", "categorie", "platform", "prioriteit",
            "status", "functie", "eerste_reactie_op", "afgehandeld_op", "eerste_reactie_op_tijd",
            "afhandeling_op_tijd", "kanaal", "binnengekomen_via");

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    /** A period of whole days in SGL's time zone, both included. */
    public record Period(LocalDate first, LocalDate last) {
    }

    /**
     * The period {@code van}–{@code tot} as typed ({@code 2026-11-01}), both days included; refused
     * with the fields' names {@code van} and {@code tot} when a date is missing or wrong, the period
     * is reversed or longer than {@link #MAX_DAYS}.
     */
    public Period period(String van, String tot) {
        List<Violation> violations = new ArrayList<>();
        LocalDate first = date("van", van, "begindatum", violations);
        LocalDate last = date("tot", tot, "einddatum", violations);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                violations.add(new Violation("tot", "De einddatum ligt voor de begindatum. Kies een einddatum op of na "
                        + first + "."));
            } else if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
                violations.add(new Violation("tot", "Exporteer hoogstens " + MAX_DAYS
                        + " dagen tegelijk. Kies een einddatum op of voor " + first.plusDays(MAX_DAYS - 1) + "."));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new Period(first, last);
    }

    private static LocalDate date(String field, String value, String name, List<Violation> violations) {
        String typed = Text.blankToNull(value);
        if (typed == null) {
            violations.add(new Violation(field, "Vul een " + name + " in, bijvoorbeeld 2026-11-01."));
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(typed);
            if (date.getYear() < 2000 || date.getYear() > 9998) {
                violations.add(new Violation(field, "Vul een " + name + " in tussen het jaar 2000 en 9998."));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "Vul de " + name + " in als jaar-maand-dag, bijvoorbeeld 2026-11-01."));
            return null;
        }
    }

    /** Writes the period's tickets, oldest first, and returns how many rows it wrote. */
    @Transactional
    public long write(Period period, Writer out) {
        ZoneId zone = config.timeZone();
        Instant from = period.first().atStartOfDay(zone).toInstant();
        Instant to = period.last().plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = Instant.now(clock);
        long rows = 0;
        try (Stream<Object[]> tickets = Panache.getEntityManager()
                .createQuery("select t.reference, t.createdAt, t.category, t.platform, t.priority, t.status,"
                        + " t.routedFunction, t.sla, t.respondVia, t.channel"
                        + " from Ticket t where t.createdAt >= :from and t.createdAt < :to order by t.createdAt",
                        Object[].class)
                .setParameter("from", from).setParameter("to", to)
                .setHint("org.hibernate.fetchSize", 1000).setHint("org.hibernate.readOnly", true)
                .getResultStream()) {
            out.write('\uFEFF');
            line(out, HEADER);
            for (Object[] t : (Iterable<Object[]>) tickets::iterator) {
                ServiceLevel sla = (ServiceLevel) t[7];
                line(out, List.of(String.valueOf(t[0]), moment((Instant) t[1], zone), String.valueOf(t[2]),
                        String.valueOf(t[3]), String.valueOf(t[4]), String.valueOf(t[5]), String.valueOf(t[6]),
                        moment(sla == null ? null : sla.firstResponseAt, zone),
                        moment(sla == null ? null : sla.resolvedAt, zone),
                        onTime(sla == null ? ServiceLevel.State.NONE : sla.firstResponseState(now)),
                        onTime(sla == null ? ServiceLevel.State.NONE : sla.resolutionState(now)),
                        t[8] == null ? "" : String.valueOf(t[8]), String.valueOf(t[9])));
                rows++;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static String moment(Instant instant, ZoneId zone) {
        return instant == null ? "" : MOMENT.format(instant.atZone(zone));
    }

    /** "ja" met in time, "nee" late or passed, empty while it still runs or when there is none. */
    private static String onTime(ServiceLevel.State state) {
        return switch (state) {
            case MET -> "ja";
            case BREACHED -> "nee";
            case PENDING, PAUSED, NONE -> "";
        };
    }

    private static void line(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(';');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    /** One field: defused if a spreadsheet would take it for a formula, quoted when it needs to be. */
    static String field(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.indexOf(';') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0
                || safe.indexOf(',') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
