package nl.sglzorg.meldpunt.inbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import nl.sglzorg.meldpunt.notification.OutboxDispatcher;

/**
 * Tells an e-mail a machine sent from one a person wrote: auto-replies, bounces, mailing-list traffic
 * and Meldpunt's own e-mails are never filed and never answered, so two robots cannot keep each other
 * busy (RFC 3834). Neither is a staff member's answer to an e-mail Meldpunt sent them, which belongs with
 * communicatie. Plain Java: the headers are given.
 */
final class AutomaticMail {

    /** Why an e-mail is not filed; the metric's tag. */
    enum Reason {
        AUTO_SUBMITTED, BULK, MAILING_LIST, BOUNCE, OWN_MAIL,
        /** A person's answer to an e-mail Meldpunt sent staff: staff answer communicatie, not a new signal. */
        STAFF_ANSWER
    }

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list");
    private static final Set<String> DAEMONS = Set.of("mailer-daemon", "postmaster");

    private AutomaticMail() {
    }

    /**
     * @param header the values of a header by its name, or {@code null} when it is absent
     * @param sender the sender's address, or {@code null}
     * @param ownAddress the address Meldpunt's own e-mails come from
     */
    static Optional<Reason> reason(Function<String, String[]> header, String sender, String ownAddress) {
        String autoSubmitted = first(header, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.equals("no")) {
            return Optional.of(Reason.AUTO_SUBMITTED);
        }
        if (first(header, "X-Autoreply") != null || first(header, "X-Autorespond") != null) {
            return Optional.of(Reason.AUTO_SUBMITTED);
        }
        String precedence = first(header, "Precedence");
        if (precedence != null && BULK_PRECEDENCE.contains(precedence)) {
            return Optional.of(Reason.BULK);
        }
        if (first(header, "List-Id") != null) {
            return Optional.of(Reason.MAILING_LIST);
        }
        String returnPath = first(header, "Return-Path");
        String contentType = first(header, "Content-Type");
        if ((returnPath != null && returnPath.replace(" ", "").equals("<>"))
                || (contentType != null && contentType.startsWith("multipart/report"))
                || (sender != null && DAEMONS.contains(localPart(sender)))) {
            return Optional.of(Reason.BOUNCE);
        }
        if (sender != null && ownAddress != null && sender.equalsIgnoreCase(ownAddress)) {
            return Optional.of(Reason.OWN_MAIL);
        }
        // Those e-mails say Reply-To communicatie; an answer that reaches Meldpunt's mailbox anyway (a mail
        // program that ignores it, a mailbox that copies communicatie's) quoted the ticket, escalation links
        // and all, into a new signal with the staff member as its reporter. An answer to an e-mail sent
        // before session 38 has no .staff to know it by, and is still filed.
        if (answersStaffEmail(header.apply("In-Reply-To")) || answersStaffEmail(header.apply("References"))) {
            return Optional.of(Reason.STAFF_ANSWER);
        }
        return Optional.empty();
    }

    private static boolean answersStaffEmail(String[] values) {
        String staff = OutboxDispatcher.STAFF + ".outbox@";
        return values != null && Arrays.stream(values).anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(staff));
    }

    /** The first value of a header, trimmed and lower case, or {@code null}. */
    private static String first(Function<String, String[]> header, String name) {
        String[] values = header.apply(name);
        return values == null || values.length == 0 || values[0] == null ? null
                : values[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String localPart(String address) {
        int at = address.indexOf('@');
        return (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
    }
}
