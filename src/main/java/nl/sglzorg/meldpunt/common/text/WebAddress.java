package nl.sglzorg.meldpunt.common.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What Meldpunt accepts as the address of a post: an {@code http} or {@code https} URL with a host,
 * at most {@value #MAX_LENGTH} characters and as many bytes in UTF-8. The signal's {@code url} and the URL of SGL's repost of a
 * positive post are both checked here.
 */
public final class WebAddress {

    public static final int MAX_LENGTH = 2048;

    private WebAddress() {
    }

    /** What is wrong with {@code url}, in the words of a problem answer; empty when it is acceptable. */
    public static Optional<String> problem(String url) {
        String trimmed = url.strip();
        if (trimmed.length() > MAX_LENGTH) {
            return Optional.of("hoogstens " + MAX_LENGTH + " tekens");
        }
        // In bytes too: PostgreSQL's index on the post's URL takes at most 2,704 bytes an entry, and
        // 2,048 characters outside ASCII are up to 8 kB (until session 32 a 500 there).
        if (trimmed.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return Optional.of("hoogstens " + MAX_LENGTH + " bytes (een teken buiten ASCII telt voor twee tot vier)");
        }
        if (trimmed.codePoints().anyMatch(Text::isDirectionControl)) {
            // java.net.URI takes them in a path; shown to staff they turn the address around.
            return Optional.of("geen geldig webadres");
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.of("alleen http- of https-adressen");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("mist een host");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("geen geldig webadres");
        }
    }
}
