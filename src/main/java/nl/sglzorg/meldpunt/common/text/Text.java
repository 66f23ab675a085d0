package nl.sglzorg.meldpunt.common.text;

/** Small text helpers shared by the request handlers. */
public final class Text {

    private Text() {
    }

    /** {@code null} for a missing or blank value, else the value without surrounding white space. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
