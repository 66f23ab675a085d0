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

    /**
     * This status of a ticket as the reporters of the signals merged into it see it: its wait is for its
     * own reporter's reply, not theirs, so to them it is being handled. Their messages reach staff on the
     * ticket but do not end its wait, so "waiting for your reply" would ask them for what it cannot take.
     */
    public TicketStatus forMergedReporters() {
        return this == WAITING ? IN_PROGRESS : this;
    }

    /** The public label in English, for e-mails to a reporter who wrote in English. */
    public String englishLabel() {
        return englishLabel;
    }
}
