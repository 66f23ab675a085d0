package nl.sglzorg.meldpunt.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records e-mails as accepted by the SMTP server the moment it accepts them, several in one statement:
 * a group commit. A dispatcher sends its batch side by side, and each e-mail's acceptance used to be
 * a statement and a commit of its own, which cost the database more than anything else it does for an
 * e-mail (docs/benchmarks.md, session 20). Now whoever records first writes its own acceptance; the
 * acceptances that arrive while that statement runs wait for it and then go together in the next one.
 * Nobody waits for a group to fill: an acceptance waits at most for the one statement before its own,
 * which is all a dispatcher killed meanwhile could send twice (see {@link OutboxDispatcher}).
 */
@ApplicationScoped
class AcceptedRecorder {

    /** At most this many acceptances in one statement, so its IN list stays short. */
    static final int MAX_GROUP = 64;

    @Inject
    OutboxStore store;

    private final Queue<Acceptance> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    /** One e-mail's acceptance, and how its statement ended; read and written under {@link #writing}. */
    private static final class Acceptance {
        final long id;
        boolean done;
        RuntimeException failure;

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
        writing.lock();
        try {
            while (!mine.done) {
                writeGroup();
            }
        } finally {
            writing.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Writes the waiting acceptances, first come first, in one statement. */
    private void writeGroup() {
        List<Acceptance> group = new ArrayList<>();
        for (Acceptance next; group.size() < MAX_GROUP && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        RuntimeException failure = null;
        try {
            store.recordAccepted(group.stream().map(acceptance -> acceptance.id).toList());
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Acceptance acceptance : group) {
            acceptance.failure = failure;
            acceptance.done = true;
        }
    }
}
