package nl.sglzorg.meldpunt.evidence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import nl.sglzorg.meldpunt.common.jdbc.H2LargeValues;
import org.hibernate.Session;

/**
 * The image bytes, in and out of the database as streams: written from the re-encoded temporary file
 * with {@code setBinaryStream}, read straight into the HTTP response.
 */
@ApplicationScoped
public class EvidenceStore {

    private static final String INSERT = "INSERT INTO evidence (ticket_id, content_type, byte_size, width, height,"
            + " original_type, original_size, original_sha256, uploaded_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    AgroalDataSource dataSource;

    /** Inserts one image in the current transaction, on Hibernate's connection; returns its id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long insert(long ticketId, ImageSanitiser.Result image, Path clean, Instant at) {
        Session session = Panache.getEntityManager().unwrap(Session.class);
        return session.doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"});
                    InputStream data = H2LargeValues.writtenInSteps(connection, Files.newInputStream(clean))) {
                insert.setLong(1, ticketId);
                insert.setString(2, image.stored().mediaType());
                insert.setLong(3, image.storedSize());
                insert.setInt(4, image.width());
                insert.setInt(5, image.height());
                insert.setString(6, image.original().mediaType());
                insert.setLong(7, image.originalSize());
                insert.setString(8, image.originalSha256());
                insert.setObject(9, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                insert.setBinaryStream(10, data, image.storedSize());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Copies one image's bytes to {@code out}; runs outside any transaction, after access was checked. */
    public void copy(long id, OutputStream out) throws IOException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT data FROM evidence WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    // Erased between the access check and now.
                    throw new IOException("evidence " + id + " is gone");
                }
                try (InputStream data = row.getBinaryStream(1)) {
                    data.transferTo(out);
                }
            }
        } catch (SQLException e) {
            throw new IOException("evidence " + id + " could not be read", e);
        }
    }
}
