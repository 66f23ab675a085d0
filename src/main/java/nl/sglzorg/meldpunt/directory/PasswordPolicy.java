package nl.sglzorg.meldpunt.directory;

import java.util.Optional;

/**
 * What a staff password must be: at least 12 characters, at most 72 bytes (bcrypt reads no further),
 * and not the placeholder of the deployment template ({@code CHANGE-ME…}). Accounts that communicatie
 * creates are held to the length by their request's constraints; the first user's password, which
 * comes from the environment, is held to all of it when Meldpunt starts.
 */
public final class PasswordPolicy {

    public static final int MIN_CHARACTERS = 12;
    private static final String PLACEHOLDER = "CHANGE-ME";

    private PasswordPolicy() {
    }

    /** What is wrong with {@code password}, in words for the operator, or empty when nothing is. */
    public static Optional<String> problem(String password) {
        if (password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            return Optional.of("is shorter than " + MIN_CHARACTERS + " characters");
        }
        if (StaffIdentityProvider.tooLong(password)) {
            return Optional.of("is longer than " + StaffIdentityProvider.MAX_PASSWORD_BYTES
                    + " bytes (UTF-8); bcrypt would ignore the rest");
        }
        if (password.regionMatches(true, 0, PLACEHOLDER, 0, PLACEHOLDER.length())) {
            return Optional.of("is still the template's " + PLACEHOLDER + " placeholder");
        }
        return Optional.empty();
    }
}
