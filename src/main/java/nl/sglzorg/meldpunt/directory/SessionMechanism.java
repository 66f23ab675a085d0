package nl.sglzorg.meldpunt.directory;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Signs a request to the staff desk ({@code /beheer}) in by its session cookie. Beside it HTTP Basic
 * stays accepted everywhere (programs and tests); the JSON API never looks at the cookie, which the
 * browser does not even send there ({@code Path=/beheer}). A cookie of a session that is over counts
 * as no cookie: the page then asks to sign in, as it would without one.
 */
@ApplicationScoped
public class SessionMechanism implements HttpAuthenticationMechanism {

    /** Where a desk page sends whoever is not signed in. */
    public static final String SIGN_IN = "/beheer/inloggen";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = isDesk(context.request().path()) ? StaffSessions.tokenOf(context.request()) : null;
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new SessionAuthenticationRequest(token), context))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    /** For a desk page: to the sign-in page, and back here afterwards. Elsewhere Basic's challenge. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!isDesk(context.request().path())) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(303, "Location", signInFor(context.request().method().name(),
                context.request().uri())));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionAuthenticationRequest.class);
    }

    /** Before Basic: a signed-in browser is known by its cookie. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    /** The sign-in page that leads back to {@code uri} (path and query) when it was a GET. */
    public static String signInFor(String method, String uri) {
        boolean back = ("GET".equals(method) || "HEAD".equals(method)) && isDesk(uri);
        return back ? SIGN_IN + "?terug=" + URLEncoder.encode(uri, StandardCharsets.UTF_8) : SIGN_IN;
    }

    static boolean isDesk(String path) {
        return path != null && (path.equals("/beheer") || path.startsWith("/beheer/") || path.startsWith("/beheer?"));
    }
}
