package nl.sglzorg.meldpunt.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The acknowledge link's token, signed and checked without a database or a clock. */
class AcknowledgeLinksTest {

    private static final byte[] KEY = "een-sleutel-van-minstens-32-bytes-lang!".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "een-andere-sleutel-ook-32-bytes-of-meer".getBytes(StandardCharsets.UTF_8);
    private static final String MANAGER = "lia.leiding@sgl-zorg.nl";
    private static final Instant EXPIRY = Instant.parse("2026-12-03T15:00:00Z");

    private static String token() {
        return AcknowledgeLinks.token(KEY, 42, MANAGER, EXPIRY);
    }

    private static boolean accepted(byte[] key, String token, String recipient) {
        Optional<AcknowledgeLinks.Claim> claim = AcknowledgeLinks.parse(token);
        return claim.isPresent() && AcknowledgeLinks.signedFor(key, claim.get(), recipient);
    }

    @Test
    void shouldAcceptItsOwnTokenForTheAddressItWasSentTo() {
        String token = token();
        AcknowledgeLinks.Claim claim = AcknowledgeLinks.parse(token).orElseThrow();
        assertEquals(42, claim.escalationId());
        assertEquals(EXPIRY, claim.expiresAt());
        assertTrue(accepted(KEY, token, MANAGER));
        assertTrue(accepted(KEY, token, " Lia.Leiding@SGL-zorg.nl"), "an address is compared as an address");
        assertFalse(token.contains("lia"), "the token does not carry the address");
    }

    @Test
    void shouldRefuseAnotherEscalationsId() {
        String token = token();
        String altered = "43" + token.substring(2);
        assertTrue(AcknowledgeLinks.parse(altered).isPresent());
        assertFalse(accepted(KEY, altered, MANAGER));
    }

    @Test
    void shouldRefuseAnotherAddress() {
        assertFalse(accepted(KEY, token(), "iemand.anders@sgl-zorg.nl"));
    }

    @Test
    void shouldRefuseALaterExpiry() {
        String token = token();
        String[] parts = token.split("\\.");
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        assertFalse(accepted(KEY, later, MANAGER));
    }

    @Test
    void shouldRefuseATokenSignedWithAnotherKey() {
        assertFalse(accepted(OTHER_KEY, token(), MANAGER));
        assertFalse(accepted(KEY, AcknowledgeLinks.token(OTHER_KEY, 42, MANAGER, EXPIRY), MANAGER));
    }

    @Test
    void shouldRefuseAnAlteredSignature() {
        String token = token();
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertFalse(accepted(KEY, altered, MANAGER));
    }

    @Test
    void shouldExpireAtItsDeadline() {
        assertFalse(AcknowledgeLinks.expired(EXPIRY, EXPIRY.minusSeconds(1)));
        assertTrue(AcknowledgeLinks.expired(EXPIRY, EXPIRY));
        assertTrue(AcknowledgeLinks.expired(EXPIRY, EXPIRY.plusSeconds(1)));
    }

    @Test
    void shouldGiveTheSameTokenTwiceSoReplayIsStoppedByTheDatabaseNotTheSignature() {
        // The signature cannot know it was used: AcknowledgeLinkTest shows the second use refused.
        assertEquals(token(), token());
        assertTrue(accepted(KEY, token(), MANAGER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "42", "42.1764774000", "abc.def.ghi", "42.1764774000.short",
            "42.1764774000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.x", "-1.1764774000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "99999999999999999999.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "42.1764774000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"})
    void shouldReadAnythingElseAsNoToken(String token) {
        assertTrue(AcknowledgeLinks.parse(token).isEmpty(), token);
    }

    @Test
    void shouldRefuseAShortKey() {
        assertTrue(AcknowledgeLinks.parse(null).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> AcknowledgeLinks.token("te-kort".getBytes(StandardCharsets.UTF_8), 42, MANAGER, EXPIRY));
    }
}
