package nl.sglzorg.meldpunt.notification;

import java.util.Locale;
import java.util.Set;

/**
 * Why an e-mail was not sent, in staff's words and without the mail server's own: those may quote the
 * recipient's address or name, which for a reporter's e-mail is reporter data that lists and the
 * ticket's history must not hold.
 */
public final class MailFailures {

    private MailFailures() {
    }

    private static final String UNREACHABLE = "De mailserver was niet bereikbaar.";
    private static final String TOO_SLOW = "De mailserver antwoordde niet op tijd.";
    private static final String SIGN_IN = "Meldpunt kon niet inloggen bij de mailserver.";
    private static final String SECURE_CONNECTION = "De beveiligde verbinding met de mailserver lukte niet.";
    private static final String ADDRESS_REFUSED = "De mailserver weigerde het adres van de ontvanger.";
    private static final String POLICY = "De mailserver weigerde de e-mail door een eigen instelling (zoals doorsturen).";
    private static final String ADDRESS_INVALID = "Het adres van de ontvanger is geen geldig e-mailadres.";
    private static final String OTHER = "Het versturen lukte niet.";
    private static final Set<String> SENTENCES = Set.of(UNREACHABLE, TOO_SLOW, SIGN_IN, SECURE_CONNECTION,
            ADDRESS_REFUSED, POLICY, ADDRESS_INVALID, OTHER);

    /**
     * The kind of failure in a sentence: the server unreachable, too slow, refusing the address, and so on;
     * empty for none, and a sentence of these as it is.
     */
    public static String inWords(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        if (SENTENCES.contains(error)) {
            return error;
        }
        String e = error.toLowerCase(Locale.ROOT);
        if (e.startsWith("addressexception")) {
            return ADDRESS_INVALID;
        }
        if (e.contains("refused") && !e.contains("recipient") || e.contains("connect") || e.contains("unknownhost")) {
            return UNREACHABLE;
        }
        if (e.contains("timed out") || e.contains("timeout")) {
            return TOO_SLOW;
        }
        if (e.contains("535") || e.contains("auth")) {
            return SIGN_IN;
        }
        if (e.contains("ssl") || e.contains("tls") || e.contains("certificate")) {
            return SECURE_CONNECTION;
        }
        if (e.contains("relay") || e.contains("5.7.")) {
            return POLICY;
        }
        if (e.contains("550") || e.contains("553") || e.contains("5.1.") || e.contains("recipient")
                || e.contains("mailbox") || e.contains("user unknown")) {
            return ADDRESS_REFUSED;
        }
        return OTHER;
    }
}
