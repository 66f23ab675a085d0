package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.directory.ProviderSignIn;
import nl.sglzorg.meldpunt.directory.SignInGuard;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.directory.StaffSessions;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /beheer/inloggen}: staff sign in with their name and password and get a session cookie. The
 * password is checked by {@link SignInGuard} under the very counts and locks of the API's Basic
 * sign-in; a wrong name and a wrong password get the same words.
 */
@Path(SignInPage.PATH)
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    public static final String PATH = "/beheer/inloggen";

    static final String WRONG = "De gebruikersnaam of het wachtwoord klopt niet. Let op hoofdletters.";

    @Inject
    StaffPages pages;

    @Inject
    SignInGuard guard;

    @Inject
    StaffSessions sessions;

    @Inject
    ProviderSignIn provider;

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest http;

    @Inject
    @Location("web/staff/sign-in.html")
    Template signIn;

    @GET
    public RestResponse<TemplateInstance> form(@RestQuery String terug, @RestQuery String uitgelogd) {
        if (!identity.isAnonymous() && uitgelogd == null) {
            return DeskRoot.seeOther(destination(terug));
        }
        TemplateInstance page = page("", terug, FormErrors.none());
        return Pages.ok(uitgelogd == null ? page : page.data("flash", "Je bent uitgelogd."));
    }

    /**
     * Blocking, for the guard's locks; a slowed-down sign-in then waits on a timer, not on this
     * thread, so guesses sent by the dozen never hold the desk's request threads.
     */
    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<TemplateInstance>> signIn(@RestForm String username, @RestForm String password,
            @RestForm String terug) {
        String name = username == null ? "" : username.strip();
        FormErrors errors = FormErrors.none();
        if (name.isEmpty()) {
            errors.add("username", "Vul je gebruikersnaam in.");
        }
        if (password == null || password.isEmpty()) {
            errors.add("password", "Vul je wachtwoord in.");
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(Pages.status(400, page(name, terug, errors)));
        }
        return guard.signIn(http, name, password).map(member -> {
            // A new session every time (never one the browser brought along); the old one, if any, ends.
            String old = StaffSessions.tokenOf(http);
            if (old != null) {
                sessions.end(old);
            }
            http.response().addCookie(sessions.cookie(sessions.start(member.username()), http));
            return DeskRoot.<TemplateInstance>seeOther(destination(terug));
        }).onFailure(AuthenticationFailedException.class)
                .recoverWithItem(wrong -> Pages.status(400, page(name, terug, errors.add("password", WRONG))))
                .onFailure(TooManyRequestsException.class)
                .recoverWithItem(e -> tooMany(name, terug, (TooManyRequestsException) e));
    }

    /**
     * Where to go after signing in: {@code terug} when it is a path of the desk, else the queue.
     * Nothing else is ever followed, so no link can send a fresh sign-in to another site.
     */
    static String destination(String terug) {
        if (terug == null || !(terug.equals("/beheer") || terug.startsWith("/beheer/") || terug.startsWith("/beheer?"))
                || terug.startsWith(PATH) || terug.startsWith("/beheer/uitloggen") || terug.contains("..")
                || terug.contains("\\") || terug.contains("//") || terug.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return DeskRoot.START;
        }
        return terug;
    }

    private TemplateInstance page(String username, String terug, FormErrors errors) {
        String back = destination(terug);
        return pages.page(signIn, StaffPages.Section.NONE).data("username", username)
                .data("terug", back.equals(DeskRoot.START) ? null : back).data("errors", errors)
                .data("sgl", provider.enabled() ? ProviderSignInPage.link(back.equals(DeskRoot.START) ? null : back) : null)
                .data("locked", null);
    }

    /** Locked, or every password check busy: {@code 429} with {@code Retry-After}, and the form for later. */
    private RestResponse<TemplateInstance> tooMany(String username, String terug, TooManyRequestsException e) {
        long seconds = e.retryAfterSeconds();
        long minutes = (seconds + 59) / 60;
        String message = seconds < 60
                ? "Het is even te druk om in te loggen. Probeer het over een paar seconden opnieuw."
                : "Te veel mislukte pogingen om in te loggen. Probeer het over " + minutes
                        + (minutes == 1 ? " minuut" : " minuten") + " opnieuw.";
        return RestResponse.ResponseBuilder.<TemplateInstance>create(429)
                .entity(page(username, terug, FormErrors.none()).data("locked", message))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Retry-After", Long.toString(seconds)).build();
    }
}
