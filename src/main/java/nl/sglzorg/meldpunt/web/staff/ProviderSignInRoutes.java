package nl.sglzorg.meldpunt.web.staff;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import nl.sglzorg.meldpunt.directory.ProviderSignIn;

/**
 * Before anyone is signed in on {@code /beheer/inloggen/sgl…}: without a provider configured those
 * addresses lead to the sign-in page (not to a challenge nobody can answer), and signing out at the
 * provider without its session cookie — a password sign-in, or a session long over — only signs out of
 * Meldpunt (quarkus-oidc would send the browser to the provider to sign in first).
 */
@ApplicationScoped
public class ProviderSignInRoutes {

    /** The code-flow tenant's session cookie (quarkus-oidc: {@code q_session_<tenant>}, maybe in chunks). */
    static final String SESSION_COOKIE = "q_session_sgl";

    @Inject
    ProviderSignIn provider;

    void install(@Observes Router router) {
        // After the cross-site and sign-in guards (MIN_VALUE + 1, + 2), before Quarkus' authentication.
        router.routeWithRegex(ProviderSignInPage.PATH + "(/.*)?").order(Integer.MIN_VALUE + 3).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        if (!provider.enabled()) {
            seeOther(ctx, SignInPage.PATH);
        } else if (ctx.normalizedPath().equals(ProviderSignInPage.SIGN_OUT) && !hasProviderSession(ctx.request())) {
            seeOther(ctx, SignInPage.PATH + "?uitgelogd=1");
        } else {
            ctx.next();
        }
    }

    /** Whether the browser still holds the session of its sign-in at the provider. */
    static boolean hasProviderSession(HttpServerRequest request) {
        return request.cookieMap().keySet().stream().anyMatch(name -> name.startsWith(SESSION_COOKIE));
    }

    private static void seeOther(RoutingContext ctx, String path) {
        ctx.response().setStatusCode(303).putHeader("Location", path).end();
    }
}
