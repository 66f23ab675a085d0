package nl.sglzorg.meldpunt.web.staff;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import nl.sglzorg.meldpunt.directory.ProviderSignIn;
import nl.sglzorg.meldpunt.directory.StaffSessions;
import org.jboss.resteasy.reactive.RestResponse;

/** The desk's way in and out: {@code /beheer} opens the queue, {@code POST /beheer/uitloggen} signs out. */
@Path("/beheer")
public class DeskRoot {

    /** Where a signed-in staff member starts. */
    public static final String START = "/beheer/wachtrij";

    @Inject
    StaffSessions sessions;

    @Inject
    ProviderSignIn provider;

    @Inject
    HttpServerRequest http;

    @GET
    public RestResponse<Void> start() {
        return seeOther(START);
    }

    /**
     * Ends this browser's session on the server (a copy of its cookie stops working at once), makes
     * the browser forget the cookie, and shows the sign-in page with "Je bent uitgelogd".
     */
    @POST
    @Path("/uitloggen")
    public RestResponse<Void> signOut() {
        String token = StaffSessions.tokenOf(http);
        if (token != null) {
            sessions.end(token);
        }
        http.response().addCookie(sessions.removal(http));
        // Signed in with SGL's account? Then out of the provider too (ProviderSignInPage decides).
        return seeOther(provider.enabled() ? ProviderSignInPage.SIGNED_OUT : SignInPage.PATH + "?uitgelogd=1");
    }

    /** {@code 303 See Other} to a path of Meldpunt, as a relative address (right behind any proxy). */
    public static <T> RestResponse<T> seeOther(String path) {
        return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.SEE_OTHER).header("Location", path).build();
    }
}
