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

    /**
     * Unicode's explicit direction controls: embeddings and overrides (U+202A-U+202E) and isolates
     * (U+2066-U+2069). Nobody types them in a signal; pasted into one they turn the text after them
     * around where staff read it ("Trojan Source"), so that a name, a URL or a description shows other
     * than what it holds. A URL or an e-mail address holding one is refused; a reporter's other texts
     * lose them. The marks U+200E and U+200F, which mixed-direction text does carry, and the joiners of
     * emoji and scripts, are not among them.
     */
    public static boolean isDirectionControl(int codePoint) {
        return codePoint >= 0x202A && codePoint <= 0x202E || codePoint >= 0x2066 && codePoint <= 0x2069;
    }

    /**
     * {@code value} without its direction controls ({@link #isDirectionControl}); null stays null. A
     * reporter does not see them and cannot take them out: WhatsApp and Android wrap a copied telephone
     * number in them. So a text keeps its words and loses them, rather than being refused.
     */
    public static String withoutDirectionControls(String value) {
        if (value == null || value.codePoints().noneMatch(Text::isDirectionControl)) {
            return value;
        }
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints().filter(c -> !isDirectionControl(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
