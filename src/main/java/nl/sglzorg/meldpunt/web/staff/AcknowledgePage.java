package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.escalation.AcknowledgeLinkView;
import nl.sglzorg.meldpunt.escalation.EscalationService;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The one-click acknowledge link from the escalation e-mail, for a manager with or without an
 * account. Opening it only shows what is escalated ({@code GET} changes nothing, so a mail scanner
 * that follows links acknowledges nothing); its button acknowledges ({@code POST}, CSRF-checked)
 * and leads to the outcome ({@code 303}). The token is checked by {@link EscalationService}.
 */
@Path(EscalationService.LINK_PATH)
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class AcknowledgePage {

    @Inject
    EscalationService escalations;

    @Inject
    StaffPages pages;

    @Inject
    MeldpuntConfig config;

    @Inject
    @Location("web/staff/acknowledge.html")
    Template acknowledge;

    /** The link's escalation as the page shows it, in words. */
    @TemplateData
    public record LinkPage(String state, String reference, String category, String priority, int level,
            String reason, String recipient, String deadline, String acknowledgedAt) {
    }

    @GET
    public RestResponse<TemplateInstance> show(@RestQuery String t) {
        return answer(escalations.linkView(t), t);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> confirm(@RestForm String t) {
        AcknowledgeLinkView outcome = escalations.acknowledgeByLink(t);
        if (outcome.state() == AcknowledgeLinkView.State.DONE) {
            return RestResponse.seeOther(URI.create(EscalationService.LINK_PATH + "/klaar?t="
                    + URLEncoder.encode(t, StandardCharsets.UTF_8)));
        }
        return answer(outcome, t);
    }

    @GET
    @Path("/klaar")
    public RestResponse<TemplateInstance> done(@RestQuery String t) {
        return answer(escalations.linkOutcome(t), t);
    }

    private RestResponse<TemplateInstance> answer(AcknowledgeLinkView view, String token) {
        int status = switch (view.state()) {
            case OPEN, DONE -> 200;
            case USED -> 409;
            case EXPIRED -> 410;
            case INVALID -> 404;
        };
        LinkPage page = new LinkPage(view.state().name(), view.reference(), view.category(),
                EscalationsPage.priority(view.priority()), view.level(), view.reason(), view.recipient(),
                pages.format(view.acknowledgeBy()), pages.format(view.acknowledgedAt()));
        return Pages.status(status, pages.page(acknowledge, StaffPages.Section.NONE).data("link", page)
                .data("token", view.state() == AcknowledgeLinkView.State.OPEN ? token : "")
                .data("communications", config.mail().communicationsAddress()));
    }
}
