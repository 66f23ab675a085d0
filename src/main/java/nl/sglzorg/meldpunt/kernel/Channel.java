package nl.sglzorg.meldpunt.kernel;

/** How a signal reached Meldpunt. */
public enum Channel {
    /** The reporter pages (/melden). */
    WEB("Website"),
    /** A program through {@code POST /api/signals}. */
    API("API"),
    /** An e-mail to the Meldpunt mailbox. */
    EMAIL("E-mail"),
    /** Taken by phone by a staff member, who filed it for the reporter. */
    PHONE("Telefoon"),
    /** Told in person to a staff member, who filed it for the reporter. */
    IN_PERSON("Persoonlijk");

    private final String dutchName;

    Channel(String dutchName) {
        this.dutchName = dutchName;
    }

    public String dutchName() {
        return dutchName;
    }

    /** Whether a staff member files signals of this channel for the reporter (phone, in person). */
    public boolean takenByStaff() {
        return this == PHONE || this == IN_PERSON;
    }
}
