package nl.sglzorg.meldpunt.kernel;

/** How the reporter relates to SGL. */
public enum ReporterRelation {
    EMPLOYEE, CLIENT, VOLUNTEER, EXTERNAL
}
