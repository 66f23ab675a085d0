package nl.sglzorg.meldpunt.kernel;

import java.util.Set;

/** The staff roles of Meldpunt. */
public final class Roles {

    /** The communications department: triages everything, keeps the directory. */
    public static final String COMMUNICATIE = "communicatie";
    /** An official of a function in the accounts table. */
    public static final String FUNCTIONARIS = "functionaris";
    /** A manager of a unit, who receives escalations. */
    public static final String LEIDINGGEVENDE = "leidinggevende";

    public static final Set<String> ALL = Set.of(COMMUNICATIE, FUNCTIONARIS, LEIDINGGEVENDE);

    private Roles() {
    }
}
