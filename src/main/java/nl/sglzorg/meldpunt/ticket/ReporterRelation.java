package nl.sglzorg.meldpunt.ticket;

/** How the reporter relates to SGL. */
public enum ReporterRelation {
    EMPLOYEE, CLIENT, VOLUNTEER, EXTERNAL
}
