package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.directory.StaffIdentityProvider;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.web.FormErrors;

/**
 * What every page of the staff desk ({@code /beheer}) shares: the layout's data (who is signed in,
 * which section of the navigation is open), no errors yet, and how a moment is written. The desk is
 * Dutch only; its users are SGL's own staff.
 */
@ApplicationScoped
public class StaffPages {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm",
            Locale.forLanguageTag("nl-NL"));

    /** The sections of the desk's navigation; a page names the one it belongs to. */
    public enum Section {
        QUEUE, TAKE, ESCALATIONS, EMAILS, WEBHOOKS, DIRECTORY, FIGURES, NONE
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    MeldpuntConfig config;

    /** A desk page: {@code me} is the signed-in staff member, or {@code null} on sign-in and public pages. */
    public TemplateInstance page(Template template, Section section) {
        StaffMember me = identity.isAnonymous() ? null : identity.getAttribute(StaffIdentityProvider.STAFF_MEMBER);
        return template.data("me", me).data("section", section.name()).data("errors", FormErrors.none())
                .data("flash", null);
    }

    /** A moment as staff read it, in SGL's time zone: "3 dec 2026 14:05". */
    public String format(Instant instant) {
        return instant == null ? "" : MOMENT.withZone(config.timeZone()).format(instant);
    }
}
