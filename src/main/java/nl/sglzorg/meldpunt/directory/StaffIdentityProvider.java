package nl.sglzorg.meldpunt.directory;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.SecurityEvents;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.hibernate.jpa.HibernateHints;

/**
 * Signs staff in with HTTP Basic against {@code staff_user}: the account must exist and be enabled,
 * and the password must match its bcrypt hash. Roles, function and unit are read on every request,
 * so an edit applies to the very next one.
 *
 * <p>Bcrypt is slow on purpose (tens of milliseconds), and HTTP Basic sends the password with every
 * request. So once a password has been verified against a stored hash, its HMAC under a key that
 * lives only in this process is remembered beside that hash; a later request with the same password
 * is checked against the HMAC. A changed password has a new hash, so the old one is checked by
 * bcrypt again — and refused. Only passwords that really matched are remembered, at most one per
 * account; any other password is checked by bcrypt.
 *
 * <p>At most {@code meldpunt.limits.sign-in-concurrent-checks} bcrypt checks run at once; a sign-in
 * that finds none free is answered {@code 429} at once, so a flood of guesses cannot queue up the
 * CPU. Every refused sign-in costs exactly one bcrypt check, whatever made it fail.
 */
@ApplicationScoped
public class StaffIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Bcrypt reads only the first 72 bytes; a longer password would match on its first 72 alone. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** The identity's attribute that holds the signed-in {@link StaffMember}. */
    public static final String STAFF_MEMBER = "meldpunt.staff-member";

    /**
     * Compared against when the user does not exist, so an unknown name costs what a known one does:
     * the bcrypt hash (cost 10, like every stored one) of a random value nobody kept. A constant, not
     * computed at start, where it would cost a bcrypt run.
     */
    private static final String NO_SUCH_USER_HASH = "$2a$10$9YW/jLY7RmZUWrbydKBKL.eY1n9MquTCGgdaJ09p7PMVWG9bdd8Hq";

    private record Verified(String passwordHash, byte[] passwordMac) {
    }

    private final byte[] macKey = randomKey();
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** A keyed HMAC per thread: finding and keying one costs more than using it. */
    private final ThreadLocal<Mac> hmac = ThreadLocal.withInitial(this::newHmac);
    private final AtomicLong bcryptChecks = new AtomicLong();
    private Semaphore freeChecks;

    @Inject
    MeldpuntConfig config;

    @PostConstruct
    void init() {
        freeChecks = new Semaphore(config.limits().signInConcurrentChecks());
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        SignInGuard.Attempt attempt = http == null ? null : http.get(SignInGuard.ATTEMPT);
        return context.runBlocking(() -> settled(attempt,
                () -> check(request.getUsername(), new String(request.getPassword().getPassword()), attempt)));
    }

    /** Settles the guard's attempt here, before the answer is written, not after. */
    private static SecurityIdentity settled(SignInGuard.Attempt attempt, Supplier<SecurityIdentity> signIn) {
        if (attempt == null) {
            return signIn.get();
        }
        try {
            SecurityIdentity identity = signIn.get();
            attempt.succeeded();
            return identity;
        } catch (AuthenticationFailedException e) {
            attempt.failed();
            throw e;
        } catch (TooManyRequestsException e) {
            attempt.unchecked();
            throw e;
        }
    }

    private SecurityIdentity check(String username, String password, SignInGuard.Attempt attempt) {
        Optional<StaffUser> found = QuarkusTransaction.joiningExisting()
                .call(() -> StaffUser.find("username", username).withHint(HibernateHints.HINT_READ_ONLY, true)
                        .<StaffUser>firstResultOptional().filter(user -> user.enabled && mayUsePassword(user)));
        if (found.isEmpty()) {
            bcrypt(password, NO_SUCH_USER_HASH, attempt);
            throw new AuthenticationFailedException();
        }
        StaffUser user = found.get();
        if (!passwordMatches(user, password, attempt)) {
            throw new AuthenticationFailedException();
        }
        return identityOf(user);
    }

    /**
     * Signs in with a name and password from the desk's sign-in form, counted by the guard's
     * {@code attempt} exactly as a Basic sign-in is. Blocking: call it on a worker thread.
     */
    SecurityIdentity signIn(String username, String password, SignInGuard.Attempt attempt) {
        return settled(attempt, () -> check(username, password, attempt));
    }

    /** The identity of an account, with its roles and the {@link StaffMember} as they are now. */
    static SecurityIdentity identityOf(StaffUser user) {
        StaffMember member = new StaffMember(user.username, user.roleSet(), user.functionCode, user.unitCode, user.email);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRoles(member.roles())
                .addAttribute(STAFF_MEMBER, member)
                .build();
    }

    /**
     * Whether this account may sign in with a Meldpunt password: everyone's may, unless
     * {@code meldpunt.local-passwords} keeps passwords for communicatie (the break-glass account) once
     * staff sign in with the organisation's account. Any other is refused as an unknown name is.
     */
    private boolean mayUsePassword(StaffUser user) {
        return config.localPasswords() == MeldpuntConfig.LocalPasswords.EVERYONE
                || user.roleSet().contains(Roles.COMMUNICATIE);
    }

    /** Whether bcrypt would ignore part of this password. */
    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES;
    }

    /**
     * Whether this password was verified for this user name before, in this instance: checking it
     * again costs no bcrypt. (Whether it still matches the stored hash is checked as ever when the
     * request is authenticated.) Cheap enough for the event loop: one keyed hash.
     */
    boolean verifiedBefore(String username, String password) {
        Verified known = verified.get(username);
        return known != null && !tooLong(password) && MessageDigest.isEqual(known.passwordMac(), mac(password));
    }

    private boolean passwordMatches(StaffUser user, String password, SignInGuard.Attempt attempt) {
        if (tooLong(password)) {
            // Refused all the same, but at the price of an unknown name: the timing tells nothing.
            bcrypt(password, NO_SUCH_USER_HASH, attempt);
            return false;
        }
        byte[] mac = mac(password);
        Verified known = verified.get(user.username);
        if (known != null && known.passwordHash().equals(user.passwordHash)
                && MessageDigest.isEqual(known.passwordMac(), mac)) {
            return true;
        }
        // A wrong password always costs a bcrypt check, so timing tells nothing about the account.
        if (!bcrypt(password, user.passwordHash, attempt)) {
            return false;
        }
        verified.put(user.username, new Verified(user.passwordHash, mac));
        return true;
    }

    /**
     * One bcrypt check: first counted as a failure by the guard's attempt (or refused when the count
     * is full), then run if a check is free, else {@code 429} without waiting.
     */
    private boolean bcrypt(String password, String hash, SignInGuard.Attempt attempt) {
        if (attempt != null) {
            attempt.reserve();
        }
        if (!freeChecks.tryAcquire()) {
            SecurityEvents.log("sign-in-busy", "checks=" + config.limits().signInConcurrentChecks());
            throw new TooManyRequestsException(Duration.ofSeconds(1));
        }
        try {
            bcryptChecks.incrementAndGet();
            return BcryptUtil.matches(password, hash);
        } finally {
            freeChecks.release();
        }
    }

    /** How many bcrypt checks ran since start; for tests. */
    long bcryptChecks() {
        return bcryptChecks.get();
    }

    /** The free bcrypt checks; a test takes them to see what a full house answers. */
    Semaphore freeChecks() {
        return freeChecks;
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private byte[] mac(String password) {
        return hmac.get().doFinal(password.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newHmac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
