package nl.sglzorg.meldpunt.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The reporter's secret: 256 random bits, URL-safe, handed out once. Only its SHA-256 is stored;
 * with this much entropy a fast hash is enough, and it lets a look-up be a single indexed query.
 */
public final class TrackingTokens {

    /** What {@link #generate} gives: 32 bytes as URL-safe Base64 without padding, 43 characters. */
    public static final String SHAPE = "[A-Za-z0-9_-]{43}";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form; a missing token hashes like any other, so no look-up takes a shortcut. */
    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
