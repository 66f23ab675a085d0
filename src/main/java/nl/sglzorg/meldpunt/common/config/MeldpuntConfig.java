package nl.sglzorg.meldpunt.common.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Application settings; each can be set as a {@code MELDPUNT_*} environment variable. */
@ConfigMapping(prefix = "meldpunt")
public interface MeldpuntConfig {

    /**
     * Password for the first user, {@code communicatie}, created when no user exists. Without it a
     * random password is generated and logged once.
     */
    Optional<String> adminPassword();

    /** Time zone of SGL: the year in a reference and office hours follow it. */
    @WithDefault("Europe/Amsterdam")
    ZoneId timeZone();

    /** Where Meldpunt is reached; links in e-mails start with it. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /**
     * The mail domains a client's begeleider may have an address in (and their subdomains):
     * begeleiders work for SGL, and any other address would let anyone have Meldpunt e-mail it, with
     * a text of their choosing as the client's name.
     */
    @WithDefault("sgl-zorg.nl")
    List<String> careWorkerDomains();

    Mail mail();

    Smtp smtp();

    Inbox inbox();
    Webhook webhook();

    Sla sla();

    Limits limits();

    Retention retention();

    Evidence evidence();

    Stats stats();

    /**
     * Who may sign in with a Meldpunt password: {@code everyone}, or only {@code communicatie} (the
     * break-glass account) once staff sign in with the organisation's account.
     */
    @WithDefault("everyone")
    LocalPasswords localPasswords();

    /** Whose local password Meldpunt accepts. */
    enum LocalPasswords {
        EVERYONE, COMMUNICATIE
    }

    Oidc oidc();

    /**
     * Who a person signed in with the organisation's account (OpenID Connect) is in Meldpunt; the
     * provider itself is set with {@code quarkus.oidc.*}. docs/operations.md, "Sign-in with SGL's account".
     */
    interface Oidc {

        /** The claims that may hold the person's e-mail address, in order: the first that holds one counts. */
        @WithDefault("email,upn,preferred_username")
        List<String> emailClaims();

        /** The claim that lists the person's groups at the provider. */
        @WithDefault("groups")
        String groupsClaim();

        /**
         * Provider groups that make or update the person's account at sign-in, each
         * {@code group=role} with {@code :FUNCTION} for a functionaris and {@code :UNIT} for a
         * leidinggevende (without it, the unit comes from {@link #unitClaim()}).
         */
        Optional<List<String>> groups();

        /** The claim that holds a leidinggevende's unit code when their group does not name one. */
        Optional<String> unitClaim();
    }

    Desk desk();

    /** The staff desk ({@code /beheer}): how long a sign-in lasts, and the key of the acknowledge links (SECURITY.md). */
    interface Desk {

        /**
         * A session nobody used for this long is over: a screen left open in a shared office does not
         * stay signed in past a coffee break and a meeting. Counted to the minute.
         */
        @WithDefault("30M")
        Duration sessionIdleTimeout();

        /**
         * A session ends this long after sign-in however busy it is: one working day with some overtime,
         * so nobody is sent to the sign-in page in the middle of a shift, and every day starts with the
         * password again (a stolen cookie is good for one day at most).
         */
        @WithDefault("10H")
        Duration sessionLifetime();

        /**
         * The key that signs the one-click acknowledge links in escalation e-mails: at least 32 bytes,
         * the same on every instance. Without it, a key is generated once and kept in the database.
         */
        Optional<String> linkKey();
    }

    /** Screenshots a reporter attaches to a signal; see README § Evidence. */
    interface Evidence {

        /** The largest image file accepted, in bytes ({@code 10M} style sizes too). */
        @WithDefault("10M")
        MemorySize maxBytes();

        /** How many images one signal may hold. */
        @WithDefault("5")
        int maxPerSignal();

        /**
         * The most pixels (width × height, read from the image's header) an image may have before it
         * is decoded: a small file can unpack into gigabytes (a decompression bomb).
         */
        @WithDefault("20000000")
        long maxPixels();

        /**
         * The most bytes an image may take once decoded (width × height × the bytes of a decoded
         * pixel: 3 for a colour JPEG, 4 for an RGBA PNG, 8 for a 16-bit RGBA PNG), checked from the
         * header before it is decoded. 80 MB, which the production heap (deploy/jvm.options) holds
         * once: 20 megapixels of JPEG or 8-bit PNG, fewer of a 16-bit PNG.
         */
        @WithDefault("80M")
        MemorySize maxDecodedBytes();

        /** How long decoding one image may take before it is stopped and the image refused ({@code 415}). */
        @WithDefault("5S")
        Duration decodeTime();

        /**
         * How long an upload waits for its turn to be decoded (one at a time per instance) before it
         * is answered {@code 503} with {@code Retry-After}.
         */
        @WithDefault("15S")
        Duration decodeWait();

        /**
         * Upload requests (any POST to a path in {@code PayloadLimit.UPLOADS}) handled at once per
         * instance, counted before their body is read: the next is answered {@code 503} with
         * {@code Retry-After} at once, so at most this many bodies sit in the temporary directory.
         */
        @WithDefault("4")
        int concurrentUploads();
    }

    /** Abuse limits on the public endpoints, per client address; see SECURITY.md. */
    interface Limits {

        @WithDefault("10")
        long signalsPerHour();

        @WithDefault("30")
        long signalsPerDay();

        /**
         * Signals one staff member may file for reporters (phone, in person) per hour: no limit per
         * client address, since staff share the office's, but a stolen session cannot flood the queue.
         */
        @WithDefault("60")
        long staffSignalsPerHour();

        @WithDefault("20")
        long messagesPerHour();

        /**
         * New signals the mailbox files per hour, whoever their senders say they are. The limits per
         * sender key on the From, which anyone can write: a flood with a new From in each e-mail would
         * file a ticket, e-mail communicatie and acknowledge to a forged address for every one. Past
         * this the e-mails stay unread in the mailbox and are filed at a later poll with room: slowed,
         * never lost ({@code InboxPoller}).
         */
        @WithDefault("120")
        long mailboxSignalsPerHour();

        /** Tracking look-ups per minute; a wrong token costs {@link #wrongTokenCost()} of them. */
        @WithDefault("30")
        long trackingPerMinute();

        @WithDefault("5")
        long wrongTokenCost();

        /** Routing previews per minute ({@code POST /api/routing/preview}). */
        @WithDefault("20")
        long previewsPerMinute();

        /**
         * Failed sign-ins for one user name from one client address before that pair is locked for
         * {@link #signInLock()}. A user name is not locked as such, so nobody can lock out its owner;
         * its failures from anywhere only slow its sign-ins down ({@link #signInSlowDown()}).
         */
        @WithDefault("5")
        int signInFailuresPerUser();

        /** Failed sign-ins per client address before it is locked. */
        @WithDefault("20")
        int signInFailuresPerClient();

        @WithDefault("15M")
        Duration signInLock();

        /** After a failed sign-in, each further attempt waits this much longer (at most four times). */
        @WithDefault("500ms")
        Duration signInSlowDown();

        /**
         * Password checks (bcrypt, about 100 ms of CPU each) that may run at once in one instance;
         * a sign-in past it is answered {@code 429} at once instead of waiting in a queue.
         */
        @WithDefault("4")
        int signInConcurrentChecks();

        /** Addresses never limited (a monitoring host); empty by default. */
        Optional<List<String>> exemptAddresses();
    }

    /** The figures per day the statistics are summed from (docs/design.md, "Figures per day"). */
    interface Stats {

        /** How often the day rows are brought up to date (a scheduler interval). */
        @WithDefault("1m")
        String refreshInterval();

        /** How long after start-up the first refresh runs. */
        @WithDefault("20s")
        String refreshDelay();
    }

    /** How long reporter data is kept once a ticket is concluded (AVG/GDPR). */
    interface Retention {

        /** Days after CLOSED, REJECTED or MERGED before the reporter's name and address are erased. */
        @WithDefault("90")
        int reporterDays();

        /**
         * Days a ticket may stay RESOLVED before Meldpunt closes it by itself: only a concluded ticket
         * starts the retention period, and a resolved one nobody closes would keep its reporter forever.
         */
        @WithDefault("14")
        int autoCloseAfterDays();

        /**
         * Days a ticket nobody concluded may go without any change before its reporter's data is erased all
         * the same: one nobody picked up (a positive post), or one waiting for an answer that never came,
         * would otherwise keep its reporter forever.
         */
        @WithDefault("365")
        int idleOpenDays();

        /** How often retention (and closing what was left resolved) runs (a scheduler interval). */
        @WithDefault("1h")
        String runInterval();

        /** How long after start-up it first runs. */
        @WithDefault("1m")
        String runDelay();
    }

    /** Office hours and response times; see README § Escalation. */
    interface Sla {

        /** Start of the working day, local time. */
        @WithDefault("08:30")
        LocalTime workdayStart();

        /** End of the working day, local time. */
        @WithDefault("17:00")
        LocalTime workdayEnd();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> workdays();

        /** The share of a deadline after which the handling function is warned. */
        @WithDefault("0.8")
        double warningAt();

        /** How often the deadlines are checked (a scheduler interval). */
        @WithDefault("1m")
        String watchInterval();

        @WithDefault("30s")
        String watchDelay();

        /** Response times per priority; the defaults are in application.properties. */
        Level urgent();

        Level high();

        Level normal();

        Level low();

        /** Response times of one priority. */
        interface Level {

            /** Time until the first response: working time, or wall time when around the clock. */
            Duration firstResponse();

            /** Time until the ticket is resolved. */
            Duration resolution();

            /** Whether the clock runs around the clock instead of on office hours. */
            @WithDefault("false")
            boolean aroundTheClock();

            /** How long a manager has to acknowledge an escalation before it goes a level up. */
            Duration acknowledgeWithin();
        }
    }

    /**
     * The SMTP server every e-mail goes out through (docs/operations.md, "E-mail"), over a few
     * connections kept open between e-mails.
     */
    interface Smtp {

        @WithDefault("localhost")
        String host();

        /** The SMTP port; without it 465 with implicit TLS, 25 without. */
        Optional<Integer> port();

        /** The SMTP account, when the server wants Meldpunt to sign in. */
        Optional<String> username();

        Optional<String> password();

        /**
         * STARTTLS before anything else is said; without it {@code REQUIRED} when Meldpunt signs in
         * ({@link #username()} set) without {@link #tls()}, else {@code OPTIONAL}: a password never
         * crosses the network unencrypted unless an operator says so.
         */
        Optional<StartTls> startTls();

        /** TLS from the first byte (SMTPS, port 465), the server's certificate checked. */
        @WithDefault("false")
        boolean tls();

        /** How many connections a claimed batch of e-mails goes out over side by side. */
        @WithDefault("10")
        int connections();

        enum StartTls {
            /** Never: plain text, for a server on this host or a test. */
            DISABLED,
            /** When the server offers it. */
            OPTIONAL,
            /** Always; a server that does not offer it gets no e-mail. */
            REQUIRED
        }
    }

    /**
     * The mailbox Meldpunt reads over IMAP: each new e-mail becomes a signal (docs/operations.md,
     * "E-mail in"). Off while {@link #host()} is unset.
     */
    interface Inbox {

        /** The IMAP server; without it Meldpunt reads no mailbox and makes no connection. */
        Optional<String> host();

        /** The IMAP port; without it 993 with TLS, 143 without. */
        Optional<Integer> port();

        /** The mailbox's user name (often its address). */
        Optional<String> username();

        Optional<String> password();

        /** IMAP over TLS (IMAPS) with the server's certificate checked; {@code false} only for a test server. */
        @WithDefault("true")
        boolean tls();

        /** The folder read. */
        @WithDefault("INBOX")
        String folder();

        /** How often the mailbox is read (a scheduler interval such as {@code 60s}). */
        @WithDefault("60s")
        String pollInterval();

        /** How long after start-up the mailbox is first read. */
        @WithDefault("10s")
        String pollDelay();

        /** How long connecting to, and each answer of, the IMAP server may take. */
        @WithDefault("30S")
        Duration timeout();
    }

    /** E-mail: addresses, and how the outbox is drained. */
    interface Mail {

        /** The communications mailbox, which hears of every signal. */
        @WithDefault("nieuws@sgl-zorg.nl")
        String communicationsAddress();

        /** The sender of every e-mail. */
        @WithDefault("Meldpunt SGL <meldpunt@sgl-zorg.nl>")
        String from();

        /** How often the dispatcher looks for e-mails to send (a scheduler interval such as {@code 5s}). */
        @WithDefault("5s")
        String pollInterval();

        /** How long after start-up the dispatcher first looks. */
        @WithDefault("2s")
        String pollDelay();

        /** How many e-mails one dispatcher claims at a time. */
        @WithDefault("50")
        int batchSize();

        /** After this many failed attempts an e-mail is parked as FAILED for a person to see. */
        @WithDefault("8")
        int maxAttempts();

        /** The wait after the first failure; it doubles with every further failure. */
        @WithDefault("30S")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("1H")
        Duration maxBackoff();

        /** How long a claimed e-mail is reserved for the dispatcher that claimed it. */
        @WithDefault("2M")
        Duration claimLease();

        /**
         * How long one e-mail may take to reach the SMTP server's "OK"; after that the attempt counts
         * as failed and is retried. Keep it well below {@link #claimLease()}: an e-mail is recorded as
         * sent at its "OK", but its history and the batch's failures only when the slowest is done.
         */
        @WithDefault("30S")
        Duration sendTimeout();
    }
    /** Webhooks: where deliveries may go, and how their outbox is drained (docs/operations.md, "Webhooks"). */
    interface Webhook {

        /**
         * Whether a webhook may point at a private, loopback, link-local or unique-local address (an
         * internal network, a test); such an address may then also be reached over plain {@code http}.
         * A public address always needs {@code https}.
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How often the dispatcher looks for deliveries to send (a scheduler interval such as {@code 5s}). */
        @WithDefault("5s")
        String pollInterval();

        /** How long after start-up the dispatcher first looks. */
        @WithDefault("3s")
        String pollDelay();

        /** How many deliveries one dispatcher claims at a time; they are sent side by side. */
        @WithDefault("20")
        int batchSize();

        /** After this many failed attempts a delivery is parked as FAILED for communicatie to retry. */
        @WithDefault("8")
        int maxAttempts();

        /** The wait after the first failure; it doubles with every further failure. */
        @WithDefault("30S")
        Duration initialBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("1H")
        Duration maxBackoff();

        /** How long a claimed delivery is reserved for the dispatcher that claimed it. */
        @WithDefault("2M")
        Duration claimLease();

        /** How long connecting to a receiver may take. */
        @WithDefault("5S")
        Duration connectTimeout();

        /**
         * How long a receiver may take to answer once connected; after that the attempt counts as
         * failed and is retried. Keep connect and read timeout together well below {@link #claimLease()}.
         */
        @WithDefault("10S")
        Duration readTimeout();
    }
}
