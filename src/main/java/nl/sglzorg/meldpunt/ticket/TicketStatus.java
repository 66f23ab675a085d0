package nl.sglzorg.meldpunt.ticket;

/**
 * Where a ticket stands. Reporters never see these names, only the {@link #publicLabel()}: an
 * escalation, for one, is internal.
 */
public enum TicketStatus {
    NEW("Ontvangen"),
    TRIAGED("In behandeling"),
    IN_PROGRESS("In behandeling"),
    WAITING("Wacht op jouw reactie"),
    ESCALATED("In behandeling"),
    RESOLVED("Afgehandeld"),
    CLOSED("Afgehandeld"),
    REJECTED("Niet in behandeling genomen"),
    MERGED("Samengevoegd met een andere melding");

    private final String publicLabel;

    TicketStatus(String publicLabel) {
        this.publicLabel = publicLabel;
    }

    /** The Dutch label a reporter sees. */
    public String publicLabel() {
        return publicLabel;
    }

    /** A reporter can no longer add to a ticket in this status. */
    public boolean isFinal() {
        return this == CLOSED || this == MERGED;
    }
}
