package nl.sglzorg.meldpunt.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.evidence.EvidenceRefusedException;
import nl.sglzorg.meldpunt.evidence.EvidenceService;

/**
 * Reads the mailbox over IMAP every {@code meldpunt.inbox.poll-interval} and files each unread e-mail
 * ({@link InboxService}). An e-mail is flagged {@code \Seen} only after what it filed committed; reading
 * it never flags it (IMAP "peek"). An outage of the mailbox or the database leaves the e-mail unread, to
 * be filed at a later poll; one found again after a crash between the commit and the flag is known by
 * its key and only flagged. Once the mailbox has filed as many new signals as it may this hour
 * ({@code meldpunt.limits.mailbox-signals-per-hour}), the poll stops and the rest wait unread for a poll
 * with room. Off while {@code meldpunt.inbox.host} is unset.
 */
@ApplicationScoped
public class InboxPoller {

    /** An image the e-mail's text shows, this many pixels each way or fewer, is an icon: a signature's. */
    static final int ICON_MAX = 100;

    /** Skips every run while no mailbox is set: no connection, no log line. */
    @Singleton
    public static class Off implements Scheduled.SkipPredicate {

        @Inject
        MeldpuntConfig config;

        @Override
        public boolean test(ScheduledExecution execution) {
            return config.inbox().host().filter(h -> !h.isBlank()).isEmpty();
        }
    }

    @Inject
    MeldpuntConfig config;

    @Inject
    InboxService inbox;

    @Inject
    EvidenceService evidence;

    @Inject
    MeterRegistry registry;

    /** Whether the last read failed: an outage is logged when it starts and when it ends, not every poll. */
    private volatile boolean failing;

    @Scheduled(every = "${meldpunt.inbox.poll-interval}", delayed = "${meldpunt.inbox.poll-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Off.class)
    void poll() {
        try {
            readMailbox();
            if (failing) {
                Log.info("The mailbox is read again");
                failing = false;
            }
        } catch (MessagingException | RuntimeException e) {
            registry.counter("meldpunt.inbox.failures").increment();
            // The server's answer names no sender; the e-mails wait in the mailbox.
            if (!failing) {
                Log.warnf("The mailbox could not be read; its e-mails wait for the next poll: %s", e.toString());
                failing = true;
            } else {
                Log.debugf("The mailbox could still not be read: %s", e.toString());
            }
        }
    }

    /** Files every unread e-mail of the folder; returns how many were handled. */
    int readMailbox() throws MessagingException {
        MeldpuntConfig.Inbox settings = config.inbox();
        String protocol = settings.tls() ? "imaps" : "imap";
        Session session = Session.getInstance(properties(settings, protocol));
        int handled = 0;
        try (Store store = session.getStore(protocol)) {
            store.connect(settings.host().orElseThrow(), settings.port().orElse(settings.tls() ? 993 : 143),
                    settings.username().orElse(null), settings.password().orElse(null));
            try (Folder folder = store.getFolder(settings.folder())) {
                folder.open(Folder.READ_WRITE);
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (Message message : unread) {
                    Handling handling = handle((MimeMessage) message);
                    if (handling == Handling.DONE) {
                        message.setFlag(Flags.Flag.SEEN, true);
                        handled++;
                    } else if (handling == Handling.MAILBOX_FULL) {
                        Log.info("The mailbox has filed all it may this hour; the e-mails left wait for a later poll");
                        break;
                    }
                }
            }
        }
        return handled;
    }

    /** What became of one e-mail at this poll. */
    private enum Handling {
        /** Handled: flag it. */
        DONE,
        /** It could not be read or filed now: leave it unread, go on with the next. */
        LATER,
        /** The mailbox may file no more this hour: leave it and every one after it unread. */
        MAILBOX_FULL
    }

    /** Files one e-mail, or says why it waits. */
    private Handling handle(MimeMessage message) {
        String key = null;
        try (IncomingMail mail = MailReader.read(message, config.evidence().maxBytes().asLongValue(), ownAddress())) {
            key = mail.key();
            if (mail.automatic().isPresent()) {
                count(mail.automatic().get().name());
                return Handling.DONE;
            }
            if (inbox.isKnown(key)) {
                count("ALREADY_FILED");
                return Handling.DONE;
            }
            inbox.requireMailboxRoom();
            List<String> refusals = new ArrayList<>();
            // An e-mail its sender's limit will refuse (LIMITED) costs no decoding of its images.
            List<EvidenceService.Prepared> images = inbox.overSendersLimit(mail) ? List.of() : prepare(mail, refusals);
            try {
                count(inbox.file(mail, images, refusals).name());
            } finally {
                images.forEach(EvidenceService.Prepared::close);
            }
            return Handling.DONE;
        } catch (TooManyRequestsException e) {
            // Nothing was written: it waits unread, as do those after it.
            count("WAITING");
            return Handling.MAILBOX_FULL;
        } catch (InvalidInputException e) {
            // Filing it again would be refused again: it stays in the mailbox for a person to read.
            count("REFUSED");
            Log.warnf("An e-mail was not filed (%s): %s", shortKey(key), e.getMessage());
            return Handling.DONE;
        } catch (IOException | MessagingException | RuntimeException e) {
            // This e-mail only: one that cannot be read or filed now never holds up those after it.
            if (key != null && knownAfterFailure(key)) {
                // Another instance filed it first and this one's transaction rolled back.
                count("ALREADY_FILED");
                return Handling.DONE;
            }
            registry.counter("meldpunt.inbox.failures").increment();
            // By type only: a parser's message can quote an address from the e-mail.
            Log.warnf("An e-mail (%s) waits for the next poll: %s", shortKey(key), e.getClass().getName());
            return Handling.LATER;
        }
    }

    /**
     * The images checked and re-encoded; what is not kept is said in {@code refusals}. An icon the e-mail's
     * text shows (a signature's, at most {@link #ICON_MAX} pixels each way) is no screenshot: not kept,
     * and counted in one line.
     */
    private List<EvidenceService.Prepared> prepare(IncomingMail mail, List<String> refusals) {
        List<EvidenceService.Prepared> images = new ArrayList<>();
        int icons = 0;
        try {
            for (IncomingMail.Attachment attachment : mail.attachments()) {
                if (attachment.unreadable()) {
                    refusals.add(attachment.name() + ": niet te lezen, de bijlage is beschadigd verstuurd");
                    continue;
                }
                if (attachment.tooLarge()) {
                    refusals.add(attachment.name() + ": groter dan " + config.evidence().maxBytes().asLongValue()
                            / (1024 * 1024) + " MB");
                    continue;
                }
                try {
                    EvidenceService.Prepared image = evidence.prepare(attachment.file());
                    if (attachment.inline() && image.image().width() <= ICON_MAX && image.image().height() <= ICON_MAX) {
                        image.close();
                        icons++;
                    } else {
                        images.add(image);
                    }
                } catch (EvidenceRefusedException e) {
                    refusals.add(attachment.name() + ": " + e.getMessage());
                }
            }
            if (icons > 0) {
                refusals.add(icons == 1 ? "1 pictogram in de tekst (zoals in een handtekening): niet bewaard"
                        : icons + " pictogrammen in de tekst (zoals in een handtekening): niet bewaard");
            }
            if (mail.attachmentsNotRead() > 0) {
                refusals.add(mail.attachmentsNotRead() + (mail.attachmentsNotRead() == 1 ? " bijlage" : " bijlagen")
                        + ": niet gelezen (meer dan " + MailReader.MAX_ATTACHMENTS + ", of te diep in de e-mail verpakt)");
            }
            return images;
        } catch (RuntimeException e) {
            images.forEach(EvidenceService.Prepared::close);
            throw e;
        }
    }

    private boolean knownAfterFailure(String key) {
        try {
            return inbox.isKnown(key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void count(String outcome) {
        registry.counter("meldpunt.inbox.mails", "outcome", outcome).increment();
    }

    /** The address of Meldpunt's own e-mails, which are never filed. */
    private String ownAddress() {
        try {
            return new InternetAddress(config.mail().from()).getAddress();
        } catch (AddressException e) {
            return config.mail().from();
        }
    }

    private static String shortKey(String key) {
        return key == null ? "unread" : "key " + key.substring(0, 12);
    }

    private static Properties properties(MeldpuntConfig.Inbox settings, String protocol) {
        String timeout = Long.toString(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        // Reading an e-mail must not flag it \Seen: only a committed filing does.
        properties.put("mail." + protocol + ".peek", "true");
        if (settings.tls()) {
            properties.put("mail.imaps.ssl.checkserveridentity", "true");
        }
        return properties;
    }
}
