package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which URLs name the same post. Ten reporters copy one post's address in ten ways; they must find
 * each other, and two different posts must never be folded together.
 */
class UrlNormalizerTest {

    @ParameterizedTest(name = "{1} ≡ {0}")
    @CsvSource(delimiter = '|', value = {
        // scheme and host case
        "https://facebook.com/sglzorg/posts/123 | http://facebook.com/sglzorg/posts/123",
        "https://facebook.com/sglzorg/posts/123 | HTTPS://FACEBOOK.COM/sglzorg/posts/123",
        "https://facebook.com/sglzorg/posts/123 | https://Facebook.Com/sglzorg/posts/123",
        // www. and m.
        "https://facebook.com/sglzorg/posts/123 | https://www.facebook.com/sglzorg/posts/123",
        "https://facebook.com/sglzorg/posts/123 | https://m.facebook.com/sglzorg/posts/123",
        "https://facebook.com/sglzorg/posts/123 | http://WWW.facebook.com/sglzorg/posts/123",
        // tracking parameters
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?utm_source=twitter",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?utm_source=a&utm_medium=b&utm_campaign=c",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?UTM_Content=x",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?fbclid=IwAR0abcDEF",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?fbclid",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?mibextid=Nif5oz",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?__cft__[0]=AZ&__tn__=R",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?__cft__%5B0%5D=AZ",
        "https://instagram.com/p/Cabc123      | https://www.instagram.com/p/Cabc123/?igshid=MzRlODBiNWFlZA==",
        "https://youtube.com/watch?v=abc       | https://youtube.com/watch?v=abc&gclid=xyz",
        "https://youtube.com/watch?v=abc       | https://youtube.com/watch?si=share123&v=abc",
        "https://youtube.com/watch?v=abc       | https://www.youtube.com/watch?v=abc&t=42s",
        "https://linkedin.com/posts/iemand_4   | https://www.linkedin.com/posts/iemand_4?ref=share",
        // an empty query or stray separators are no parameters
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123?",
        "https://youtube.com/watch?v=abc       | https://youtube.com/watch?&v=abc&",
        // the order of the parameters that remain
        "https://youtube.com/watch?v=abc&list=PL1 | https://youtube.com/watch?list=PL1&v=abc",
        "https://youtube.com/watch?v=abc&list=PL1 | https://m.youtube.com/watch?utm_source=x&list=PL1&fbclid=y&v=abc",
        // trailing slash
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123/",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123//",
        "https://youtube.com/watch?v=abc       | https://youtube.com/watch/?v=abc",
        "https://sgl-zorg.nl                   | https://www.sgl-zorg.nl/",
        // fragment
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123#comments",
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com/sglzorg/posts/123/?fbclid=x#reply-9",
        // port and surrounding white space
        "https://facebook.com/sglzorg/posts/123 | https://facebook.com:443/sglzorg/posts/123",
        "https://facebook.com/sglzorg/posts/123 | '  https://facebook.com/sglzorg/posts/123  '",
        // twitter.com and x.com are one site
        "https://x.com/sglzorg/status/1777    | https://twitter.com/sglzorg/status/1777",
        "https://x.com/sglzorg/status/1777    | https://www.twitter.com/sglzorg/status/1777",
        "https://x.com/sglzorg/status/1777    | https://mobile.twitter.com/sglzorg/status/1777",
        "https://x.com/sglzorg/status/1777    | https://www.x.com/sglzorg/status/1777/?s=20&t=AbCdEf",
        "https://x.com/sglzorg/status/1777    | http://TWITTER.com/sglzorg/status/1777?ref_src=twsrc%5Etfw",
        // an X user's name in any case is one user
        "https://x.com/sglzorg/status/1777    | https://x.com/SGLZorg/status/1777",
        "https://x.com/sglzorg/status/1777    | https://twitter.com/SglZorg/status/1777?s=20",
        "https://x.com/sglzorg                | https://x.com/SGLZorg/",
        // YouTube's short addresses of one video
        "https://youtube.com/watch?v=abc       | https://youtu.be/abc",
        "https://youtube.com/watch?v=abc       | https://youtu.be/abc?si=share123",
        "https://youtube.com/watch?v=abc       | https://www.youtube.com/shorts/abc",
        "https://youtube.com/watch?v=abc       | https://youtube.com/live/abc?si=x",
        "https://youtube.com/watch?v=abc       | https://youtube.com/shorts/abc?feature=share",
        "https://youtube.com/watch?v=abc&list=PL1 | https://youtu.be/abc?list=PL1&t=42"})
    void shouldGiveVariantsOfOnePostTheSameForm(String canonical, String variant) {
        Optional<String> expected = UrlNormalizer.normalize(canonical);
        assertTrue(expected.isPresent(), "canonical form of " + canonical);
        assertEquals(expected, UrlNormalizer.normalize(variant));
    }

    @ParameterizedTest(name = "{0} ≠ {1}")
    @CsvSource(delimiter = '|', value = {
        "https://facebook.com/sglzorg/posts/123  | https://facebook.com/sglzorg/posts/124",
        "https://facebook.com/sglzorg/posts/123  | https://facebook.com/andere.pagina/posts/123",
        "https://facebook.com/sglzorg/posts/123  | https://instagram.com/sglzorg/posts/123",
        "https://facebook.com/groups/42/posts/7  | https://facebook.com/groups/42",
        "https://youtube.com/watch?v=abc         | https://youtube.com/watch?v=abd",
        "https://youtube.com/watch?v=abc         | https://youtube.com/watch",
        "https://youtube.com/watch?v=abc&list=A  | https://youtube.com/watch?v=abc&list=B",
        "https://x.com/sglzorg/status/1777      | https://x.com/sglzorg/status/1778",
        "https://x.com/sglzorg/status/1777      | https://facebook.com/sglzorg/status/1777",
        // the path is not case-insensitive: YouTube and Instagram ids are case-sensitive
        "https://instagram.com/p/Cabc123        | https://instagram.com/p/cabc123",
        "https://youtu.be/abc                   | https://youtu.be/abC",
        "https://x.com/i/broadcasts/1OdJrBEjDXYKX | https://x.com/i/broadcasts/1odjrbejdxykx",
        "https://x.com/sglzorg/status/1777/photo/Ab | https://x.com/sglzorg/status/1777/photo/ab",
        "https://youtu.be/abc                   | https://youtube.com/shorts/abd",
        // only the host prefixes www. and m. go, not a host that merely starts with m
        "https://mastodon.social/@sgl/1         | https://astodon.social/@sgl/1",
        "https://example.com/a                  | https://example.com/a/b",
        // X's and YouTube's short parameters are tracking there; elsewhere they may be the content
        "https://forum.example.nl/viewtopic.php?t=101 | https://forum.example.nl/viewtopic.php?t=202",
        "https://nieuws.example.nl/artikel?s=3       | https://nieuws.example.nl/artikel?s=4",
        "https://shop.example.nl/item?ref=a          | https://shop.example.nl/item?ref=b"})
    void shouldKeepDifferentPostsDifferent(String one, String other) {
        Optional<String> first = UrlNormalizer.normalize(one);
        Optional<String> second = UrlNormalizer.normalize(other);
        assertTrue(first.isPresent() && second.isPresent());
        assertNotEquals(first, second);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "garbage", "not a url", "http://", "https:///path-without-host",
        "/relatief/pad", "mailto:iemand@example.com", "http://exa mple.com/x", "https://[::1/x"})
    void shouldGiveNothingForAMissingOrUnusableUrl(String url) {
        assertEquals(Optional.empty(), UrlNormalizer.normalize(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://www.Facebook.com:443/sglzorg/posts/123/?utm_source=x&fbclid=y#c | facebook.com/sglzorg/posts/123",
        "https://twitter.com/sglzorg/status/1777?s=20                               | x.com/sglzorg/status/1777",
        "https://m.youtube.com/watch?v=abc&list=PL1                                 | youtube.com/watch?list=PL1&v=abc"})
    void shouldReduceAUrlToHostPathAndSortedParameters(String url, String normalized) {
        // The stored form is what the duplicate index matches on; pin it so a change is a decision.
        assertEquals(Optional.of(normalized), UrlNormalizer.normalize(url));
    }
}
