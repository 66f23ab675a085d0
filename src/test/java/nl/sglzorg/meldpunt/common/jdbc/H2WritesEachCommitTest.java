package nl.sglzorg.meldpunt.common.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.engine.SessionLocal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a connection committed is in the H2 file once the connection is back in the pool: the file is
 * copied while the database is still open, as a killed process leaves it, and the copy opened.
 * {@code SignalSurvivesRestartIT} kills the packaged app right after filing to show what that means
 * for a signal that got {@code 201}.
 */
class H2WritesEachCommitTest {

    private static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @TempDir
    Path folder;

    @Test
    void shouldHaveACommitInTheFileWhenItsConnectionComesBack() throws Exception {
        H2WritesEachCommit interceptor = new H2WritesEachCommit();
        try (Connection db = open(folder.resolve("meldpunt"))) {
            createTable(db);
            interceptor.onConnectionAcquire(db);
            execute(db, "INSERT INTO signal VALUES (1)");
            assertEquals(List.of(), rowsInCopyOfFile("before"), "H2 by itself has not written the commit yet");

            interceptor.onConnectionReturn(db);

            assertEquals(List.of(1), rowsInCopyOfFile("after"));
        }
    }

    @Test
    void shouldHaveEveryCommitInTheFileWhenManyConnectionsComeBackAtOnce() throws Exception {
        H2WritesEachCommit interceptor = new H2WritesEachCommit();
        Path file = folder.resolve("meldpunt");
        try (Connection first = open(file)) {
            createTable(first);
            int threads = 8;
            int each = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        try (Connection db = open(file)) {
                            for (int i = 0; i < each; i++) {
                                interceptor.onConnectionAcquire(db);
                                execute(db, "INSERT INTO signal VALUES (" + (thread * each + i) + ")");
                                interceptor.onConnectionReturn(db);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(threads * each, rowsInCopyOfFile("after").size());
        }
    }

    @Test
    void shouldLeaveTheWriteToH2WhenTheConnectionChangedNothing() throws Exception {
        H2WritesEachCommit interceptor = new H2WritesEachCommit();
        Path file = folder.resolve("meldpunt");
        try (Connection writer = open(file); Connection reader = open(file)) {
            createTable(writer);
            execute(writer, "INSERT INTO signal VALUES (1)");

            interceptor.onConnectionAcquire(reader);
            execute(reader, "SELECT COUNT(*) FROM signal");
            interceptor.onConnectionReturn(reader);

            assertTrue(store(reader).hasUnsavedChanges(), "a read waits for no write of the store");
            assertEquals(List.of(), rowsInCopyOfFile("after-read"));
        }
    }

    @Test
    void shouldWaitForTheWriteWhenAnotherCommittedWhileTheConnectionWasOut() throws Exception {
        H2WritesEachCommit interceptor = new H2WritesEachCommit();
        Path file = folder.resolve("meldpunt");
        try (Connection writer = open(file); Connection reader = open(file)) {
            createTable(writer);
            interceptor.onConnectionAcquire(reader);
            execute(reader, "SELECT COUNT(*) FROM signal");
            execute(writer, "INSERT INTO signal VALUES (1)");

            // It may have read that commit: what it answers is in the file first.
            interceptor.onConnectionReturn(reader);

            assertFalse(store(reader).hasUnsavedChanges());
            assertEquals(List.of(1), rowsInCopyOfFile("after"));
        }
    }

    @Test
    void shouldWaitForTheWriteWhenTheConnectionWasNotSeenLeavingThePool() throws Exception {
        H2WritesEachCommit interceptor = new H2WritesEachCommit();
        try (Connection db = open(folder.resolve("meldpunt"))) {
            createTable(db);
            execute(db, "INSERT INTO signal VALUES (1)");

            interceptor.onConnectionReturn(db);

            assertEquals(List.of(1), rowsInCopyOfFile("after"));
        }
    }

    private static MVStore store(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }

    private List<Integer> rowsInCopyOfFile(String name) throws Exception {
        Path copy = folder.resolve(name);
        Files.copy(folder.resolve("meldpunt.mv.db"), folder.resolve(name + ".mv.db"));
        try (Connection db = open(copy); Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM signal ORDER BY id")) {
            List<Integer> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getInt(1));
            }
            return ids;
        }
    }

    /** The table, in the file; then a minute between a commit and H2's own write of it. */
    private static void createTable(Connection db) throws SQLException {
        execute(db, "CREATE TABLE signal (id INT PRIMARY KEY)");
        execute(db, "CHECKPOINT");
        execute(db, "SET WRITE_DELAY 60000");
    }

    private static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + file + OPTIONS, "meldpunt", "");
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }
}
