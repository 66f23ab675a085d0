package nl.sglzorg.meldpunt.common.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A screenshot streamed into H2 reaches H2's file a megabyte at a time while it is read, so H2 never
 * serialises it in one piece (the buffers that took the heap to its limit, docs/benchmarks.md, session
 * 30); and it is stored, rolled back and read back exactly as without the steps.
 */
class H2LargeValuesTest {

    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private static final int SIZE = 6 * H2LargeValues.STEP + 12_345;

    @TempDir
    Path folder;

    private String url;
    private final byte[] image = new byte[SIZE];

    @BeforeEach
    void createTable() throws Exception {
        new Random(30).nextBytes(image);
        url = "jdbc:h2:file:" + folder.resolve("db") + OPTIONS;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE evidence (id INT PRIMARY KEY, data BINARY LARGE OBJECT)");
        }
    }

    @Test
    void shouldWriteALargeValueToTheFileStepByStepWhileItIsRead() throws Exception {
        // One write a megabyte: six or seven, where H2 by itself writes once at the commit.
        long writes = writesWhileInserting(true);
        assertTrue(writes >= 6, "writes of the store while 6 MB were read: " + writes);
        assertArrayEquals(image, read(1));
    }

    @Test
    void shouldWriteItOnceWithoutTheSteps() throws Exception {
        // The measure the test above relies on: H2 alone does not write while the value is read.
        long writes = writesWhileInserting(false);
        assertTrue(writes <= 1, "H2 wrote by itself while the value was read: " + writes);
    }

    @Test
    void shouldStoreNothingOfAValueWhoseTransactionRollsBack() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.setAutoCommit(false);
            insert(connection, 1, H2LargeValues.writtenInSteps(connection, new ByteArrayInputStream(image)));
            connection.rollback();
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM evidence")) {
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
    }

    @Test
    void shouldLeaveTheStreamAsItIsWhereThereIsNoH2FileInThisJvm() throws Exception {
        InputStream in = new ByteArrayInputStream(image);
        Connection other = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> method.getName().equals("isWrapperFor") ? false : null);
        assertSame(in, H2LargeValues.writtenInSteps(other, in));
        try (Connection memory = DriverManager.getConnection("jdbc:h2:mem:large-values" + OPTIONS, "sa", "")) {
            assertSame(in, H2LargeValues.writtenInSteps(memory, in));
        }
    }

    /** Writes of H2's store while the image is inserted, in steps or not; the insert is committed. */
    private long writesWhileInserting(boolean inSteps) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.setAutoCommit(false);
            MVStore store = mvStore(connection);
            long before = store.getCurrentVersion();
            InputStream data = new ByteArrayInputStream(image);
            insert(connection, 1, inSteps ? H2LargeValues.writtenInSteps(connection, data) : data);
            long writes = store.getCurrentVersion() - before;
            connection.commit();
            return writes;
        }
    }

    private static void insert(Connection connection, int id, InputStream data) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO evidence (id, data) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setBinaryStream(2, data, SIZE);
            insert.executeUpdate();
        }
    }

    private byte[] read(int id) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                PreparedStatement select = connection.prepareStatement("SELECT data FROM evidence WHERE id = ?")) {
            select.setInt(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        }
    }

    private static MVStore mvStore(Connection connection) {
        return H2Sessions.of(connection).orElseThrow().getDatabase().getStore().getMvStore();
    }
}
