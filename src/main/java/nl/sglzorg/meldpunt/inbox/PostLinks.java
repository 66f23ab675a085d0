package nl.sglzorg.meldpunt.inbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.common.text.WebAddress;
import nl.sglzorg.meldpunt.kernel.Platform;

/**
 * The social-media post an e-mail is about: the first link in it to a platform Meldpunt knows that is
 * not an account's page. Other links (a signature's website or SGL's own accounts, a newsletter) are
 * not a post, and would fold unrelated e-mails into one ticket as duplicates. Plain Java.
 */
final class PostLinks {

    /** A link to a post, and the platform its host belongs to. */
    record Post(String url, Platform platform) {
    }

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"'()\\[\\]]+", Pattern.CASE_INSENSITIVE);

    private static final Map<String, Platform> HOSTS = Map.ofEntries(
            Map.entry("twitter.com", Platform.TWITTER), Map.entry("x.com", Platform.TWITTER),
            Map.entry("t.co", Platform.TWITTER),
            Map.entry("facebook.com", Platform.FACEBOOK), Map.entry("fb.com", Platform.FACEBOOK),
            Map.entry("fb.watch", Platform.FACEBOOK),
            Map.entry("linkedin.com", Platform.LINKEDIN), Map.entry("lnkd.in", Platform.LINKEDIN),
            Map.entry("youtube.com", Platform.YOUTUBE), Map.entry("youtu.be", Platform.YOUTUBE),
            Map.entry("instagram.com", Platform.INSTAGRAM),
            Map.entry("whatsapp.com", Platform.WHATSAPP), Map.entry("wa.me", Platform.WHATSAPP));

    /** Hosts whose one path segment is the content itself: a short link, a video, a chat. */
    private static final Set<String> SHORT_LINK_HOSTS = Set.of("t.co", "youtu.be", "lnkd.in", "fb.watch", "wa.me",
            "chat.whatsapp.com");

    /** LinkedIn's account pages: {@code /company/sgl}, {@code /in/iemand}, {@code /school/x}. */
    private static final Set<String> LINKEDIN_ACCOUNTS = Set.of("company", "in", "school", "showcase");

    private PostLinks() {
    }

    /** The first link to a known platform in {@code text}, if any. */
    static Optional<Post> first(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher links = LINK.matcher(text);
        while (links.find()) {
            String url = trimTrailingPunctuation(links.group());
            Optional<Platform> platform = platformOf(url);
            // The validator's rules, so a link it would refuse never costs the e-mail its filing.
            if (platform.isPresent() && WebAddress.problem(url).isEmpty() && !isAccountPage(url)) {
                return Optional.of(new Post(url, platform.get()));
            }
        }
        return Optional.empty();
    }

    /** The platform of a link's host, or of a parent domain of it ({@code m.facebook.com}). */
    static Optional<Platform> platformOf(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null) {
                return Optional.empty();
            }
            host = host.toLowerCase(Locale.ROOT);
            while (true) {
                Platform platform = HOSTS.get(host);
                if (platform != null) {
                    return Optional.of(platform);
                }
                int dot = host.indexOf('.');
                if (dot < 0) {
                    return Optional.empty();
                }
                host = host.substring(dot + 1);
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a link is an account's page rather than a post: one path segment or none and no query
     * ({@code facebook.com/sglzorg}, {@code x.com/sglzorg}), or LinkedIn's {@code /company/…}. An
     * e-mail signature links SGL's own accounts, and taken as the post they folded every e-mail that
     * ends with that signature into one ticket (until session 32). Short links are content.
     */
    static boolean isAccountPage(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (SHORT_LINK_HOSTS.contains(host) || uri.getRawQuery() != null) {
            return false;
        }
        List<String> segments = uri.getRawPath() == null ? List.of()
                : Arrays.stream(uri.getRawPath().split("/")).filter(p -> !p.isEmpty()).toList();
        boolean linkedInAccount = segments.size() == 2 && host.endsWith("linkedin.com")
                && LINKEDIN_ACCOUNTS.contains(segments.get(0).toLowerCase(Locale.ROOT));
        return segments.size() <= 1 || linkedInAccount;
    }

    /** A sentence's full stop or comma after a link is not part of it. */
    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
