package nl.sglzorg.meldpunt.common.web;

import io.quarkus.logging.Log;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Security events as structured log lines without personal data: a client address or user name is
 * written as a short keyed hash, enough to see that attempts repeat, useless to identify anyone. The
 * key is new at every start.
 */
public final class SecurityEvents {

    private static final byte[] KEY = new byte[16];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private SecurityEvents() {
    }

    public static void log(String event, String detail) {
        Log.warnf("security event=%s %s", event, detail);
    }

    /** A pseudonym for a client address or user name, stable until the next start. */
    public static String pseudonym(String value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(KEY);
            byte[] hash = digest.digest((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
