package nl.sglzorg.meldpunt.inbox;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.evidence.EvidenceService;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.intake.MessageRequest;
import nl.sglzorg.meldpunt.intake.SignalReceipt;
import nl.sglzorg.meldpunt.intake.SignalRequest;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TrackingTokens;

/**
 * Files one e-mail: a reply from a signal's reporter becomes a message on it, anything else a new
 * signal with channel {@code EMAIL}. The e-mail is remembered ({@link InboxMessage}) in the same
 * transaction as what it filed; its images were checked and re-encoded before.
 */
@ApplicationScoped
public class InboxService {

    /** A tracking code's shape: 43 characters of URL-safe Base64 (TrackingTokens), alone. */
    private static final Pattern TOKEN_LIKE =
            Pattern.compile("(?<![A-Za-z0-9_-])" + TrackingTokens.SHAPE + "(?![A-Za-z0-9_-])");
    private static final int REFERENCES_CHECKED = 5;
    static final String CODE_LEFT_OUT = "[volgcode weggelaten]";

    /** A reference in a subject ("Re: Je melding SGL-2026-000042 is ontvangen"). */
    private static final Pattern REFERENCE = Pattern.compile("SGL-\\d{4}-\\d{6,12}");
    /** What an e-mail's reporter may be named at most (the signal's limit). */
    private static final int NAME_MAX = 200;

    @Inject
    IntakeService intake;

    @Inject
    EvidenceService evidence;

    @Inject
    RateLimiter limiter;

    @Inject
    Clock clock;

    /** The one client of {@link RateLimiter.Limit#MAILBOX}: every sender's e-mail counts against it. */
    private static final String MAILBOX = "mailbox";

    /** Whether this e-mail was handled before (by this instance or another). */
    @Transactional
    public boolean isKnown(String key) {
        return InboxMessage.isKnown(key);
    }

    /**
     * Throws {@link TooManyRequestsException} while the mailbox has filed as many new signals as it may
     * this hour, and takes nothing: asked before an e-mail's images are decoded, so an e-mail that will
     * wait costs no decoding now.
     */
    void requireMailboxRoom() {
        limiter.requireAvailable(RateLimiter.Limit.MAILBOX, MAILBOX, 1);
    }

    /**
     * Whether {@link #file} would find {@code mail} over its sender's limit (and file nothing: LIMITED),
     * asked before its images are decoded; takes nothing. An answer naming a reference is held to the
     * messages' limit, anything else to the filings'.
     */
    boolean overSendersLimit(IncomingMail mail) {
        RateLimiter.Limit limit = replyTo(mail).isPresent() ? RateLimiter.Limit.MESSAGE : RateLimiter.Limit.FILING;
        try {
            limiter.requireAvailable(limit, senderKey(mail), 1);
            return false;
        } catch (TooManyRequestsException e) {
            return true;
        }
    }

    /**
     * Files {@code mail} with its checked {@code images}; {@code refusals} say which attachments were
     * not kept and why, for the ticket's history. The e-mail's row is written first: a second instance
     * filing the same e-mail waits for it, and fails on its key when this one commits.
     *
     * @throws TooManyRequestsException when it would be a new signal and the mailbox has filed as many
     *         as it may this hour ({@link #requireMailboxRoom}); nothing is written, and the e-mail
     *         waits in the mailbox
     */
    @Transactional
    InboxMessage.Outcome file(IncomingMail mail, List<EvidenceService.Prepared> images, List<String> refusals) {
        Instant now = Instant.now(clock);
        InboxMessage handled = InboxMessage.of(mail.key(), InboxMessage.Outcome.FILED, now);
        handled.persist();
        Panache.getEntityManager().flush();

        Optional<String> reference = replyTo(mail);
        if (reference.isPresent()) {
            if (!withinLimit(RateLimiter.Limit.MESSAGE, mail)) {
                handled.outcome = InboxMessage.Outcome.LIMITED;
                return handled.outcome;
            }
            // The reference is in the subject, the quote that held it is cut: its code is looked for too.
            String text = withoutTrackingCodes(MailText.cut(MailText.withoutQuote(mail.text()), IntakeService.MESSAGE_MAX),
                    reference.get());
            if (intake.addMessageByEmail(reference.get(), mail.senderAddress(),
                    new MessageRequest(text.isBlank() ? MailText.NO_TEXT : text)).isPresent()) {
                handled.outcome = InboxMessage.Outcome.REPLY;
                handled.ticketId = attach(reference.get(), images, refusals, now);
                return handled.outcome;
            }
        }
        if (!withinLimit(RateLimiter.Limit.FILING, mail)) {
            handled.outcome = InboxMessage.Outcome.LIMITED;
            return handled.outcome;
        }
        limiter.consume(RateLimiter.Limit.MAILBOX, MAILBOX, 1);
        SignalReceipt receipt = intake.file(signalOf(mail), Channel.EMAIL);
        handled.ticketId = attach(receipt.reference(), images, refusals, now);
        return handled.outcome;
    }

    /**
     * The text with the tracking codes of the tickets it names left out. An answer to the
     * acknowledgement that carried one (a signal taken by phone) quotes both its reference and its code;
     * filed as a new signal (sent from another address, or after the ticket was closed) it would reach
     * communicatie's mailbox and the desk, and the code would open the reporter's ticket for whoever read
     * it. The tickets are found by the references in the text (at most {@link #REFERENCES_CHECKED}, each
     * one look-up of the reference's index); a string is left out only when it is one of their codes.
     */
    private static String withoutTrackingCodes(String text) {
        return withoutTrackingCodes(text, null);
    }

    /**
     * {@link #withoutTrackingCodes(String)}, with the code of {@code answered} (the ticket a reply is
     * about, named in its subject) left out too: a reporter writing "my code ... does not work" in a reply
     * had it kept in their message, shown to staff (until session 33).
     */
    private static String withoutTrackingCodes(String text, String answered) {
        Set<String> hashes = new HashSet<>();
        if (answered != null) {
            Ticket.findByReference(answered).ifPresent(ticket -> hashes.add(ticket.trackingTokenHash));
        }
        Matcher reference = REFERENCE.matcher(text);
        for (int i = 0; i < REFERENCES_CHECKED && reference.find(); i++) {
            Ticket.findByReference(reference.group()).ifPresent(ticket -> hashes.add(ticket.trackingTokenHash));
        }
        if (hashes.isEmpty()) {
            return text;
        }
        Matcher candidate = TOKEN_LIKE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (candidate.find()) {
            boolean code = hashes.contains(TrackingTokens.hash(candidate.group()));
            candidate.appendReplacement(out, Matcher.quoteReplacement(code ? CODE_LEFT_OUT : candidate.group()));
        }
        candidate.appendTail(out);
        return out.toString();
    }

    /** The signal an e-mail makes; see docs/design.md, "E-mail in", for why the category is MENTION. */
    static SignalRequest signalOf(IncomingMail mail) {
        Optional<PostLinks.Post> post = PostLinks.first(mail.subject() + "\n" + mail.text());
        String name = mail.senderName() == null || mail.senderName().isBlank() ? null
                : MailText.cut(mail.senderName(), NAME_MAX);
        SignalRequest.Reporter reporter = mail.senderAddress() == null ? null
                : new SignalRequest.Reporter(name, mail.senderAddress(), null, null);
        return new SignalRequest(Category.MENTION, post.map(PostLinks.Post::platform).orElse(Platform.OTHER), null,
                post.map(PostLinks.Post::url).orElse(null),
                withoutTrackingCodes(MailText.description(mail.subject(), mail.text())), null,
                null, null, reporter, reporter != null, null);
    }

    /** The reference an answer names in its subject, when it comes from someone who can have one. */
    private static Optional<String> replyTo(IncomingMail mail) {
        Matcher reference = REFERENCE.matcher(mail.subject());
        return mail.senderAddress() != null && reference.find() ? Optional.of(reference.group()) : Optional.empty();
    }

    /** Stores the images on the ticket and notes the attachments that were not kept; returns its id. */
    private long attach(String reference, List<EvidenceService.Prepared> images, List<String> refusals,
            Instant now) {
        Ticket ticket = Ticket.findByReference(reference).orElseThrow();
        StringBuilder notKept = new StringBuilder();
        refusals.forEach(r -> notKept.append("\n- ").append(r));
        int position = 0;
        for (EvidenceService.Prepared image : images) {
            position++;
            if (evidence.holds(ticket, image.image().originalSha256())) {
                // The same image again, as the logo in the signature of each e-mail of a conversation: it is
                // there once, and it does not take the place of the screenshots the ticket may still hold.
                continue;
            }
            if (evidence.attachPrepared(ticket, image).isEmpty()) {
                notKept.append("\n- afbeelding ").append(position).append(": deze melding heeft al het hoogste aantal afbeeldingen");
            }
        }
        if (!notKept.isEmpty()) {
            TicketEvent.attachmentsNotKept(ticket, now, notKept.toString());
        }
        return ticket.id;
    }

    /** The abuse limits, per sender address as they are per client address on the pages. */
    private boolean withinLimit(RateLimiter.Limit limit, IncomingMail mail) {
        try {
            limiter.consume(limit, senderKey(mail), 1);
            return true;
        } catch (TooManyRequestsException e) {
            return false;
        }
    }

    /** The key of the sender's limits: a hash of the address, so the limits' store holds no address. */
    private static String senderKey(IncomingMail mail) {
        String sender = mail.senderAddress() == null ? "" : mail.senderAddress().toLowerCase(Locale.ROOT);
        return "mail:" + MailReader.sha256(sender);
    }
}
