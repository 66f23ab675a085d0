package nl.sglzorg.meldpunt.common.jdbc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import org.h2.mvstore.MVStore;

/**
 * A large value streamed into H2 (a screenshot, megabytes) goes to H2's file a step at a time while it
 * is read, not in one piece when its transaction is written.
 *
 * <p>H2 writes what changed since its last write as one chunk, serialised into one buffer. The buffer
 * starts at 1 MB and grows by the largest of what is needed, 1 MB or half its size, every step a new
 * array. Buffers up to 4 MB are kept for the next write, and larger ones are dropped. A 10 MB screenshot
 * written at its commit so made arrays of 2, 3, 4.5, 6.8 and 10.1 MB, and 15.2 MB when other pages
 * followed it. With 12 MB of eden ({@code deploy/jvm.options}) they were made in or promoted to the old
 * generation. They filled it to the heap's limit, which the process then holds. Measured by hand on H2
 * with ten uploads at once: 1.4 GB of such arrays for 20 screenshots, five or six full collections, and
 * a peak RSS of 496-511 MB, 418-427 with the steps (docs/benchmarks.md, "What changed in session 30").
 *
 * <p>Written a megabyte at a time, a chunk fits the buffers H2 keeps. What is written early is the
 * value's blocks, which H2 keeps apart from the row and which no other transaction can reach until
 * this one commits; H2 writes uncommitted changes in the same way when they pile up. The commit is
 * still written before the answer ({@link H2WritesEachCommit}).
 */
public final class H2LargeValues {

    /** Bytes read between two writes of the store. */
    static final int STEP = 1024 * 1024;

    private H2LargeValues() {
    }

    /** {@code in} for a statement on {@code connection}: on H2 in this JVM, written a step at a time as it is read. */
    public static InputStream writtenInSteps(Connection connection, InputStream in) {
        return H2Sessions.of(connection)
                .map(session -> session.getDatabase().getStore())
                .filter(store -> store != null && store.getMvStore().getFileStore() != null)
                .<InputStream>map(store -> new Stepped(in, store.getMvStore()))
                .orElse(in);
    }

    private static final class Stepped extends FilterInputStream {

        private final MVStore store;
        private long unwritten;

        Stepped(InputStream in, MVStore store) {
            super(in);
            this.store = store;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int bytes) {
            unwritten += bytes;
            if (unwritten >= STEP) {
                unwritten = 0;
                // Waits for a write under way: skipping the step then, as tryCommit() does, left
                // the whole value to one write when several were under way at once.
                store.commit();
            }
        }
    }
}
