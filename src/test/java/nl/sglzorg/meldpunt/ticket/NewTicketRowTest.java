package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.routing.Informed;
import org.junit.jupiter.api.Test;

/**
 * A new ticket is written in plain SQL, not by Hibernate: every column of the table must be in that
 * insert, but for those the database computes (V33's {@code _watch_at}, which no insert may name), and
 * every field must come back from it as it was, read the way the desk reads it.
 */
@QuarkusTest
class NewTicketRowTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldWriteEveryColumnOfTheTicketTable() throws SQLException {
        Set<String> table = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet columns = connection.getMetaData().getColumns(null, null, "ticket", null)) {
            while (columns.next()) {
                if (!"YES".equals(columns.getString("IS_GENERATEDCOLUMN"))) {
                    table.add(columns.getString("COLUMN_NAME").toLowerCase());
                }
            }
        }
        Set<String> written = new TreeSet<>(NewTicketRow.columns());
        written.add("id");
        assertEquals(table, written, "the columns the insert of a new ticket writes, beside the id the database gives");
    }

    @Test
    void shouldReadBackEveryFieldAsItWasWritten() throws Exception {
        List<Field> fields = fields();
        assertEquals(NewTicketRow.columns().size() - 1, fields.size(), "a field for every column but the version");
        List<Long> ids = new ArrayList<>();
        try {
            Ticket survivor = everyFieldSet(fields, 0);
            survivor.duplicateOfId = null;
            QuarkusTransaction.requiringNew().run(survivor::insert);
            ids.add(survivor.id);
            // A value of its own in every field, so that a value written to another field's column shows;
            // the booleans have two values, so each round gives them another pattern, and any two of
            // them differ in one round at least.
            long booleans = fields.stream().filter(field -> field.getType() == boolean.class).count();
            int rounds = 64 - Long.numberOfLeadingZeros(booleans);
            for (int round = 0; round < rounds; round++) {
                Ticket written = everyFieldSet(fields, round);
                written.duplicateOfId = survivor.id;
                written.informed.add(new InformedParty(new Informed(Informed.Kind.FUNCTION, "code-a", "Eerste")));
                written.informed.add(new InformedParty(new Informed(Informed.Kind.UNIT_MANAGER, "code-b", null)));
                QuarkusTransaction.requiringNew().run(written::insert);
                ids.add(0, written.id);

                Ticket read = QuarkusTransaction.requiringNew().call(() -> {
                    Ticket found = Ticket.findById(written.id);
                    found.informed.size();
                    return found;
                });
                for (Field field : fields) {
                    assertEquals(field.get(holder(written, field)), field.get(holder(read, field)),
                            field.getName() + " in round " + round);
                }
                assertEquals(written.version, read.version);
                assertEquals(written.informed.stream().map(InformedParty::toInformed).toList(),
                        read.informed.stream().map(InformedParty::toInformed).toList());
            }
        } finally {
            // Their deadlines are long past: the deadline watcher of another test must not find them.
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (Long id : ids) {
                    statement.executeUpdate("DELETE FROM ticket_informed WHERE ticket_id = " + id);
                    statement.executeUpdate("DELETE FROM ticket WHERE id = " + id);
                }
            }
        }
    }

    /**
     * A new ticket with a value in every field: the {@code i}th field's own, but for the booleans, whose
     * {@code k}th (from 1) is bit {@code round} of {@code k}.
     */
    private static Ticket everyFieldSet(List<Field> fields, int round) throws IllegalAccessException {
        Ticket ticket = new Ticket();
        int booleans = 0;
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Object value = field.getType() == boolean.class ? ((++booleans >> round) & 1) == 1
                    : distinctValue(field.getType(), i);
            field.set(holder(ticket, field), value);
        }
        ticket.reference = "T" + System.nanoTime() % 1_000_000_000_000_000L;
        return ticket;
    }

    /** The ticket's own fields and its deadlines' that hold a column, except the id, version and informed parties. */
    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Class<?> type : List.of(Ticket.class, ServiceLevel.class)) {
            for (Field field : type.getDeclaredFields()) {
                // Panache turns the public fields private behind accessors, and Hibernate adds fields of its own.
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                        && !field.getName().contains("$")
                        && !Set.of("id", "version", "informed", "sla").contains(field.getName())) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static Object holder(Ticket ticket, Field field) {
        return field.getDeclaringClass() == ServiceLevel.class ? ticket.sla : ticket;
    }

    /** The {@code i}th field's value: short enough for the narrowest column (two characters). */
    private static Object distinctValue(Class<?> type, int i) {
        if (type == String.class) {
            return Integer.toString(10 + i, 36);
        }
        if (type == Instant.class) {
            return Instant.parse("2026-01-05T09:00:00Z").plusSeconds(61L * i);
        }
        if (type == long.class || type == Long.class) {
            return 1000L + i;
        }
        if (type == int.class || type == Integer.class) {
            return 100 + i;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[i % constants.length];
        }
        throw new IllegalArgumentException("no distinct value for " + type);
    }
}
