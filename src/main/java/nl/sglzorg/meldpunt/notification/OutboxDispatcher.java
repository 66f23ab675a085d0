package nl.sglzorg.meldpunt.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.ConnectionFailures;
import nl.sglzorg.meldpunt.notification.OutboxStore.Attempt;
import nl.sglzorg.meldpunt.notification.OutboxStore.Claimed;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;

/**
 * Drains the outbox: claims a batch of due e-mails, sends them side by side over the SMTP
 * connections ({@link SmtpSender}), records each e-mail as sent the moment the SMTP server accepts it, and records the
 * batch when its slowest e-mail is done: the history of the sent ones, and a retry or parking for the
 * failed ones. Safe with several instances. An e-mail is sent at least once, and twice only if an
 * instance dies in the milliseconds between the server's "250" for it and the commit of its
 * {@code sent_at} (the e-mails of one batch accepted in that moment: 0 to 10 in the fault runs), if
 * the database cannot be reached then and the instance dies before the batch is recorded, or if the
 * SMTP server accepted it after the send timeout. How the two steps keep the history whole across a
 * kill: {@link OutboxStore}.
 */
@ApplicationScoped
public class OutboxDispatcher {

    /** What the Message-ID of an e-mail to staff holds before {@code .outbox@}. */
    public static final String STAFF = ".staff";

    /**
     * A refusal of the recipient's address itself ({@link #recipientRefused}): 550, 551 or 553 with the
     * enhanced status of a bad destination mailbox, system or address syntax, a moved mailbox or an
     * invalid recipient (RFC 3463 and 5248: 5.1.1, 5.1.2, 5.1.3, 5.1.6, 5.1.10). Not 5.1.7 or 5.1.8,
     * which are about the sender, nor 5.1.0.
     */
    private static final Pattern ADDRESS_REFUSED = Pattern.compile("55[013][ -]5\\.1\\.(?:1|2|3|6|10)\\b");

    @Inject
    OutboxStore store;

    @Inject
    AcceptedRecorder accepted;

    @Inject
    SmtpSender smtp;

    @Inject
    MeldpuntConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    /** Recording stops retrying this long before the claim runs out, so no other dispatcher has claimed the e-mails yet. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private Counter sent;
    private Counter failedAttempts;
    private Counter failed;
    private Timer latency;
    private Timer recordLag;

    /**
     * Where staff's answers go: communicatie's mailbox, not Meldpunt's, where each was filed as a new
     * signal (until session 38); a reporter's answer comes to Meldpunt's mailbox, onto their signal. Null
     * when the setting is no valid address: no Reply-To, rather than e-mails that cannot be sent.
     */
    private String staffReplyTo;

    @PostConstruct
    void init() {
        String communications = config.mail().communicationsAddress();
        staffReplyTo = EmailAddress.isValid(communications) ? communications : null;
        registry.gauge("meldpunt.mail.pending", pending);
        registry.gauge("meldpunt.mail.failed.parked", parked);
        registry.gauge("meldpunt.mail.oldest.pending.seconds", oldestPendingSeconds);
        sent = registry.counter("meldpunt.mail.sent");
        failedAttempts = registry.counter("meldpunt.mail.attempts.failed");
        failed = registry.counter("meldpunt.mail.failed");
        latency = Timer.builder("meldpunt.mail.delivery.latency")
                .description("From queueing an e-mail to handing it to the mail server")
                .register(registry);
        recordLag = Timer.builder("meldpunt.mail.record.lag")
                .description("From the SMTP server's acceptance of an e-mail to its sent_at committed: the moment"
                        + " in which a killed instance leaves it to be sent again")
                .register(registry);
    }

    @Scheduled(every = "${meldpunt.mail.poll-interval}", delayed = "${meldpunt.mail.poll-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /** Sends everything that is due now; returns how many e-mails were sent. */
    public int drain() {
        int count = 0;
        int batchSize = config.mail().batchSize();
        List<Claimed> batch;
        do {
            long claimedAt = System.nanoTime();
            batch = store.claimDue(batchSize);
            if (!batch.isEmpty()) {
                count += send(batch, claimedAt);
            }
        } while (batch.size() == batchSize);
        refreshBacklog();
        return count;
    }

    /**
     * Sends a claimed batch side by side over the SMTP connections, records each e-mail the server
     * accepts at once, waits for every e-mail's outcome (each bounded by the send timeout, so the
     * wait ends), then records the batch.
     */
    private int send(List<Claimed> batch, long claimedAt) {
        AtomicBoolean databaseUnreachable = new AtomicBoolean();
        List<Supplier<Attempt>> sending = batch.stream().map(email -> send(email, databaseUnreachable)).toList();
        List<Attempt> attempts = sending.stream().map(Supplier::get).toList();
        List<Attempt> parkedNow = recordWithinLease(attempts, claimedAt);
        Instant now = Instant.now(clock);
        int count = 0;
        for (Attempt attempt : attempts) {
            Claimed email = attempt.email();
            if (attempt.succeeded()) {
                // One an earlier, dead dispatcher sent was only recorded here: not sent by this one.
                if (!email.alreadyAccepted()) {
                    count++;
                    sent.increment();
                    // In milliseconds: Duration.toNanos throws past 292 years (a test clock's jump), TimeUnit saturates.
                    latency.record(Duration.between(email.createdAt(), now).toMillis(), TimeUnit.MILLISECONDS);
                }
            } else {
                failedAttempts.increment();
                boolean parkedAfterThis = parkedNow.contains(attempt);
                if (parkedAfterThis) {
                    failed.increment();
                }
                // The recipient is personal data: log the e-mail's id, never its address.
                Log.warnf("E-mail %d not sent (attempt %d%s): %s", email.id(), email.attempts(),
                        parkedAfterThis ? ", parked as FAILED" : "", attempt.error());
            }
        }
        return count;
    }

    /**
     * Hands one e-mail to the SMTP sender; the supplier waits for how its attempt ended, which it
     * never fails: a refusal, an error or no answer in time is a failed attempt. An e-mail the server
     * accepted under a claim whose dispatcher died before recording it is not sent again: it only
     * still needs its record.
     */
    private Supplier<Attempt> send(Claimed email, AtomicBoolean databaseUnreachable) {
        if (email.alreadyAccepted()) {
            Attempt recordOnly = Attempt.sent(email);
            return () -> recordOnly;
        }
        String replyTo = email.kind().toReporterData() ? null : staffReplyTo;
        SmtpSender.Sending sending = smtp.send(new SmtpSender.Outgoing(email.recipient(), email.subject(),
                email.text(), email.html(), messageId(email, config.mail().from()), replyTo),
                config.mail().sendTimeout(), () -> recordAccepted(email, databaseUnreachable));
        return () -> {
            try {
                sending.await();
                return Attempt.sent(email);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Attempt.failed(email, describe(e));
            } catch (Exception e) {
                return recipientRefused(e) ? Attempt.refused(email, describe(e)) : Attempt.failed(email, describe(e));
            }
        };
    }

    /**
     * Whether the SMTP server refused the recipient for good: 550, 551 or 553 to {@code RCPT TO} with
     * an enhanced status about the address itself ({@link #ADDRESS_REFUSED}: no such mailbox, no such
     * domain, a bad address), such as "550 5.1.1 User unknown" for a reporter's mistyped address.
     * Trying again sends nothing, so the e-mail is parked at once, where staff see it (until session 33
     * it was tried eight times over about an hour first, by default). Every other refusal is tried
     * again as an outage is: one about the server's settings or policy ("554 5.7.1 Relay access
     * denied", "550 5.7.54 Unable to relay", which also come at {@code RCPT TO}) is mended there, and
     * the e-mails then go out by themselves; a full mailbox (552) may empty; and a refusal without an
     * enhanced status says too little to give up on.
     */
    static boolean recipientRefused(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof AddressException) {
                // An address the mail library cannot send to (one stored before session 38's check):
                // no attempt will, so parked at once as a refused one is.
                return true;
            }
            if (t instanceof SMTPAddressFailedException && t.getMessage() != null
                    && ADDRESS_REFUSED.matcher(t.getMessage()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records an e-mail the SMTP server accepted as sent, committed at once (with the others accepted
     * at that moment: {@link AcceptedRecorder}). Tried once: when it fails, the batch's record marks
     * the e-mail sent (and retries while the database is unreachable); after the first e-mail that met
     * an unreachable database the others of the batch do not wait for it too.
     */
    private void recordAccepted(Claimed email, AtomicBoolean databaseUnreachable) {
        if (databaseUnreachable.get()) {
            return;
        }
        long acceptedAt = System.nanoTime();
        try {
            accepted.record(email.id());
            long lag = System.nanoTime() - acceptedAt;
            recordLag.record(lag, TimeUnit.NANOSECONDS);
            Log.debugf("E-mail %d recorded as sent %.1f ms after the SMTP server accepted it", (Object) email.id(), lag / 1e6);
        } catch (RuntimeException e) {
            if (ConnectionFailures.isDatabaseUnreachable(e)) {
                databaseUnreachable.set(true);
            }
            Log.warnf("E-mail %d was accepted by the SMTP server; it is recorded as sent with its batch: %s",
                    email.id(), describe(e));
        }
    }

    /**
     * Records how the batch's attempts ended, trying again while the database is unreachable for as
     * long as the claim holds (ConnectionFailures.retryWhileUnreachable).
     */
    private List<Attempt> recordWithinLease(List<Attempt> attempts, long claimedAt) {
        long giveUp = claimedAt + config.mail().claimLease().minus(LEASE_MARGIN).toNanos();
        return ConnectionFailures.retryWhileUnreachable(() -> store.record(attempts), giveUp,
                "recording " + attempts.size() + " sent or failed e-mails");
    }

    /**
     * The same Message-ID at every attempt of one outbox row: an e-mail sent again after an instance
     * died between sending and recording it is then recognisably the same e-mail, which mail
     * servers and mail programs can fold and the fault benchmark counts ({@code bench/run.sh --faults}).
     * The row's id and creation time, so two databases never give one id twice; {@code .staff} for an
     * e-mail to staff, so that an answer to it that reaches Meldpunt's mailbox anyway is known
     * ({@code inbox/AutomaticMail}); the sender's domain.
     */
    static String messageId(Claimed email, String from) {
        String domain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip();
        return "<" + email.id() + "." + email.createdAt().toEpochMilli() + (email.kind().toReporterData() ? "" : STAFF)
                + ".outbox@" + domain + ">";
    }

    void refreshBacklog() {
        OutboxStore.Backlog backlog = store.backlog();
        pending.set(backlog.pending());
        parked.set(backlog.failed());
        oldestPendingSeconds.set(backlog.oldestPendingAge().toSeconds());
    }

    /** The kind of failure and the server's reply, with any address in it masked. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String text = root.getClass().getSimpleName() + message;
        text = text.replaceAll("[^\\s<>@]+@[^\\s<>@]+", "[adres]");
        return text.length() > 480 ? text.substring(0, 480) : text;
    }
}
