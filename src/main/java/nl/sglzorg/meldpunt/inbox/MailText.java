package nl.sglzorg.meldpunt.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.intake.SignalValidator;

/**
 * The words of an e-mail as a signal holds them: HTML turned into text, the quoted earlier e-mail of a
 * reply left out, control characters removed, and cut to a length at a word. Plain Java.
 */
final class MailText {

    static final int DESCRIPTION_MAX = SignalValidator.DESCRIPTION_MAX;
    static final int DESCRIPTION_MIN = SignalValidator.DESCRIPTION_MIN;
    static final String NO_TEXT = "(e-mail zonder tekst)";

    /**
     * The most of a body's text that is read: a hundred times the longest description. Every step below
     * takes time in proportion to its text, never more, so that no e-mail, however written, holds up the
     * inbox: until session 31 a body of spaces without a line break, or of {@code <} without a {@code >},
     * took the patterns hours.
     */
    static final int BODY_MAX = 100 * DESCRIPTION_MAX;

    /** A line longer than this is text, never the start of a quote: those lines are short. */
    private static final int QUOTE_START_MAX = 400;

    /** Elements whose content is no text; closing a block element, or {@code <br>}, ends a line. */
    private static final Set<String> INVISIBLE = Set.of("script", "style", "head");
    private static final Set<String> LINE_ENDS = Set.of("/p", "/div", "/li", "/tr", "/h1", "/h2", "/h3", "/h4", "/h5",
            "/h6", "/blockquote", "br", "br/");

    /**
     * The line where a mail program starts quoting what was answered: "On … wrote:", "Op … schreef …:",
     * Outlook's "-----Original Message-----" or its "From:"/"Van:" block, a signature's "-- ".
     */
    private static final Pattern QUOTE_START = Pattern.compile("(?i)^(\\s*(on|op)\\s.*\\b(wrote|schreef)\\b.*:\\s*"
            + "|\\s*-{2,}\\s*(original message|oorspronkelijk bericht|origineel bericht|forwarded message|doorgestuurd bericht)\\s*-*\\s*"
            + "|\\s*_{5,}\\s*|\\s*(from|van):\\s.*@.*|-- )$");

    private MailText() {
    }

    /**
     * The text of an HTML body: tags, comments and the content of scripts, styles and the head gone,
     * breaks kept as lines, the common entities decoded. One pass: a {@code <} that no {@code >} closes is
     * text, a comment never closed ends at the next {@code >} as a tag does, and the content of a script
     * never closed is text.
     */
    static String fromHtml(String html) {
        StringBuilder text = new StringBuilder(Math.min(html.length(), BODY_MAX));
        int at = 0;
        while (at < html.length()) {
            int open = html.indexOf('<', at);
            if (open < 0) {
                text.append(html, at, html.length());
                break;
            }
            text.append(html, at, open);
            if (html.startsWith("<!--", open)) {
                int end = html.indexOf("-->", open + 4);
                if (end >= 0) {
                    at = end + 3;
                    continue;
                }
            }
            int close = html.indexOf('>', open + 1);
            if (close < 0) {
                text.append(html, open, html.length());
                break;
            }
            String name = tagName(html, open + 1, close);
            at = close + 1;
            if (LINE_ENDS.contains(name)) {
                text.append('\n');
            } else if (INVISIBLE.contains(name)) {
                int end = closingTag(html, name, at);
                if (end >= 0) {
                    at = end;
                }
            }
        }
        return text.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
    }

    /** A tag's name in lower case, with its {@code /} before or after: {@code p}, {@code /p}, {@code br/}. */
    private static String tagName(String html, int from, int to) {
        int end = from;
        if (end < to && html.charAt(end) == '/') {
            end++;
        }
        while (end < to && Character.isLetterOrDigit(html.charAt(end))) {
            end++;
        }
        String name = html.substring(from, end).toLowerCase(Locale.ROOT);
        return name.equals("br") && html.substring(end, to).strip().equals("/") ? "br/" : name;
    }

    /** Where the text after {@code </name>} begins, looking from {@code from}; -1 when it is never closed. */
    private static int closingTag(String html, String name, int from) {
        for (int open = html.indexOf("</", from); open >= 0; open = html.indexOf("</", open + 2)) {
            int end = open + 2 + name.length();
            if (html.regionMatches(true, open + 2, name, 0, name.length())
                    && (end >= html.length() || !Character.isLetterOrDigit(html.charAt(end)))) {
                int close = html.indexOf('>', end);
                return close < 0 ? -1 : close + 1;
            }
        }
        return -1;
    }

    /** What the sender wrote themselves: everything from the quoted earlier e-mail on is left out. */
    static String withoutQuote(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.length() <= QUOTE_START_MAX && QUOTE_START.matcher(line).matches()) {
                break;
            }
            if (!line.stripLeading().startsWith(">")) {
                kept.add(line);
            }
        }
        return String.join("\n", kept).strip();
    }

    /**
     * Line breaks as {@code \n}, no control characters but line breaks and tabs, no direction controls
     * ({@link Text#isDirectionControl}), no runs of empty lines.
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.replace("\r\n", "\n").replace('\r', '\n').codePoints()
                .filter(c -> c == '\n' || c == '\t' || Character.getType(c) != Character.CONTROL)
                .filter(c -> c != 0xFEFF && c != 0x200B && !Text.isDirectionControl(c))
                .forEach(kept::appendCodePoint);
        // Each line without the spaces and tabs at its end; at most one empty line in a row.
        StringBuilder out = new StringBuilder(kept.length());
        int emptyLines = 0;
        for (String line : kept.toString().split("\n", -1)) {
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
                end--;
            }
            emptyLines = end == 0 ? emptyLines + 1 : 0;
            if (emptyLines <= 1) {
                out.append(line, 0, end).append('\n');
            }
        }
        return out.toString().strip();
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
