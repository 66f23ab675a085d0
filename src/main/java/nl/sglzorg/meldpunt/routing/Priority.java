package nl.sglzorg.meldpunt.routing;

/** How fast a ticket needs attention; set by routing, changed by communicatie. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
