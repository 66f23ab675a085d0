package nl.sglzorg.meldpunt.directory;

import io.quarkus.scheduler.Scheduled;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;

/**
 * The staff desk's sign-in sessions, kept in the database so that every instance knows them and
 * signing out ends one at once. The cookie holds 256 random bits; the table only their SHA-256, the
 * user name and two moments. A session ends after {@code meldpunt.desk.session-idle-timeout} without
 * use, {@code meldpunt.desk.session-lifetime} after sign-in, on sign-out, and when its account's
 * password changes or the account is disabled ({@link #endAll}).
 */
@ApplicationScoped
public class StaffSessions {

    /** The cookie, sent only to the desk. */
    public static final String COOKIE = "meldpunt-session";
    public static final String PATH = "/beheer";

    /** Last use is written at most this often: a page view is a read, not a write. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_CHARS = 43; // 32 bytes, base64url without padding

    /** A session as its owner sees it on "Mijn account". */
    public record ActiveSession(Instant started, Instant lastUsed, boolean current) {
    }

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    /** Starts a session for this account; the answer is the token for the cookie, kept nowhere else. */
    @Transactional
    public String start(String username) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        StaffSession session = new StaffSession();
        session.tokenHash = hash(token);
        session.username = username;
        session.createdAt = clock.instant();
        session.lastSeenAt = session.createdAt;
        session.persist();
        return token;
    }

    /**
     * The enabled account behind a live session, read afresh (role and unit edits apply at once).
     * An expired session is removed here; a live one's last use is written at most once a minute.
     */
    @Transactional
    public Optional<StaffUser> account(String token) {
        StaffSession session = find(token);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            session.delete();
            return Optional.empty();
        }
        Optional<StaffUser> user = StaffUser.findByUsername(session.username).filter(u -> u.enabled);
        if (user.isPresent() && !now.isBefore(session.lastSeenAt.plus(TOUCH_EVERY))) {
            session.lastSeenAt = now;
        }
        return user;
    }

    /** Ends the session of this token (signing out); nothing when there is none. */
    @Transactional
    public void end(String token) {
        StaffSession session = find(token);
        if (session != null) {
            session.delete();
        }
    }

    /** Ends every session of an account: its password changed, or it was disabled. */
    @Transactional
    public long endAll(String username) {
        return StaffSession.delete("username", username);
    }

    /** Ends every session of an account but this one ("Uitloggen op alle andere apparaten"). */
    @Transactional
    public long endOthers(String username, String token) {
        String keep = valid(token) ? hash(token) : "";
        return StaffSession.delete("username = ?1 and tokenHash <> ?2", username, keep);
    }

    /** The live sessions of an account, the latest used first; {@code token} marks this browser's. */
    @Transactional
    public List<ActiveSession> of(String username, String token) {
        String current = valid(token) ? hash(token) : "";
        Instant now = clock.instant();
        return StaffSession.<StaffSession>list("username = ?1 order by lastSeenAt desc", username).stream()
                .filter(session -> !expired(session, now))
                .map(session -> new ActiveSession(session.createdAt, session.lastSeenAt, session.tokenHash.equals(current)))
                .toList();
    }

    /** Every ten minutes: a session nobody signs out of would otherwise stay in the table for good. */
    @Scheduled(every = "10m", delay = 2, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpiredSessions() {
        removeExpired();
    }

    /** Removes the sessions that are over, and answers how many; run by the schedule, or by a test. */
    @Transactional
    public long removeExpired() {
        Instant now = clock.instant();
        return StaffSession.delete("lastSeenAt <= ?1 or createdAt <= ?2",
                now.minus(config.desk().sessionIdleTimeout()), now.minus(config.desk().sessionLifetime()));
    }

    /**
     * The cookie that carries a new session: HttpOnly, SameSite=Lax (a link in an e-mail lands signed
     * in; forms carry the CSRF token), only for {@code /beheer}, Secure when the request came over
     * HTTPS (a trusted proxy's {@code X-Forwarded-Proto} counts), and gone when the session would be.
     */
    public Cookie cookie(String token, HttpServerRequest request) {
        return Cookie.cookie(COOKIE, token).setPath(PATH).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(overHttps(request)).setMaxAge(config.desk().sessionLifetime().toSeconds());
    }

    /** The cookie that makes the browser forget its session. */
    public Cookie removal(HttpServerRequest request) {
        return Cookie.cookie(COOKIE, "").setPath(PATH).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                .setSecure(overHttps(request)).setMaxAge(0);
    }

    /** This request's session token from its cookie, or {@code null}. */
    public static String tokenOf(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || !valid(cookie.getValue()) ? null : cookie.getValue();
    }

    private static boolean overHttps(HttpServerRequest request) {
        // Behind a trusted proxy Quarkus takes the scheme from X-Forwarded-Proto.
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }

    private boolean expired(StaffSession session, Instant now) {
        return !now.isBefore(session.lastSeenAt.plus(config.desk().sessionIdleTimeout()))
                || !now.isBefore(session.createdAt.plus(config.desk().sessionLifetime()));
    }

    private static StaffSession find(String token) {
        return valid(token) ? StaffSession.findById(hash(token)) : null;
    }

    private static boolean valid(String token) {
        return token != null && token.length() == TOKEN_CHARS && token.chars().allMatch(
                c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
