package nl.sglzorg.meldpunt.directory;

import io.quarkus.security.ForbiddenException;

/**
 * A person the provider signed in, whom Meldpunt refuses: {@code 403}, for a token however valid.
 */
public class ProviderSignInRefused extends ForbiddenException {

    /** Why; the words are for the security log, never shown with a name. */
    public enum Reason {
        /** No configured claim holds an e-mail address. */
        NO_ADDRESS,
        /** No account has the address, and no group of theirs is mapped to a role. */
        NO_ACCOUNT,
        /** Their account's roles came from groups they are in no longer, and so were taken. */
        NO_GROUP,
        /** Their account is disabled in Meldpunt. */
        DISABLED,
        /** More than one account has the address: which one they are is not for Meldpunt to guess. */
        AMBIGUOUS
    }

    private final Reason reason;

    public ProviderSignInRefused(Reason reason) {
        super("Sign-in refused: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
