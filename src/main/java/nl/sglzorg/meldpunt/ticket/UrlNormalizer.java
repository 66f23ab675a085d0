package nl.sglzorg.meldpunt.ticket;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reduces a post's URL to one form, so ten reports of the same post find each other: scheme and
 * host case, {@code www.}/{@code m.}, tracking parameters, fragments, trailing slashes,
 * {@code twitter.com}/{@code x.com}, the case of an X user's name and YouTube's short addresses for a
 * video do not make a different post.
 */
public final class UrlNormalizer {

    private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "igshid", "mc_cid", "mc_eid",
            "ref_src", "ref_url", "igsh", "mibextid", "__cft__", "__tn__");

    /**
     * Short names that are tracking, or a moment in a video, on the social platforms (X's {@code s}
     * and {@code t}, YouTube's {@code si}, {@code t} and {@code feature}, {@code ref}), and anywhere
     * else may name the content itself: a forum's {@code viewtopic.php?t=101} is another topic than {@code ?t=202}, and
     * until session 32 the two were one post, their reports folded into one ticket.
     */
    private static final Set<String> PLATFORM_TRACKING_PARAMETERS = Set.of("ref", "s", "t", "si", "feature");

    /** The social platforms' hosts (and their subdomains) whose short parameters are tracking. */
    private static final Set<String> PLATFORM_HOSTS = Set.of("x.com", "facebook.com", "fb.watch", "instagram.com",
            "youtube.com", "youtu.be", "linkedin.com", "tiktok.com", "threads.net");

    /** A YouTube video by a short address: its id, as case-sensitive as YouTube's. */
    private static final Pattern VIDEO = Pattern.compile("(?:youtu\\.be|youtube\\.com/(?:shorts|live))/([A-Za-z0-9_-]+)");

    private UrlNormalizer() {
    }

    /** The normalised form, or empty for a missing or unusable URL. */
    public static Optional<String> normalize(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            for (String prefix : new String[] {"www.", "m.", "mobile."}) {
                if (host.startsWith(prefix)) {
                    host = host.substring(prefix.length());
                }
            }
            if (host.equals("twitter.com")) {
                host = "x.com";
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            if (host.equals("x.com")) {
                path = withUserNameInLowerCase(path);
            }
            boolean platform = isPlatform(host);
            Stream<String> parameters = uri.getRawQuery() == null ? Stream.empty()
                    : Arrays.stream(uri.getRawQuery().split("&"));
            Matcher video = VIDEO.matcher(host + path);
            if (video.matches()) {
                // youtu.be/ID, youtube.com/shorts/ID and /live/ID are the video at youtube.com/watch?v=ID.
                host = "youtube.com";
                path = "/watch";
                parameters = Stream.concat(parameters, Stream.of("v=" + video.group(1)));
            }
            String query = parameters
                    .filter(p -> !p.isEmpty() && !isTracking(p.split("=", 2)[0], platform))
                    .sorted()
                    .collect(Collectors.joining("&"));
            // Scheme and port say nothing about which post it is.
            return Optional.of(host + path + (query.isEmpty() ? "" : "?" + query));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * An X path with its first part, the user's name, in lower case: X's names are one name in any
     * case, so x.com/SGLzorg/status/1 is x.com/sglzorg/status/1. The rest keeps its case, and so do X's
     * own pages under {@code /i/}, whose ids (a broadcast's, a space's) are case-sensitive.
     */
    private static String withUserNameInLowerCase(String path) {
        int end = path.indexOf('/', 1);
        String user = end < 0 ? path.substring(Math.min(1, path.length())) : path.substring(1, end);
        if (user.isEmpty() || user.equals("i")) {
            return path;
        }
        return "/" + user.toLowerCase(Locale.ROOT) + (end < 0 ? "" : path.substring(end));
    }

    private static boolean isTracking(String name, boolean platform) {
        // Facebook writes __cft__[0]=…, raw or percent-encoded: the name is what comes before the index.
        // URI has already refused malformed escapes, so decoding cannot fail here.
        String lower = URLDecoder.decode(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)
                .replaceFirst("\\[[^\\]]*]$", "");
        return lower.startsWith("utm_") || TRACKING_PARAMETERS.contains(lower)
                || platform && PLATFORM_TRACKING_PARAMETERS.contains(lower);
    }

    private static boolean isPlatform(String host) {
        return PLATFORM_HOSTS.stream().anyMatch(p -> host.equals(p) || host.endsWith("." + p));
    }
}
