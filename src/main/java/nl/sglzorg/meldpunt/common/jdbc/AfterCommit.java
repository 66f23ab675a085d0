package nl.sglzorg.meldpunt.common.jdbc;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that belongs to a transaction's success: done once it committed, never after a rollback. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} on the committing thread once the current transaction committed. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
