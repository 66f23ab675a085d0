package nl.sglzorg.meldpunt.notification;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig.Smtp.StartTls;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends e-mails to the SMTP server ({@code meldpunt.smtp.*}) with Jakarta Mail, side by side over a
 * few connections that stay open between e-mails, each connection on a thread of its own. A
 * connection that sat unused for a second is asked whether it is still open ({@code NOOP}) before it
 * carries an e-mail, and one that failed is opened anew for the next.
 */
@ApplicationScoped
public class SmtpSender {

    /** A connection unused this long may have been closed by the server: it is checked first. */
    private static final long CHECK_AFTER_IDLE = Duration.ofSeconds(1).toNanos();
    /**
     * A connection unused this long is opened anew instead: a firewall or NAT in between may have
     * forgotten it without a word, and a check would then wait out the whole timeout.
     */
    private static final long REOPEN_AFTER_IDLE = Duration.ofSeconds(60).toNanos();

    private final MeldpuntConfig.Smtp settings;
    private final Session session;
    private final InternetAddress from;
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private final ThreadPoolExecutor threads;
    private volatile boolean stopped;

    @Inject
    SmtpSender(MeldpuntConfig config) throws MessagingException {
        this(config.smtp(), config.mail().from(), config.mail().sendTimeout());
    }

    /** {@code timeout} bounds each wait for the server: connecting, and each write and answer. */
    SmtpSender(MeldpuntConfig.Smtp settings, String from, Duration timeout) throws MessagingException {
        // Jakarta Mail looks its stream provider up anew, scanning the class path (ServiceLoader), for
        // every body part it makes and every part it encodes: half the CPU of an e-mail, measured
        // (docs/benchmarks.md, session 21). By this name the same provider is found directly.
        System.getProperties().putIfAbsent(StreamProvider.class.getName(), MailStreamProvider.class.getName());
        this.settings = settings;
        this.session = Session.getInstance(properties(settings, timeout));
        this.from = new InternetAddress(from, true);
        int count = settings.connections();
        if (count < 1) {
            throw new IllegalArgumentException("meldpunt.smtp.connections must be 1 or more, not " + count);
        }
        for (int i = 0; i < count; i++) {
            connections.add(new Connection());
        }
        AtomicInteger number = new AtomicInteger();
        threads = new ThreadPoolExecutor(count, count, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "meldpunt-smtp-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.allowCoreThreadTimeOut(true);
    }

    /**
     * One e-mail: its recipient, subject, plain text and HTML, the Message-ID it keeps at every attempt,
     * and where answers go when not to the sender ({@code null}: to the sender, Meldpunt's mailbox).
     */
    public record Outgoing(String to, String subject, String text, String html, String messageId, String replyTo) {

        public Outgoing(String to, String subject, String text, String html, String messageId) {
            this(to, subject, text, html, messageId, null);
        }
    }

    /**
     * Hands an e-mail to a connection. When the server accepts it within {@code timeout},
     * {@code whenAccepted} runs on that connection's thread, and the e-mail's {@link Sending#await()}
     * returns after it; an e-mail still waiting for a connection when the time is up is not sent.
     */
    public Sending send(Outgoing mail, Duration timeout, Runnable whenAccepted) {
        Sending sending = new Sending(timeout, () -> {
            MimeMessage message = message(mail);
            connections.remove().send(message);
        }, whenAccepted);
        try {
            threads.execute(sending);
        } catch (RejectedExecutionException shuttingDown) {
            sending.fail(shuttingDown);
        }
        return sending;
    }

    /**
     * An e-mail on its way to the SMTP server, and the task that sends it: whichever comes first,
     * the server's answer or the end of its time, settles how its attempt ended.
     */
    public static final class Sending implements Runnable {

        private final Duration timeout;
        private final long deadline;
        private final SendStep send;
        private final Runnable whenAccepted;
        private final AtomicBoolean settled = new AtomicBoolean();
        private final CompletableFuture<Void> outcome = new CompletableFuture<>();

        private Sending(Duration timeout, SendStep send, Runnable whenAccepted) {
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.send = send;
            this.whenAccepted = whenAccepted;
        }

        /**
         * Waits until the server accepted the e-mail (and its {@code whenAccepted} ran) or refused it,
         * or until its time is up; an e-mail accepted after that counts as not sent.
         *
         * @throws Exception the server's refusal or the connection's error, or a
         *         {@link TimeoutException}
         */
        public void await() throws Exception {
            try {
                outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException late) {
                // Unless it was accepted or refused this very moment (its whenAccepted may still be running).
                fail(timedOut());
            } catch (InterruptedException e) {
                fail(e);
                throw e;
            } catch (ExecutionException e) {
                throw asException(e.getCause());
            }
            try {
                outcome.get();
            } catch (ExecutionException e) {
                throw asException(e.getCause());
            }
        }

        /** Sends the e-mail, unless its time ran out while it waited for a connection. */
        @Override
        public void run() {
            if (System.nanoTime() - deadline >= 0) {
                fail(timedOut());
                return;
            }
            if (settled.get()) {
                return;
            }
            try {
                send.run();
            } catch (Exception | LinkageError e) {
                fail(e);
                return;
            }
            accept();
        }

        private TimeoutException timedOut() {
            return new TimeoutException("not accepted by the SMTP server within " + timeout);
        }

        /** Ends the e-mail as accepted, running whenAccepted first, unless it has ended already. */
        private void accept() {
            if (settled.compareAndSet(false, true)) {
                try {
                    whenAccepted.run();
                } finally {
                    outcome.complete(null);
                }
            }
        }

        /** Ends the e-mail as failed, unless it has ended already. */
        private void fail(Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                outcome.completeExceptionally(failure);
            }
        }

        private static Exception asException(Throwable cause) {
            return cause instanceof Exception e ? e : new MessagingException(String.valueOf(cause), (Exception) null);
        }
    }

    @FunctionalInterface
    private interface SendStep {
        void run() throws MessagingException;
    }

    /**
     * One connection to the server, opened when first needed, and again after it failed or closed.
     * There are as many as threads, so a thread always finds one idle; each goes back after its e-mail.
     */
    private final class Connection {

        private Transport transport;
        private long lastUsed;

        void send(MimeMessage message) throws MessagingException {
            try {
                long idle = System.nanoTime() - lastUsed;
                if (transport != null
                        && (idle > REOPEN_AFTER_IDLE || idle > CHECK_AFTER_IDLE && !transport.isConnected())) {
                    close();
                }
                if (transport == null) {
                    transport = open();
                }
                transport.sendMessage(message, message.getAllRecipients());
                lastUsed = System.nanoTime();
            } catch (Throwable e) {
                // After a refusal or an error the conversation's state is unknown: start afresh.
                close();
                throw e;
            } finally {
                if (stopped) {
                    close();
                }
                connections.add(this);
            }
        }

        private Transport open() throws MessagingException {
            Transport opened = session.getTransport(settings.tls() ? "smtps" : "smtp");
            opened.connect(settings.host(), port(settings), settings.username().orElse(null),
                    settings.password().orElse(null));
            return opened;
        }

        void close() {
            Transport closing = transport;
            transport = null;
            if (closing != null) {
                try {
                    closing.close();
                } catch (MessagingException alreadyGone) {
                    // Nothing to close any more.
                }
            }
        }
    }

    /**
     * Refuses to start with the SMTP settings of the Quarkus mailer Meldpunt used before: they are
     * no longer read, and e-mails would silently go to {@code localhost} instead.
     */
    void refuseOldSettings(@Observes StartupEvent started) {
        refuseOldSettings(ConfigProvider.getConfig().getPropertyNames());
    }

    static void refuseOldSettings(Iterable<String> names) {
        for (String name : names) {
            if (name.startsWith("quarkus.mailer.") || name.startsWith("QUARKUS_MAILER_")) {
                throw new IllegalStateException(name + " is no longer read: Meldpunt's SMTP server is set with"
                        + " meldpunt.smtp.* (MELDPUNT_SMTP_HOST, _PORT, _USERNAME, _PASSWORD, _START_TLS, _TLS,"
                        + " _CONNECTIONS; docs/operations.md)");
            }
        }
    }

    /**
     * Closes the connections; an e-mail still waiting for one fails at once, and one on its way
     * ends as the server answers or the time runs out. Either is retried if it was not accepted.
     */
    @PreDestroy
    void close() {
        stopped = true;
        for (Runnable waiting : threads.shutdownNow()) {
            ((Sending) waiting).fail(new MessagingException("Meldpunt is stopping"));
        }
        for (Connection connection : connections) {
            connection.close();
        }
    }

    /**
     * The e-mail as it is sent: {@code multipart/alternative} with the text and the HTML, each
     * quoted-printable in UTF-8.
     */
    MimeMessage message(Outgoing mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }
        };
        message.setFrom(from);
        if (mail.replyTo() != null) {
            message.setReplyTo(new Address[] {new InternetAddress(mail.replyTo(), true)});
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        // A line break in it is folded away (SmtpSenderTest): no header can be smuggled in.
        message.setSubject(mail.subject(), "UTF-8");
        message.setSentDate(new Date());
        // A machine sent it (RFC 3834): auto-responders do not answer, so no mail loop with
        // Meldpunt's own mailbox (docs/design.md, "E-mail in").
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setContent(new MimeMultipart("alternative", part(mail.text(), "plain"), part(mail.html(), "html")));
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        // Named, so that Jakarta Mail does not read the whole part once more to choose one.
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    static int port(MeldpuntConfig.Smtp settings) {
        return settings.port().orElse(settings.tls() ? 465 : 25);
    }

    /** The STARTTLS Meldpunt uses: the one set, else REQUIRED when it signs in without implicit TLS. */
    static StartTls startTls(MeldpuntConfig.Smtp settings) {
        return settings.startTls().orElse(settings.username().isPresent() && !settings.tls()
                ? StartTls.REQUIRED : StartTls.OPTIONAL);
    }

    /** Jakarta Mail's settings for both protocols ({@code smtp}, {@code smtps}); {@code timeout} bounds every wait. */
    static Properties properties(MeldpuntConfig.Smtp settings, Duration timeout) {
        Properties properties = new Properties();
        StartTls startTls = startTls(settings);
        for (String protocol : new String[] {"smtp", "smtps"}) {
            String prefix = "mail." + protocol + ".";
            properties.put(prefix + "auth", Boolean.toString(settings.username().isPresent()));
            properties.put(prefix + "starttls.enable", Boolean.toString(startTls != StartTls.DISABLED));
            properties.put(prefix + "starttls.required", Boolean.toString(startTls == StartTls.REQUIRED));
            properties.put(prefix + "ssl.checkserveridentity", "true");
            properties.put(prefix + "quitwait", "false");
            for (String wait : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
                properties.put(prefix + wait, Long.toString(timeout.toMillis()));
            }
            // TCP_NODELAY: an e-mail's closing line would otherwise wait for the server's delayed
            // acknowledgement of the e-mail (NoDelaySockets).
            properties.put(prefix + "socketFactory", NoDelaySockets.PLAIN);
            // A socket these cannot make is an error, not a reason to try again without them.
            properties.put(prefix + "socketFactory.fallback", "false");
            properties.put(prefix + "ssl.socketFactory", NoDelaySockets.TLS);
        }
        return properties;
    }
}
