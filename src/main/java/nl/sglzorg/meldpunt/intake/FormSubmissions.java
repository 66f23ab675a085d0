package nl.sglzorg.meldpunt.intake;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.ticket.TrackingTokens;

/**
 * The one-time keys of the reporter's page forms. Each page that can file a signal, add a message or
 * add screenshots carries a key of its own ({@link #newKey}); what the form did is written with its key,
 * so the same form sent again (a reload of the answer, the back button, a double click, a post replayed)
 * finds it and does not do it twice. Kept for {@link #KEPT}: the key's hash, the signal it acted on and,
 * for a filing, the signal's tracking code sealed under the key itself ({@link #seal}).
 *
 * <p>A filing or a message takes its key in the same transaction as its work ({@link #spend}, then
 * {@link #done}): a crash before the commit leaves neither, so a signal that was never filed is never
 * answered as "already sent"; two sends at once queue on the key's row (as reports of one post queue on
 * theirs), and the second sees the first's work once it committed, or does it itself when it rolled back.
 * Screenshots are stored one by one, so their key is claimed in a transaction of its own first
 * ({@link #claim}) and given back when none was stored ({@link #release}).
 */
@ApplicationScoped
public class FormSubmissions {

    /** How long a spent key is remembered: longer than anyone keeps a page open and sends it again. */
    static final Duration KEPT = Duration.ofDays(1);

    private static final Pattern KEY = Pattern.compile(TrackingTokens.SHAPE);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    @Inject
    Clock clock;

    @Inject
    DataSource dataSource;

    /**
     * What a key did before: the signal it acted on, and that signal's tracking code when the key filed
     * it (unsealed with the key that was sent again; absent for a message or screenshots).
     */
    public record Spent(String reference, Optional<String> trackingCode) {
    }

    /** A new key for a page form: 256 random bits, as a tracking code has. */
    public static String newKey() {
        return TrackingTokens.generate();
    }

    /** Whether {@code key} has the shape of a key; a form without one (a page from before) is not guarded. */
    static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /**
     * Takes {@code key} for the work of the caller's transaction, or answers what it did before. Empty:
     * the key is this transaction's now (others sending it wait here until it ends), and the caller does
     * the work and then calls {@link #done}. A key that is no key ({@link #isKey}) is never spent.
     */
    Optional<Spent> spend(String key) {
        if (!isKey(key)) {
            return Optional.empty();
        }
        String hash = TrackingTokens.hash(key);
        if (Sql.update("INSERT INTO form_submission (key_hash, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING", hash,
                Instant.now(clock)) == 1) {
            // A first send, the usual case: the new row is this transaction's until it ends.
            return Optional.empty();
        }
        return read(Sql.rows("SELECT reference, sealed_code FROM form_submission WHERE key_hash = ? FOR UPDATE", hash), key);
    }

    /**
     * Notes that {@code key}, taken by {@link #spend} in this transaction, acted on {@code reference};
     * {@code trackingCode}, when the key filed it, is kept sealed under the key.
     */
    void done(String key, String reference, String trackingCode) {
        if (isKey(key)) {
            Sql.update("UPDATE form_submission SET reference = ?, sealed_code = ? WHERE key_hash = ?", reference,
                    trackingCode == null ? null : seal(key, trackingCode, reference), TrackingTokens.hash(key));
        }
    }

    /**
     * What {@code key} already did, without taking it: asked before work that is costly to start. One
     * statement that commits by itself, outside its caller's transaction: the first send of every form
     * asks it, and in the transaction it would take two more round trips (begin and commit). Ask it first
     * in a transaction, which then holds no connection yet, so that the look-up takes the only one.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<Spent> spent(String key) {
        if (!isKey(key)) {
            return Optional.empty();
        }
        return read(Sql.rowsCommitted(dataSource, "SELECT reference, sealed_code FROM form_submission WHERE key_hash = ?",
                TrackingTokens.hash(key)), key);
    }

    /**
     * Takes {@code key} for work on {@code reference} that cannot share one transaction with it, in a
     * transaction of its own that commits at once: {@code false} when the key was taken before (a send
     * again, or one at the same moment, which then waits here for the first to commit). A key that is
     * no key is always free.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(String key, String reference) {
        if (!isKey(key)) {
            return true;
        }
        return Sql.update("INSERT INTO form_submission (key_hash, reference, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", TrackingTokens.hash(key), reference, Instant.now(clock)) == 1;
    }

    /** Gives back a key {@link #claim} took when its work did nothing: the same form may then try again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(String key) {
        if (isKey(key)) {
            Sql.update("DELETE FROM form_submission WHERE key_hash = ?", TrackingTokens.hash(key));
        }
    }

    /** The key's row, when its work is done: taken but not done is not spent. */
    private static Optional<Spent> read(List<Object[]> rows, String key) {
        if (rows.isEmpty() || rows.get(0)[0] == null) {
            return Optional.empty();
        }
        String reference = (String) rows.get(0)[0];
        String sealed = (String) rows.get(0)[1];
        return Optional.of(new Spent(reference, sealed == null ? Optional.empty() : unseal(key, sealed, reference)));
    }

    /**
     * The tracking code, encrypted (AES-256-GCM) under a key derived from the form's key. The database
     * holds the form key's hash, from which the sealing key cannot be had: only whoever sends the form's
     * key again, the browser that was shown the receipt, can read the code, and that browser could have
     * read it there. Nothing of the code is kept that the server itself can read. The signal's reference
     * is authenticated with it: a sealed code moved to another row does not open there.
     */
    private static String seal(String key, String plain, String reference) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce), reference)
                    .doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The code {@link #seal} sealed; empty when it does not open (a row changed or damaged): no code then. */
    private static Optional<String> unseal(String key, String sealed, String reference) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            GCMParameterSpec nonce = new GCMParameterSpec(128, bytes, 0, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, reference);
            return Optional.of(new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** AES-GCM under the form key's sealing key, with the signal's reference as associated data. */
    private static Cipher cipher(int mode, String key, GCMParameterSpec nonce, String reference)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, sealingKey(key), nonce);
        cipher.updateAAD(reference.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** SHA-256 over a label and the form's key: not the hash the table keeps, which is over the key alone. */
    private static SecretKeySpec sealingKey(String key) throws GeneralSecurityException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("meldpunt form code seal|".getBytes(StandardCharsets.US_ASCII));
        return new SecretKeySpec(sha256.digest(key.getBytes(StandardCharsets.US_ASCII)), "AES");
    }

    /** Forgets keys older than {@link #KEPT}. */
    @Scheduled(every = "1h", delay = 3, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Sql.update("DELETE FROM form_submission WHERE created_at < ?", Instant.now(clock).minus(KEPT));
    }
}
