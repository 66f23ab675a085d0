package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.escalation.EscalationService;
import nl.sglzorg.meldpunt.escalation.MyEscalation;
import nl.sglzorg.meldpunt.escalation.MyEscalations;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /beheer/escalaties}, "Mijn escalaties": the escalations put before the signed-in staff
 * member (all of them for communicatie), each linking to its ticket, with a button to acknowledge
 * by the same rules as the API.
 */
@Path("/beheer/escalaties")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class EscalationsPage {

    @Inject
    EscalationService escalations;

    @Inject
    StaffPages pages;

    @Inject
    @Location("web/staff/escalations.html")
    Template list;

    /** One escalation, in words. */
    @TemplateData
    public record Row(long id, String reference, String category, String priority, int level, String reason,
            String manager, String raised, String deadline, boolean overdue, String acknowledgedBy,
            String acknowledgedAt, boolean mayAcknowledge, String error) {
    }

    @GET
    public RestResponse<TemplateInstance> show(@RestQuery("bevestigd") Long acknowledged) {
        MyEscalations mine = escalations.mine();
        String flash = acknowledged == null ? null : mine.acknowledged().stream()
                .filter(e -> e.id() == acknowledged).findFirst()
                .map(e -> "Je hebt de escalatie van melding " + e.reference() + " bevestigd.").orElse(null);
        return Pages.ok(page(mine, FormErrors.none()).data("flash", flash));
    }

    @POST
    @Path("/{id}/bevestigen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> acknowledge(@RestPath long id, @RestForm String reference) {
        String field = EscalationsPage.field(id);
        try {
            escalations.acknowledge(reference == null ? "" : reference, id);
        } catch (ConflictException e) {
            return refused(409, field, "Deze escalatie is al bevestigd. Je hoeft niets meer te doen.");
        } catch (ForbiddenException e) {
            return refused(403, field, "Deze escalatie is niet aan jou gericht, of je hebt haar zelf gemaakt: "
                    + "je kunt haar niet bevestigen.");
        } catch (NotFoundException e) {
            return refused(404, field, "Deze escalatie bestaat niet (meer) of je kunt haar niet zien.");
        }
        return RestResponse.seeOther(URI.create("/beheer/escalaties?bevestigd=" + id));
    }

    private RestResponse<TemplateInstance> refused(int status, String field, String message) {
        return Pages.status(status, page(escalations.mine(), FormErrors.none().add(field, message)));
    }

    /** The list; a refused acknowledgement is said at the top and on its escalation. */
    private TemplateInstance page(MyEscalations mine, FormErrors errors) {
        return pages.page(list, StaffPages.Section.ESCALATIONS).data("everyone", mine.everyone())
                .data("open", rows(mine.open(), errors)).data("acknowledged", rows(mine.acknowledged(), errors))
                .data("errors", errors);
    }

    /** The element a refusal links to: the escalation's own entry in the list. */
    private static String field(long id) {
        return "escalation-" + id;
    }

    private List<Row> rows(List<MyEscalation> escalations, FormErrors errors) {
        return escalations.stream().map(e -> new Row(e.id(), e.reference(), e.category(), priority(e.priority()),
                e.level(), e.reason(), e.managerUnit() != null ? "leidinggevende " + e.managerUnit() : e.managerEmail(),
                pages.format(e.createdAt()), pages.format(e.acknowledgeBy()), e.overdue(), e.acknowledgedBy(),
                pages.format(e.acknowledgedAt()), e.mayAcknowledge(),
                errors.has(field(e.id())) ? errors.of(field(e.id())) : null)).toList();
    }

    /** A priority as the desk says it. */
    static String priority(String priority) {
        return priority == null ? "" : switch (priority) {
            case "URGENT" -> "spoed";
            case "HIGH" -> "hoog";
            case "NORMAL" -> "normaal";
            case "LOW" -> "laag";
            default -> priority;
        };
    }
}
