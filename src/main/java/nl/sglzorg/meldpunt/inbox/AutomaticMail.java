package nl.sglzorg.meldpunt.inbox;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells an e-mail a machine sent from one a person wrote: auto-replies, bounces, mailing-list traffic
 * and Meldpunt's own e-mails are never filed and never answered, so two robots cannot keep each other
 * busy (RFC 3834). Plain Java: the headers are given.
 */
final class AutomaticMail {

    /** Why an e-mail is not filed; the metric's tag. */
    enum Reason {
        AUTO_SUBMITTED, BULK, MAILING_LIST, BOUNCE, OWN_MAIL
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
        return Optional.empty();
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
