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
 * insert, and every field must come back from it as it was, read the way the desk reads it.
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
                table.add(columns.getString("COLUMN_NAME").toLowerCase());
            }
        }
        Set<String> written = new TreeSet<>(NewTicketRow.columns());
        written.add("id");
        assertEquals(table, written, "the columns the insert of a new ticket writes, beside the id the database gives");
    }

    @Test
    void shouldReadBackEveryFieldAsItWasWritten() throws Exception {
        // A distinct value in every field, so that a value written to another field's column shows.
        List<Field> fields = fields();
        Ticket survivor = everyFieldSet(fields);
        survivor.duplicateOfId = null;
        QuarkusTransaction.requiringNew().run(survivor::insert);
        Ticket written = everyFieldSet(fields);
        written.duplicateOfId = survivor.id;
        written.informed.add(new InformedParty(new Informed(Informed.Kind.FUNCTION, "code-a", "Eerste")));
        written.informed.add(new InformedParty(new Informed(Informed.Kind.UNIT_MANAGER, "code-b", null)));

        QuarkusTransaction.requiringNew().run(written::insert);
        assertNotNull(written.id);

        Ticket read = QuarkusTransaction.requiringNew().call(() -> {
            Ticket found = Ticket.findById(written.id);
            found.informed.size();
            return found;
        });
        for (Field field : fields) {
            assertEquals(field.get(holder(written, field)), field.get(holder(read, field)), field.getName());
        }
        assertEquals(written.version, read.version);
        assertEquals(written.informed.stream().map(InformedParty::toInformed).toList(),
                read.informed.stream().map(InformedParty::toInformed).toList());
    }

    private static Ticket everyFieldSet(List<Field> fields) throws IllegalAccessException {
        Ticket ticket = new Ticket();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            field.set(holder(ticket, field), distinctValue(field.getType(), i));
        }
        ticket.reference = "T" + System.nanoTime() % 1_000_000_000_000_000L;
        return ticket;
    }

    /** The ticket's own fields and its deadlines' that hold a column, but the id, version and informed parties. */
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
        if (type == boolean.class || type == Boolean.class) {
            return true;
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
