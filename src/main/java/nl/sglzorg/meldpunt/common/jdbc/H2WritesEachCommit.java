package nl.sglzorg.meldpunt.common.jdbc;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * On H2, what a connection committed is written to the database file before the connection goes back
 * to the pool, so before the answer: a signal that got {@code 201} survives the process being killed
 * ({@code kill -9}, the kernel's out-of-memory killer, a container stopped without its grace period).
 *
 * <p>H2 by itself keeps committed changes in the heap and writes them to its file up to half a second
 * later ({@code WRITE_DELAY}, 500 ms). A killed process loses them: by hand, the last of six signals
 * filed right before a {@code kill -9} was missing afterwards in 3 of 8 tries
 * ({@code docs/benchmarks.md}, "What changed in session 13").
 *
 * <p>Written together: a connection that comes back waits for a write of the store that began after
 * it came back, and the first one to find no write under way does it for all who wait. Sixteen
 * filings committed at once then cost one write of the changed pages instead of sixteen.
 * {@code SET WRITE_DELAY 0}, which makes H2 write at every commit by itself, did that sixteen times
 * and cut filing to about a third; it also stops H2's background thread, which compacts the file while
 * it is open. Here the background thread runs as H2 sets it (docs/benchmarks.md, session 14).
 *
 * <p>A connection that wrote nothing goes back at once: when the database's count of data changes
 * ({@code Database.getModificationDataId}, moved when a transaction that changed rows commits, and by
 * DDL, {@code TRUNCATE} and {@code SET}) is where it was when the connection left the pool, nothing was
 * committed meanwhile, by it or any other. Row locks ({@code FOR UPDATE}) move it too, so such a read
 * waits as a write does. Waiting for H2's writes made every staff page wait for them, and for the compaction of
 * the file after a bulk load most of all (docs/benchmarks.md, session 15). One that finds the count
 * moved waits, whether the change was its own or another's: a read beside a filing can wait needlessly,
 * a write never goes unwritten. A read may show a commit made before it left the pool whose own
 * connection is still waiting for the write: should the process die then, that commit is lost, and
 * its writer never got its answer.
 *
 * <p>Agroal calls this on every connection that goes back to the pool, after the transaction's commit,
 * unless the pool is set to close connections instead ({@code flush-on-close}, or above its maximum
 * after a resize), which Meldpunt's configuration does not do.
 *
 * <p>What it does not give: the write goes to the operating system, not through {@code fsync}, so a
 * power cut of the host can still lose the last commits; for that, PostgreSQL. PostgreSQL's
 * connections are left as they are: it is durable by itself ({@code fsync}, {@code synchronous_commit}).
 */
@ApplicationScoped
public class H2WritesEachCommit implements AgroalPoolInterceptor {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final Object lock = new Object();
    /** Writes of the store begun and finished, counted; guarded by {@link #lock}. */
    private long begun;
    private long finished;
    private boolean writing;
    /** The database's count of data changes when each connection now out of the pool left it. */
    private final Map<SessionLocal, Long> changesWhenAcquired = new ConcurrentHashMap<>();

    @Override
    public void onConnectionAcquire(Connection connection) {
        try {
            H2Sessions.of(connection).ifPresent(s -> changesWhenAcquired.put(s, s.getDatabase().getModificationDataId()));
        } catch (RuntimeException e) {
            // A closed database: nothing noted, so the connection waits for a write when it comes back.
            Log.debugf("H2's count of changes not read: %s", e.getMessage());
        }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        try {
            Optional<SessionLocal> session = H2Sessions.of(connection);
            if (session.isPresent()) {
                Long before = changesWhenAcquired.remove(session.get());
                if (before == null || before != session.get().getDatabase().getModificationDataId()) {
                    awaitWrite(session.get());
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("H2 keeps the last commits in memory for up to half a second: writing them failed (%s);"
                    + " a killed process can lose them", e.getMessage());
        }
    }

    @Override
    public void onConnectionDestroy(Connection connection) {
        H2Sessions.of(connection).ifPresent(changesWhenAcquired::remove);
    }

    /** Returns once a write of the store that began after this call has finished, or nothing is left to write. */
    private void awaitWrite(SessionLocal session) {
        Store store = session.getDatabase().getStore();
        if (!store.getMvStore().hasUnsavedChanges()) {
            // Every commit so far is in the file, or in the write H2's own thread has under way.
            awaitChunkWritten(store.getMvStore());
            return;
        }
        long mine;
        synchronized (lock) {
            // One under way may have read the store before this connection's commit: the next one counts.
            long needed = begun + 1;
            while (true) {
                if (finished >= needed) {
                    return;
                }
                if (!writing) {
                    writing = true;
                    mine = ++begun;
                    break;
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        try {
            // What H2's CHECKPOINT does, without the commit a statement would make on a connection
            // that still holds a transaction: every change made so far goes to the file.
            store.flush();
            awaitChunkWritten(store.getMvStore());
        } finally {
            synchronized (lock) {
                finished = mine;
                writing = false;
                lock.notifyAll();
            }
        }
    }

    /**
     * H2's own thread (the 500 ms writer) hands the pages it writes to two threads of its own and
     * returns, and a flush that then finds nothing unsaved returns at once: the write under way may
     * not be in the file yet. Every write starts a new version; the file holds version n once its
     * chunk is written, and the chunks are written in order.
     */
    private static void awaitChunkWritten(MVStore mvStore) {
        long version = mvStore.getCurrentVersion();
        FileStore<?> file = mvStore.getFileStore();
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        while (file != null && mvStore.isPersistent() && !mvStore.isClosed() && file.lastChunkVersion() < version) {
            if (System.nanoTime() > deadline) {
                Log.warnf("H2 has not written version %d of its file within %s; going on", version, WRITE_TIMEOUT);
                return;
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
