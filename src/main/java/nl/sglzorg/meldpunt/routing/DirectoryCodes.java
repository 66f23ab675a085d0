package nl.sglzorg.meldpunt.routing;

import nl.sglzorg.meldpunt.common.web.InvalidInputException;

/** Codes of functions and units: capitals, digits, {@code _} and {@code -}, as in {@code HR_REPRESENTATIVE}. */
public final class DirectoryCodes {

    public static final String PATTERN = "^[A-Z][A-Z0-9_-]{1,39}$";
    public static final String MESSAGE = "2 tot 40 hoofdletters, cijfers, _ of -, beginnend met een letter";

    private DirectoryCodes() {
    }

    /** Checks a code taken from a path. */
    public static String requireValid(String field, String code) {
        if (code == null || !code.matches(PATTERN)) {
            throw new InvalidInputException(field, MESSAGE);
        }
        return code;
    }
}
