package nl.sglzorg.meldpunt.inbox;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The longest character reference read, {@code &} and {@code ;} included ({@code &#x10FFFF;}, {@code &thetasym;}). */
    private static final int REFERENCE_MAX = 10;

    /**
     * The named character references decoded: HTML's Latin-1 set (the accented letters of Dutch, French,
     * German; {@code &nbsp;} to {@code &yuml;}, in the order of their code points from 160), the markup's own,
     * and the punctuation mail programs write for quotes, dashes and the euro.
     */
    private static final Map<String, Integer> NAMED = named();

    private static Map<String, Integer> named() {
        Map<String, Integer> named = new HashMap<>();
        String[] latin1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg"
                + " plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave"
                + " Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH"
                + " Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig"
                + " agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml"
                + " eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml")
                .split(" ");
        for (int i = 0; i < latin1.length; i++) {
            named.put(latin1[i], 160 + i);
        }
        named.putAll(Map.ofEntries(Map.entry("amp", (int) '&'), Map.entry("lt", (int) '<'), Map.entry("gt", (int) '>'),
                Map.entry("quot", (int) '"'), Map.entry("apos", (int) '\''), Map.entry("euro", 0x20AC),
                Map.entry("hellip", 0x2026), Map.entry("ndash", 0x2013), Map.entry("mdash", 0x2014),
                Map.entry("lsquo", 0x2018), Map.entry("rsquo", 0x2019), Map.entry("sbquo", 0x201A),
                Map.entry("ldquo", 0x201C), Map.entry("rdquo", 0x201D), Map.entry("bdquo", 0x201E),
                Map.entry("bull", 0x2022), Map.entry("trade", 0x2122), Map.entry("OElig", 0x0152),
                Map.entry("oelig", 0x0153), Map.entry("Scaron", 0x0160), Map.entry("scaron", 0x0161),
                Map.entry("Yuml", 0x0178), Map.entry("ensp", 0x2002), Map.entry("emsp", 0x2003),
                Map.entry("thinsp", 0x2009), Map.entry("zwnj", 0x200C), Map.entry("zwj", 0x200D)));
        return Map.copyOf(named);
    }

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

    /** UTF-8 when the bytes are (a cut at the end of the read aside), else Windows-1252. */
    static String undeclared(byte[] bytes, boolean cut) {
        int end = bytes.length;
        if (cut) {
            // A character the read's end split in two: its first bytes are left out.
            while (end > 0 && end > bytes.length - 4 && (bytes[end - 1] & 0xC0) == 0x80) {
                end--;
            }
            if (end > 0 && (bytes[end - 1] & 0xC0) == 0xC0) {
                end--;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, end, WINDOWS_1252);
        }
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
        return entitiesDecoded(text);
    }

    /**
     * The text with its character references written as the characters they stand for, in one pass:
     * numbered ones ({@code &#233;}, {@code &#xE9;}) and the named ones mail programs write ({@link #NAMED}:
     * {@code &euml;} in "ge&euml;scaleerd", {@code &euro;}, {@code &rsquo;}); a no-break space as a space.
     * Anything else with an {@code &} stays as it was written.
     */
    static String entitiesDecoded(CharSequence text) {
        StringBuilder decoded = new StringBuilder(text.length());
        int at = 0;
        while (at < text.length()) {
            char c = text.charAt(at);
            int end = c == '&' ? referenceEnd(text, at) : -1;
            int code = end < 0 ? -1 : codePoint(text.subSequence(at + 1, end));
            if (code < 0) {
                decoded.append(c);
                at++;
            } else {
                decoded.appendCodePoint(code == 0xA0 ? ' ' : code);
                at = end + 1;
            }
        }
        return decoded.toString();
    }

    /** Where the {@code ;} of a reference that starts at {@code amp} is, when within a reference's length. */
    private static int referenceEnd(CharSequence text, int amp) {
        for (int i = amp + 1; i < text.length() && i <= amp + REFERENCE_MAX; i++) {
            char c = text.charAt(i);
            if (c == ';') {
                return i > amp + 1 ? i : -1;
            }
            if (!Character.isLetterOrDigit(c) && c != '#') {
                return -1;
            }
        }
        return -1;
    }

    /** The character a reference's name stands for ({@code euml}, {@code #233}, {@code #xE9}); -1 for none. */
    private static int codePoint(CharSequence name) {
        if (name.charAt(0) != '#') {
            return NAMED.getOrDefault(name.toString(), -1);
        }
        boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
        String digits = name.subSequence(hex ? 2 : 1, name.length()).toString();
        try {
            int code = Integer.parseInt(digits, hex ? 16 : 10);
            boolean character = code > 0 && code <= Character.MAX_CODE_POINT
                    && !(code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE);
            return character && !Character.isISOControl(code) || code == '\n' || code == '\t' ? code : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
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
