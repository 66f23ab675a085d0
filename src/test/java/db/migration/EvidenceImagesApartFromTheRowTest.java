package db.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Migration 30 on an H2 database that already holds screenshots, as SGL's default database does once
 * it has been in use: the images survive the move out of the row byte for byte, and the column
 * still refuses a row without one.
 */
class EvidenceImagesApartFromTheRowTest {

    private static final String URL = "jdbc:h2:mem:images-apart;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH";

    @Test
    void shouldMoveScreenshotsStoredBeforeItOutOfTheRowUnchanged() throws SQLException {
        byte[] image = new byte[3 * 1024 * 1024 + 17];
        new Random(30).nextBytes(image);
        try (Connection db = DriverManager.getConnection(URL, "meldpunt", "")) {
            flyway().target("29").load().migrate();
            assertEquals("binary varying", typeOfTheImageColumn(db));
            long id = insertEvidence(db, image);

            flyway().load().migrate();

            assertEquals("binary large object", typeOfTheImageColumn(db));
            try (PreparedStatement select = db.prepareStatement("SELECT data FROM evidence WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    assertArrayEquals(image, row.getBinaryStream(1).readAllBytes());
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThrows(SQLException.class, () -> insertEvidence(db, null), "an evidence row without its image");
        }
    }

    private static FluentConfiguration flyway() {
        return Flyway.configure().dataSource(URL, "meldpunt", "").locations("classpath:db/migration");
    }

    private static String typeOfTheImageColumn(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet type = statement.executeQuery("SELECT data_type FROM information_schema.columns"
                        + " WHERE table_name = 'evidence' AND column_name = 'data'")) {
            type.next();
            return type.getString(1);
        }
    }

    /** An evidence row with its bytes; the ticket it names need not exist for what is tested here. */
    private static long insertEvidence(Connection db, byte[] image) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
        }
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO evidence (ticket_id, content_type, byte_size,"
                + " width, height, original_type, original_size, original_sha256, uploaded_at, data)"
                + " VALUES (1, 'image/png', ?, 1, 1, 'image/png', ?, 'x', ?, ?)", new String[] {"id"})) {
            insert.setLong(1, image == null ? 0 : image.length);
            insert.setLong(2, image == null ? 0 : image.length);
            insert.setObject(3, OffsetDateTime.now());
            insert.setBytes(4, image);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
