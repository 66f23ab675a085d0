package nl.sglzorg.meldpunt.escalation;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a one-click acknowledge link: {@code <escalation id>.<expiry, epoch seconds>.<signature>},
 * the signature an HMAC-SHA256 over the escalation id, the address the e-mail went to and the expiry.
 * The address is not in the token (it is the escalation's own), so a link names nothing the e-mail
 * does not; changing any part, or checking it against another escalation or address, breaks the
 * signature. Plain Java: no database, no clock; the single use lives in {@link EscalationService}.
 */
public final class AcknowledgeLinks {

    /** The smallest key accepted: as long as the HMAC-SHA256 output. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String PURPOSE = "meldpunt-acknowledge-link-v1";
    private static final Pattern SHAPE = Pattern.compile("[0-9]{1,18}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{43}");

    /** What a well-formed token claims; nothing is checked yet. */
    public record Claim(long escalationId, Instant expiresAt, byte[] signature) {
    }

    private AcknowledgeLinks() {
    }

    /** The token for the escalation {@code escalationId}, sent to {@code recipient}, valid until {@code expiresAt}. */
    public static String token(byte[] key, long escalationId, String recipient, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        return escalationId + "." + expiry + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, escalationId, recipient, expiry));
    }

    /** The token's claim, or empty for anything that is not a token's shape (never an exception). */
    public static Optional<Claim> parse(String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        return Optional.of(new Claim(Long.parseLong(parts[0]), Instant.ofEpochSecond(Long.parseLong(parts[1])),
                Base64.getUrlDecoder().decode(parts[2])));
    }

    /** Whether the claim was signed with {@code key} for this address; compared in constant time. */
    public static boolean signedFor(byte[] key, Claim claim, String recipient) {
        byte[] expected = mac(key, claim.escalationId(), recipient, claim.expiresAt().getEpochSecond());
        return MessageDigest.isEqual(expected, claim.signature());
    }

    /** Whether a link valid until {@code expiresAt} has expired at {@code now}. */
    public static boolean expired(Instant expiresAt, Instant now) {
        return !now.isBefore(expiresAt);
    }

    private static byte[] mac(byte[] key, long escalationId, String recipient, long expiry) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a link key has at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String message = PURPOSE + "\n" + escalationId + "\n" + recipient.strip().toLowerCase(Locale.ROOT) + "\n" + expiry;
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
