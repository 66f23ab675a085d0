package nl.sglzorg.meldpunt.kernel;

/** What a signal is about; each topic is owned by one function of the accounts table. */
public enum Topic {
    GENERAL("algemeen"),
    GOVERNANCE("bestuur"),
    REGION("regio"),
    EMPLOYMENT("werk"),
    CARE("zorg"),
    VOLUNTEERING("vrijwilligerswerk"),
    ACTIVITY_CENTRE("activiteitencentrum");

    private final String dutchName;

    Topic(String dutchName) {
        this.dutchName = dutchName;
    }

    public String dutchName() {
        return dutchName;
    }
}
