package nl.sglzorg.meldpunt.common.text;

/** Small text helpers shared by the request handlers. */
public final class Text {

    private Text() {
    }

    /** {@code null} for a missing or blank value, else the value without surrounding white space. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The length as a reader counts it: Unicode code points, so an emoji is one character, not the
     * two UTF-16 units of {@link String#length()}. Every text limit counts this way.
     */
    public static int characters(String value) {
        return value.codePointCount(0, value.length());
    }
}
