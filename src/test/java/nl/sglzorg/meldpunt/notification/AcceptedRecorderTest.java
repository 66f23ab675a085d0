package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.inject.Vetoed;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The group commit of accepted e-mails, against a store that holds its first statement until the test
 * lets it go: the acceptances that arrive meanwhile go together in the next statement, and every one
 * learns how its own statement ended. {@code OutboxMailTest} checks the statements against a database.
 */
class AcceptedRecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A store that records each statement's ids and answers through {@code outcome}, the first one held. */
    @Vetoed
    private static final class HeldStore extends OutboxStore {
        final List<List<Long>> statements = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final Function<List<Long>, Throwable> outcome;

        HeldStore(Function<List<Long>, Throwable> outcome) {
            this.outcome = outcome;
        }

        @Override
        public int recordAccepted(List<Long> ids) {
            statements.add(List.copyOf(ids));
            if (statements.size() == 1) {
                try {
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Throwable failure = outcome.apply(ids);
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            return ids.size();
        }
    }

    /** Acceptance 1 is recorded first and held; 2 to 6 arrive while its statement runs. */
    private static List<CompletableFuture<Void>> recordWhileTheFirstIsHeld(AcceptedRecorder recorder, HeldStore store)
            throws InterruptedException {
        List<CompletableFuture<Void>> records = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            long accepted = id;
            CompletableFuture<Void> record = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    recorder.record(accepted);
                    record.complete(null);
                } catch (Throwable e) {
                    record.completeExceptionally(e);
                }
            }, "acceptance-" + id);
            records.add(record);
            threads.add(thread);
            thread.start();
            if (id == 1) {
                Awaitility.await("the first statement running").atMost(WAIT).until(() -> store.statements.size() == 1);
            }
        }
        // Each of the others has queued its acceptance and waits for the statement before its own.
        Awaitility.await("five acceptances waiting").atMost(WAIT)
                .until(() -> threads.subList(1, 6).stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        store.release.countDown();
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis());
        }
        return records;
    }

    private static AcceptedRecorder recorderWith(OutboxStore store) {
        AcceptedRecorder recorder = new AcceptedRecorder();
        recorder.store = store;
        return recorder;
    }

    private static Throwable failureOf(CompletableFuture<Void> record) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> record.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return failed.getCause();
    }

    @Test
    void shouldRecordTheAcceptancesThatArriveDuringAStatementTogetherInTheNext() throws Exception {
        HeldStore store = new HeldStore(ids -> null);
        List<CompletableFuture<Void>> records = recordWhileTheFirstIsHeld(recorderWith(store), store);

        for (CompletableFuture<Void> record : records) {
            record.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(2, store.statements.size(), store.statements.toString());
        assertEquals(List.of(1L), store.statements.get(0));
        assertEquals(Set.of(2L, 3L, 4L, 5L, 6L), new HashSet<>(store.statements.get(1)));
    }

    /**
     * A refusal (a deadlock, say) and an {@code Error} (out of memory, say) alike: each of the five
     * that the failed statement carried hears of it, none waits on, none writes again.
     */
    static List<Throwable> failures() {
        return List.of(new PersistenceException("deadlock detected"), new AssertionError("the JVM's own failure"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void shouldTellEveryAcceptanceOfAFailedStatementThatItFailed(Throwable failure) throws Exception {
        HeldStore store = new HeldStore(ids -> ids.contains(1L) ? null : failure);
        List<CompletableFuture<Void>> records = recordWhileTheFirstIsHeld(recorderWith(store), store);

        records.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        for (CompletableFuture<Void> record : records.subList(1, 6)) {
            assertSame(failure, failureOf(record));
        }
        assertEquals(2, store.statements.size(), store.statements.toString());
    }

    @Test
    void shouldTellEveryWaitingAcceptanceAtOnceThatTheDatabaseIsUnreachable() throws Exception {
        RuntimeException unreachable = new PersistenceException("Statement failed",
                new SQLTransientConnectionException("Connection refused", "08001"));
        HeldStore store = new HeldStore(ids -> unreachable);
        List<CompletableFuture<Void>> records = recordWhileTheFirstIsHeld(recorderWith(store), store);

        for (CompletableFuture<Void> record : records) {
            assertSame(unreachable, failureOf(record));
        }
        // No second statement waits for a connection that the first could not get.
        assertEquals(1, store.statements.size(), store.statements.toString());
    }

}
