package nl.sglzorg.meldpunt.common.web;

import nl.sglzorg.meldpunt.common.text.Text;

/** Reads a {@code limit} query parameter: a whole number within bounds, or the default when absent. */
public final class QueryLimits {

    private QueryLimits() {
    }

    public static int parse(String value, int defaultLimit, int max) {
        String trimmed = Text.blankToNull(value);
        if (trimmed == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(trimmed);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException("limit", "een getal van 1 tot " + max);
    }
}
