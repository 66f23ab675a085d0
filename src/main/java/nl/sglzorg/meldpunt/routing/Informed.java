package nl.sglzorg.meldpunt.routing;

/**
 * A party that hears of a signal without handling it.
 *
 * @param code the function code, or for a unit manager the unit code
 */
public record Informed(Kind kind, String code, String name) {

    public enum Kind {
        /** A function of the accounts table, e.g. the owner of the topic. */
        FUNCTION,
        /** The leidinggevende of the reporter's unit. */
        UNIT_MANAGER
    }

    /** How the party is named to the public: a function code, or {@code UNIT_MANAGER}. */
    public String publicLabel() {
        return kind == Kind.FUNCTION ? code : Kind.UNIT_MANAGER.name();
    }
}
