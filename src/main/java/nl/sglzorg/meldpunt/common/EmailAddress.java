package nl.sglzorg.meldpunt.common;

/** What Meldpunt accepts as an e-mail address: one {@code @}, a dot in the domain, no spaces. */
public final class EmailAddress {

    public static final String PATTERN = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    public static final String MESSAGE = "geen geldig e-mailadres";

    private EmailAddress() {
    }
}
