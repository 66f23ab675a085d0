package nl.sglzorg.meldpunt.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Cross-site request forgery protection for the page forms, and only for them (the double-submit
 * cookie of quarkus-rest-csrf, scoped to this package and its sub-packages): a page shown by GET sets an HttpOnly,
 * SameSite=Lax cookie with 256 random bits, its forms carry the same value in {@code csrf-token}
 * ({@code {inject:csrf.token}} in a template), and a POST whose field does not match its cookie is
 * refused with {@code 400} and a page that says so before the resource runs. The JSON API is left alone:
 * quarkus-rest-csrf's filter applies to every endpoint and would refuse the API's multipart evidence upload.
 *
 * <p>Lax, not Strict: a browser leaves a Strict cookie off a page opened from another site (a link in an
 * e-mail: the desk's notifications are full of them), so that page made a new token and its cookie replaced
 * the one the forms in the other tabs carry, and each of those then failed with what was typed in it. A Lax
 * cookie comes with such a link and is still left off another site's POST, and the forgery still needs the
 * field, which another site cannot read. Every page shown sets the cookie again for {@link #KEPT}, so a form
 * opened in a working day does not expire under a staff member while they use the desk.
 */
@RequestScoped
@Named("csrf")
public class PageCsrf {

    static final String COOKIE = "meldpunt-csrf";
    static final String FIELD = "csrf-token";
    /** How long the cookie lasts after the last page shown: a working day and then some. */
    static final Duration KEPT = Duration.ofHours(12);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext routing;

    @Inject
    Pages pages;


    private String token;

    /**
     * The token for this request's forms: the cookie's, or a new one; the answer sets the cookie again
     * either way, for another {@link #KEPT}.
     */
    public String getToken() {
        if (token == null) {
            token = cookie();
            if (token == null) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }
            routing.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.LAX).setSecure(routing.request().isSSL())
                    .setMaxAge(KEPT.toSeconds()));
        }
        return token;
    }

    public String getParameterName() {
        return FIELD;
    }

    private String cookie() {
        Cookie cookie = routing.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().length() != 43 ? null : cookie.getValue();
    }

    /** Checks every state-changing request to a page resource. */
    @ServerRequestFilter
    @WithFormRead
    public void verify(ResteasyReactiveContainerRequestContext request, SimpleResourceInfo resource) {
        if (!isPage(resource)) {
            return;
        }
        if (isSafe(request.getMethod())) {
            getToken(); // a page's forms need the cookie before the page is written
            return;
        }
        String expected = cookie();
        ResteasyReactiveRequestContext form = (ResteasyReactiveRequestContext) request.getServerRequestContext();
        Object sent = form.getFormParameter(FIELD, true, false);
        if (expected == null || !(sent instanceof String given) || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            request.abortWith(expired(form.getFormParameter("lang", true, false), request.getUriInfo().getPath()));
        } else if (holdsNul(form.getFormData())) {
            // No one types it, and PostgreSQL stores no text with it: a 500 for the form, and for the public
            // sign-in form an error in the log per request (until session 38). Nothing is done.
            Object lang = form.getFormParameter("lang", true, false);
            request.abortWith(html(pages.failure(request.getUriInfo().getPath(), lang instanceof String asked ? asked : null,
                    400, false, null).render()));
        }
    }

    /**
     * The answer to a form whose token does not match: {@code 400} with a page in the form's language
     * that says the form expired or did not come from Meldpunt, and what to do. Nothing was done.
     */
    private Response expired(Object lang, String path) {
        return html(pages.failure(path, lang instanceof String asked ? asked : null, 400, true, null).render());
    }

    private static Response html(String page) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }

    /** Whether a text field of the form holds a NUL character (U+0000); files are not looked at. */
    private static boolean holdsNul(FormData form) {
        if (form == null) {
            return false;
        }
        for (String name : form) {
            for (FormValue value : form.get(name)) {
                if (!value.isFileItem() && value.getValue() != null && value.getValue().indexOf('\u0000') >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPage(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() != null
                && isPagePackage(resource.getResourceClass().getPackageName());
    }

    /** The reporter pages ({@code web}) and the staff desk ({@code web.staff}). */
    private static boolean isPagePackage(String name) {
        String pages = PageCsrf.class.getPackageName();
        return name.equals(pages) || name.startsWith(pages + ".");
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }
}
