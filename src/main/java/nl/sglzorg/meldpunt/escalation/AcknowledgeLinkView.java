package nl.sglzorg.meldpunt.escalation;

import java.time.Instant;

/**
 * An acknowledge link as its page shows it: only what the e-mail it came in already says (never
 * who else acknowledged, never the ticket's description). Everything but {@code state} is absent
 * for an {@link State#INVALID} link.
 */
public record AcknowledgeLinkView(State state, String reference, String category, String priority, int level,
        String reason, String recipient, Instant acknowledgeBy, Instant acknowledgedAt) {

    /** Where the link stands. */
    public enum State {
        /** Valid and not used: the page asks to confirm. */
        OPEN,
        /** Just acknowledged through this link. */
        DONE,
        /** The escalation was acknowledged already (through this link or otherwise). */
        USED,
        /** Past the acknowledge deadline: the next level has taken over. */
        EXPIRED,
        /** Not a link Meldpunt made: altered, forged, or for another escalation or address. */
        INVALID
    }

    static AcknowledgeLinkView invalid() {
        return new AcknowledgeLinkView(State.INVALID, null, null, null, 0, null, null, null, null);
    }

    AcknowledgeLinkView in(State other) {
        return new AcknowledgeLinkView(other, reference, category, priority, level, reason, recipient, acknowledgeBy,
                acknowledgedAt);
    }
}
