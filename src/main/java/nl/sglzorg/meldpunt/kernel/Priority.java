package nl.sglzorg.meldpunt.kernel;

/** How fast a ticket needs attention; set by routing, changed by communicatie. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
