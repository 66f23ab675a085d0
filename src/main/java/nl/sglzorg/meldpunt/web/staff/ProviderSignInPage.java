package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import nl.sglzorg.meldpunt.directory.StaffIdentityProvider;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.directory.StaffSessions;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Sign-in with the organisation's account. quarkus-oidc's tenant {@code sgl} runs the
 * authorization-code flow on {@link #PATH}; once the provider has signed the person in and Meldpunt
 * knows them ({@code directory.ProviderIdentityAugmentor}), this page starts an ordinary desk session,
 * as the password form does, and opens the queue. Sign-out passes {@link #SIGNED_OUT} on its way to the
 * provider's sign-out.
 */
@Path(ProviderSignInPage.PATH)
@Produces(MediaType.TEXT_HTML)
public class ProviderSignInPage {

    public static final String PATH = "/beheer/inloggen/sgl";
    /** quarkus-oidc's sign-out at the provider (RP-initiated logout); back at the sign-in page after. */
    public static final String SIGN_OUT = PATH + "/uitloggen";
    /** Between the desk's sign-out form and the provider's sign-out: a page, see {@link #signedOut()}. */
    public static final String SIGNED_OUT = PATH + "/uitgelogd";

    @Inject
    StaffPages pages;

    @Inject
    StaffSessions sessions;

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest http;

    @Inject
    @Location("web/staff/provider-refused.html")
    Template refused;

    @Inject
    @Location("web/staff/provider-failed.html")
    Template failed;

    @Inject
    @Location("web/staff/provider-signed-out.html")
    Template signedOut;

    /** The link on the sign-in page, leading back to {@code terug} (a desk path) afterwards. */
    public static String link(String terug) {
        return terug == null ? PATH : PATH + "?terug=" + URLEncoder.encode(terug, StandardCharsets.UTF_8);
    }

    /** Back from the provider, signed in there: a desk session, or a page saying Meldpunt does not know them. */
    @GET
    @Authenticated
    public RestResponse<TemplateInstance> signedIn(@RestQuery String terug) {
        StaffMember member = identity.getAttribute(StaffIdentityProvider.STAFF_MEMBER);
        if (member == null) {
            return Pages.status(403, pages.page(refused, StaffPages.Section.NONE));
        }
        // A new session every time, as with a password; one the browser brought along ends.
        String old = StaffSessions.tokenOf(http);
        if (old != null) {
            sessions.end(old);
        }
        http.response().addCookie(sessions.cookie(sessions.start(member.username()), http));
        return DeskRoot.seeOther(SignInPage.destination(terug));
    }

    /** The provider answered with an error instead of a sign-in (quarkus-oidc's error path). */
    @GET
    @Path("/mislukt")
    @PermitAll
    public RestResponse<TemplateInstance> failed(@RestQuery String error) {
        return Pages.ok(pages.page(failed, StaffPages.Section.NONE).data("cancelled", "access_denied".equals(error)));
    }

    /**
     * Signed out of Meldpunt; now out of the provider too. A page rather than a redirect: the desk's
     * sign-out is a form, and the pages' {@code form-action 'self'} would stop a form's redirect that ends
     * at the provider. This page goes there at once by itself ({@code meta refresh}, no script), and has
     * a link for a browser that does not.
     */
    @GET
    @Path("/uitgelogd")
    @PermitAll
    public RestResponse<TemplateInstance> signedOut() {
        if (!ProviderSignInRoutes.hasProviderSession(http)) {
            return DeskRoot.seeOther(SignInPage.PATH + "?uitgelogd=1");
        }
        return Pages.ok(pages.page(signedOut, StaffPages.Section.NONE));
    }
}
