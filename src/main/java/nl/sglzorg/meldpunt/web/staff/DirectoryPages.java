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

    static final String STALE = "Iemand anders heeft dit net gewijzigd. Je invoer staat hieronder nog; "
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

    /** The service's terse words, as a sentence that says what to do. */
    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("minstens één rol", "Kies minstens één rol."),
            Map.entry("geen geldig e-mailadres", "Vul een geldig e-mailadres in, zoals naam@sgl-zorg.nl."),
            Map.entry("12 tot 72 tekens",
                    "Kies een wachtwoord van 12 tot 72 tekens."),
            Map.entry("verplicht voor een functionaris",
                    "Kies een functie: een functionaris hoort bij een functie."),
            Map.entry("verplicht voor een leidinggevende",
                    "Kies een eenheid: een leidinggevende hoort bij een eenheid."),
            Map.entry("verplicht voor een functie die over regio's gaat",
                    "Vul de regio in: deze functie gaat over regio's."),
            Map.entry("verplicht voor een functie die over activiteitencentra gaat",
                    "Vul het activiteitencentrum in: deze functie gaat over activiteitencentra."),
            Map.entry("alleen platforms die ook bij personalPlatforms staan",
                    "Kies hier alleen platforms die ook bij persoonlijke accounts aangevinkt zijn."),
            Map.entry("GENERAL hoort altijd bij COMMUNICATIONS",
                    "Het onderwerp algemeen hoort bij communicatie. Haal dat vinkje weg."));

    /** "verplicht" becomes "Vul naam in."; other words become a sentence, or follow the field's label. */
    static String words(String label, String message) {
        if (message.equals("verplicht")) {
            return "Vul " + label.toLowerCase(java.util.Locale.ROOT) + " in.";
        }
        String sentence = SENTENCES.get(message);
        return sentence != null ? sentence : label + ": " + message + ".";
    }
}
