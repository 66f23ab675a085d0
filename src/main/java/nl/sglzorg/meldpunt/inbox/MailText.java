package nl.sglzorg.meldpunt.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.intake.SignalValidator;

/**
 * The words of an e-mail as a signal holds them: HTML turned into text, the quoted earlier e-mail of a
 * reply left out, control characters removed, and cut to a length at a word. Plain Java.
 */
final class MailText {

    static final int DESCRIPTION_MAX = SignalValidator.DESCRIPTION_MAX;
    static final int DESCRIPTION_MIN = SignalValidator.DESCRIPTION_MIN;
    static final String NO_TEXT = "(e-mail zonder tekst)";

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</(p|div|li|tr|h[1-6]|blockquote)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");

    /**
     * The line where a mail program starts quoting what was answered: "On … wrote:", "Op … schreef …:",
     * Outlook's "-----Original Message-----" or its "From:"/"Van:" block, a signature's "-- ".
     */
    private static final Pattern QUOTE_START = Pattern.compile("(?i)^(\\s*(on|op)\\s.*\\b(wrote|schreef)\\b.*:\\s*"
            + "|\\s*-{2,}\\s*(original message|oorspronkelijk bericht|origineel bericht|forwarded message|doorgestuurd bericht)\\s*-*\\s*"
            + "|\\s*_{5,}\\s*|\\s*(from|van):\\s.*@.*|-- )$");

    private MailText() {
    }

    /** The text of an HTML body: tags gone, breaks kept as lines, the common entities decoded. */
    static String fromHtml(String html) {
        String text = COMMENT.matcher(html).replaceAll("");
        text = INVISIBLE.matcher(text).replaceAll("");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
        return text;
    }

    /** What the sender wrote themselves: everything from the quoted earlier e-mail on is left out. */
    static String withoutQuote(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (QUOTE_START.matcher(line).matches()) {
                break;
            }
            if (!line.stripLeading().startsWith(">")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept).strip();
    }

    /** Line breaks as {@code \n}, no control characters but line breaks and tabs, no runs of empty lines. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.replace("\r\n", "\n").replace('\r', '\n').codePoints()
                .filter(c -> c == '\n' || c == '\t' || Character.getType(c) != Character.CONTROL)
                .filter(c -> c != 0xFEFF && c != 0x200B)
                .forEach(out::appendCodePoint);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    /** A single line (a subject, a name): every control character and line break becomes a space. */
    static String oneLine(String text) {
        return text == null ? "" : clean(text).replaceAll("\\s+", " ").strip();
    }

    /** Subject and text as one description, within the signal's limits. */
    static String description(String subject, String text) {
        String subjectLine = oneLine(subject);
        String body = clean(text);
        String description = subjectLine.isEmpty() ? body : body.isEmpty() ? subjectLine : subjectLine + "\n\n" + body;
        if (description.codePointCount(0, description.length()) < DESCRIPTION_MIN) {
            description = description.isEmpty() ? NO_TEXT : description + "\n\n" + NO_TEXT;
        }
        return cut(description, DESCRIPTION_MAX);
    }

    /** At most {@code max} code points; a longer text ends at a word with "…". */
    static String cut(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int end = text.offsetByCodePoints(0, max - 1);
        int space = lastWhitespace(text, end);
        // A word longer than a fifth of the room is cut inside; else the cut falls between words.
        if (space > text.offsetByCodePoints(0, max - 1 - max / 5)) {
            end = space;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }

    private static int lastWhitespace(String text, int before) {
        for (int i = before; i > 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
