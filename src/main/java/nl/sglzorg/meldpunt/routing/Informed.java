package nl.sglzorg.meldpunt.routing;

/**
 * A party that hears of a signal without handling it.
 *
 * @param code the function code, for a unit manager the unit code, for a begeleider {@link #CARE_WORKER}
 */
public record Informed(Kind kind, String code, String name) {

    public enum Kind {
        /** A function of the accounts table, e.g. the owner of the topic. */
        FUNCTION,
        /** The leidinggevende of the reporter's unit. */
        UNIT_MANAGER,
        /** The begeleider (care worker) a client reporter named; their address is kept with the ticket. */
        CARE_WORKER
    }

    /** The code of the begeleider: the address itself is reporter data, kept with the ticket alone. */
    public static final String CARE_WORKER = "CARE_WORKER";

    /** The client's begeleider. */
    public static Informed careWorker() {
        return new Informed(Kind.CARE_WORKER, CARE_WORKER, "Begeleider van de cliënt");
    }

    /** How the party is named to the public: a function code, {@code UNIT_MANAGER} or {@code CARE_WORKER}. */
    public String publicLabel() {
        return kind == Kind.FUNCTION ? code : kind.name();
    }
}
