package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.Violation;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What the e-mail and directory pages share: who may change things (communicatie, exactly as the
 * API's {@code @RolesAllowed}), the answer for everyone else, a service's violations in plain words
 * next to the form's fields, and the message for a form that someone else overtook.
 */
@ApplicationScoped
public class DirectoryPages {

    static final String STALE = "Iemand anders heeft dit net gewijzigd. Uw invoer staat hieronder nog; "
            + "bekijk de nieuwe gegevens en sla opnieuw op.";

    @Inject
    StaffPages pages;

    @Inject
    CurrentStaff staff;

    @Inject
    @Location("web/staff/directory-forbidden.html")
    Template forbidden;

    /** Whether the signed-in staff member may keep the directory and the outbox. */
    boolean mayChange() {
        return staff.get().isCommunicatie();
    }

    /** The API's answer to another role, {@code 403}, as a page. */
    RestResponse<TemplateInstance> forbidden(StaffPages.Section section) {
        return Pages.status(403, pages.page(forbidden, section));
    }

    /** Post/redirect/get: {@code 303} to the page that shows the outcome. */
    static <T> RestResponse<T> seeOther(String path) {
        return RestResponse.seeOther(URI.create(path));
    }

    /**
     * A service's violations in plain words, each next to its field. {@code labels} names the fields
     * as the form shows them; a violation of a field the form does not have goes to {@code fallback}.
     */
    static FormErrors errors(InvalidInputException e, Map<String, String> labels, String fallback) {
        FormErrors errors = FormErrors.none();
        for (Violation violation : e.violations()) {
            String field = labels.containsKey(violation.field()) ? violation.field() : fallback;
            errors.add(field, words(labels.getOrDefault(field, field), violation.message()));
        }
        return errors;
    }

    /** "verplicht" becomes "Vul de naam in."; anything else keeps the service's words after the label. */
    static String words(String label, String message) {
        if (message.equals("verplicht") || message.equals("minstens één rol")) {
            return "Vul " + label.toLowerCase(java.util.Locale.ROOT) + " in.";
        }
        return label + ": " + message + ".";
    }
}
