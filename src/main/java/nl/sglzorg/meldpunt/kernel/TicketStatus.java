package nl.sglzorg.meldpunt.kernel;

/**
 * Where a ticket stands. Reporters never see these names, only the {@link #publicLabel()}: an
 * escalation, for one, is internal.
 */
public enum TicketStatus {
    NEW("Ontvangen", "Received"),
    TRIAGED("In behandeling", "Being handled"),
    IN_PROGRESS("In behandeling", "Being handled"),
    WAITING("Wacht op jouw reactie", "Waiting for your reply"),
    ESCALATED("In behandeling", "Being handled"),
    RESOLVED("Afgehandeld", "Done"),
    CLOSED("Afgehandeld", "Done"),
    REJECTED("Niet in behandeling genomen", "Not taken up"),
    MERGED("Samengevoegd met een andere melding", "Merged with another report");

    private final String publicLabel;
    private final String englishLabel;

    TicketStatus(String publicLabel, String englishLabel) {
        this.publicLabel = publicLabel;
        this.englishLabel = englishLabel;
    }

    /** The Dutch label a reporter sees. */
    public String publicLabel() {
        return publicLabel;
    }

    /** The public label in English, for e-mails to a reporter who wrote in English. */
    public String englishLabel() {
        return englishLabel;
    }
}
