package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.directory.AccountDetails;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.directory.StaffSessions;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code /beheer/account}, "Mijn account": who you are, where you are signed in, and signing out elsewhere. */
@Path("/beheer/account")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AccountPage {

    @Inject
    StaffPages pages;

    @Inject
    CurrentStaff current;

    @Inject
    AccountDetails details;

    @Inject
    StaffSessions sessions;

    @Inject
    HttpServerRequest http;

    @Inject
    MeldpuntConfig config;

    @Inject
    @Location("web/staff/account.html")
    Template account;

    /** A session as the page shows it. */
    @TemplateData
    public record SessionRow(String started, String lastUsed, boolean current) {
    }

    @GET
    public RestResponse<TemplateInstance> show(@RestQuery String klaar) {
        StaffMember me = current.get();
        AccountDetails.Details names = details.of(me);
        List<SessionRow> rows = sessions.of(me.username(), StaffSessions.tokenOf(http)).stream()
                .map(s -> new SessionRow(pages.format(s.started()), pages.format(s.lastUsed()), s.current())).toList();
        // "ACCOUNT": the name at the top, the link here, is marked as the page you are on.
        TemplateInstance page = pages.page(account, StaffPages.Section.NONE).data("section", "ACCOUNT").data("roles", roles(me))
                .data("function", names.function()).data("unit", names.unit()).data("sessions", rows)
                .data("others", rows.stream().anyMatch(row -> !row.current()))
                .data("idle", words(config.desk().sessionIdleTimeout()))
                .data("lifetime", words(config.desk().sessionLifetime()));
        return Pages.ok("andere".equals(klaar) ? page.data("flash", "Je bent uitgelogd op alle andere apparaten.") : page);
    }

    /** Ends every session of this account except this browser's. */
    @POST
    @Path("/andere-apparaten")
    public RestResponse<Void> signOutElsewhere() {
        sessions.endOthers(current.get().username(), StaffSessions.tokenOf(http));
        return DeskRoot.seeOther("/beheer/account?klaar=andere");
    }

    /** A duration as people say it: "30 minuten", "10 uur", "1 uur en 30 minuten". */
    static String words(Duration duration) {
        long hours = duration.toHours();
        long minutes = duration.toMinutesPart();
        String h = hours + " uur";
        String m = minutes + (minutes == 1 ? " minuut" : " minuten");
        return hours == 0 ? m : minutes == 0 ? h : h + " en " + m;
    }

    /** The roles in words, in a fixed order. */
    static List<String> roles(StaffMember me) {
        return new TreeSet<>(me.roles()).stream().map(role -> switch (role) {
            case Roles.COMMUNICATIE -> "Communicatie: ziet alle meldingen en verdeelt ze";
            case Roles.FUNCTIONARIS -> "Functionaris: beantwoordt meldingen voor een functie";
            case Roles.LEIDINGGEVENDE -> "Leidinggevende: krijgt escalaties van een eenheid";
            default -> role;
        }).toList();
    }
}
