package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 30, beside the SQL ones in {@code src/main/resources/db/migration} (Flyway finds Java
 * migrations in the package of that name): on H2, a screenshot's bytes move out of the evidence row
 * into a {@code BINARY LARGE OBJECT} (a {@code BLOB}; H2 knows it by
 * that name only outside PostgreSQL mode).
 *
 * <p>V15 made {@code evidence.data} a {@code BYTEA}, which H2 takes as {@code BINARY VARYING} and
 * keeps inside the row: every B-tree page holding an evidence row was megabytes, read whole whenever
 * any column of the row was (the ticket page's list of screenshots) and written anew with the page.
 * A {@code BLOB} H2 keeps apart, in blocks, streamed on write and on read; the row holds a reference.
 * PostgreSQL already keeps a {@code BYTEA} this large apart from the row (TOAST), so there nothing
 * changes. One statement for H2 alone is why this migration is Java and not SQL: the two databases
 * share every other migration.
 */
public class V30__Evidence_images_apart_from_the_row extends BaseJavaMigration {

    static final String H2_STATEMENT = "ALTER TABLE evidence ALTER COLUMN data SET DATA TYPE BINARY LARGE OBJECT";

    /** Changes when the statement does, as a SQL migration's checksum changes with its text. */
    @Override
    public Integer getChecksum() {
        return H2_STATEMENT.hashCode();
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(H2_STATEMENT);
        }
    }
}
