package nl.sglzorg.meldpunt.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import nl.sglzorg.meldpunt.common.jdbc.ConnectionFailures;

/**
 * Records e-mails as accepted by the SMTP server the moment it accepts them, several in one statement:
 * a group commit. A dispatcher sends its batch side by side, and each e-mail's acceptance used to be
 * a statement and a commit of its own, the database's largest cost of sending an e-mail
 * (docs/benchmarks.md, session 20). Now whoever records first writes its own acceptance at once; the
 * acceptances that arrive while that statement runs wait for it and then go together in the next
 * one (up to {@link #MAX_GROUP}). Nobody waits for a group to fill. What a dispatcher killed meanwhile
 * may send twice is what its running statement carries and what waits for it.
 */
@ApplicationScoped
class AcceptedRecorder {

    /** At most this many acceptances in one statement, so its IN list stays short. */
    static final int MAX_GROUP = 64;

    @Inject
    OutboxStore store;

    private final Queue<Acceptance> waiting = new ConcurrentLinkedQueue<>();
    /** Fair: a record whose acceptance another statement carried gets the lock before a newcomer starts one more. */
    private final ReentrantLock writing = new ReentrantLock(true);

    /** One e-mail's acceptance, and how the statement that carried it ended; both written under {@link #writing}. */
    private static final class Acceptance {
        final long id;
        boolean done;
        Throwable failure;

        Acceptance(long id) {
            this.id = id;
        }
    }

    /**
     * Returns once the e-mail's {@code sent_at} is committed, by this call's statement or by another
     * that carried it; throws what that statement threw.
     */
    void record(long id) {
        Acceptance mine = new Acceptance(id);
        waiting.add(mine);
        Throwable failure;
        writing.lock();
        try {
            while (!mine.done) {
                writeGroup();
            }
            failure = mine.failure;
        } finally {
            writing.unlock();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Writes the waiting acceptances, first come first, in one statement, and tells each how it
     * ended, whatever it threw. When the database is unreachable, every acceptance waiting then is
     * told so at once, rather than each group waiting for its own connection in turn: the batch's
     * record marks them sent once the database is back.
     */
    private void writeGroup() {
        List<Acceptance> group = new ArrayList<>();
        takeWaiting(group, MAX_GROUP);
        if (group.isEmpty()) {
            // The caller's own acceptance is waiting whenever it holds the lock and is not done.
            throw new IllegalStateException("no acceptance waiting to be recorded");
        }
        Throwable failure = null;
        try {
            store.recordAccepted(group.stream().map(acceptance -> acceptance.id).toList());
        } catch (Throwable e) {
            failure = e;
        } finally {
            if (failure != null && ConnectionFailures.isDatabaseUnreachable(failure)) {
                takeWaiting(group, Integer.MAX_VALUE);
            }
            for (Acceptance acceptance : group) {
                acceptance.failure = failure;
                acceptance.done = true;
            }
        }
    }

    /** Moves the waiting acceptances, first come first, into {@code group} until it holds {@code limit}. */
    private void takeWaiting(List<Acceptance> group, int limit) {
        while (group.size() < limit) {
            Acceptance next = waiting.poll();
            if (next == null) {
                return;
            }
            group.add(next);
        }
    }
}
