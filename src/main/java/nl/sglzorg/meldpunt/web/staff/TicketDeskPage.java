package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.PreconditionFailedException;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.escalation.EscalationService;
import nl.sglzorg.meldpunt.evidence.EvidenceService;
import nl.sglzorg.meldpunt.evidence.EvidenceView;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.ticket.TicketRequests;
import nl.sglzorg.meldpunt.ticket.TicketService;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import nl.sglzorg.meldpunt.web.staff.TicketDeskPageForms.Form;
import nl.sglzorg.meldpunt.web.staff.TicketDeskPageForms.Typed;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * {@code /beheer/meldingen/{reference}}: one ticket with everything staff need, and a form for each
 * action the viewer's role may take. Every form carries the version the page showed; a form that is
 * stale by the time it is sent gets {@code 409}, the page afresh and what was typed still in it.
 * The access rule, the rights and the access log are the services' (as for {@code /api/tickets}).
 */
@Path("/beheer/meldingen/{reference}")
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
@Produces(MediaType.TEXT_HTML)
public class TicketDeskPage {

    static final String STALE = "Iemand anders heeft deze melding net gewijzigd. Bekijk de wijziging en probeer het opnieuw.";

    @Inject
    StaffPages pages;

    @Inject
    TicketService tickets;

    @Inject
    EscalationService escalations;

    @Inject
    EvidenceService evidence;

    @Inject
    AccountsTableService accountsTable;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    SecurityIdentity identity;

    @Inject
    @Location("web/staff/ticket.html")
    Template ticket;

    @Inject
    @Location("web/staff/ticket-refused.html")
    Template refused;

    /**
     * The page. Showing it is a read the access log records, so another site may lead a browser here
     * only by a link (a top-level navigation the staff member sees), never embed it unseen.
     */
    @GET
    public RestResponse<TemplateInstance> show(@RestPath String reference, @RestQuery String gedaan,
            @RestHeader("Sec-Fetch-Site") String fetchSite, @RestHeader("Sec-Fetch-Dest") String fetchDest) {
        if (fromAnotherSite(fetchSite) && !"document".equals(fetchDest)) {
            throw new ForbiddenException();
        }
        return Pages.ok(page(reference, Form.NONE, Typed.none(), FormErrors.none())
                .data("flash", TicketDeskPageForms.doneMessage(gedaan)));
    }

    /**
     * A screenshot on the ticket, for its thumbnail: the API's rule and access-log entry. Refused when
     * the browser says another site asked for it, so no page elsewhere can write entries in the log.
     */
    @GET
    @Path("/bewijs/{id}")
    @Produces({"image/jpeg", "image/png", MediaType.TEXT_HTML})
    public Response evidence(@RestPath String reference, @RestPath long id,
            @RestHeader("Sec-Fetch-Site") String fetchSite) {
        if (fromAnotherSite(fetchSite)) {
            throw new ForbiddenException();
        }
        EvidenceView view = evidence.openForStaff(reference, id);
        StreamingOutput body = out -> evidence.copyContent(view.id(), out);
        return Response.ok(body, view.contentType()).header(HttpHeaders.CONTENT_LENGTH, view.size()).build();
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> transition(@RestPath String reference, @RestForm String version,
            @RestForm String status, @RestForm String message, @RestForm String toReporter,
            @RestForm String repostUrl) {
        Typed typed = Typed.of(Map.of("status-to", nonNull(status), "status-message", nonNull(message),
                "status-to-reporter", nonNull(toReporter), "status-repost-url", nonNull(repostUrl)));
        TicketStatus to = TicketDeskPageForms.status(status);
        return act(reference, Form.STATUS, typed, () -> tickets.transition(reference, ifMatch(version),
                new TicketRequests.Transition(to, message, toReporter != null, repostUrl)));
    }

    /** Communicatie approves a location-page request: the centre's row of the accounts table gets its page. */
    @POST
    @Path("/locatiepagina")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> approveLocationPage(@RestPath String reference, @RestForm String version) {
        communicatieOnly();
        return act(reference, Form.LOCATION_PAGE, Typed.none(),
                () -> tickets.approveLocationPage(reference, ifMatch(version)));
    }

    @POST
    @Path("/antwoord")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> reply(@RestPath String reference, @RestForm String version,
            @RestForm String text) {
        return act(reference, Form.REPLY, Typed.of(Map.of("reply-text", nonNull(text))),
                () -> tickets.addNote(reference, ifMatch(version), new TicketRequests.Note(text, true)));
    }

    @POST
    @Path("/notitie")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> note(@RestPath String reference, @RestForm String version,
            @RestForm String text) {
        return act(reference, Form.NOTE, Typed.of(Map.of("note-text", nonNull(text))),
                () -> tickets.addNote(reference, ifMatch(version), new TicketRequests.Note(text, false)));
    }

    @POST
    @Path("/doorsturen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> reroute(@RestPath String reference, @RestForm String version,
            @RestForm String function, @RestForm String reason) {
        communicatieOnly();
        return act(reference, Form.REROUTE,
                Typed.of(Map.of("reroute-function", nonNull(function), "reroute-reason", nonNull(reason))),
                () -> tickets.reroute(reference, ifMatch(version), new TicketRequests.Reroute(function, reason)));
    }

    @POST
    @Path("/prioriteit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> priority(@RestPath String reference, @RestForm String version,
            @RestForm String priority) {
        communicatieOnly();
        Priority chosen = TicketDeskPageForms.priority(priority);
        return act(reference, Form.PRIORITY, Typed.of(Map.of("priority", nonNull(priority))),
                () -> tickets.changePriority(reference, ifMatch(version), new TicketRequests.PriorityChange(chosen)));
    }

    @POST
    @Path("/samenvoegen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> merge(@RestPath String reference, @RestForm String version,
            @RestForm String into) {
        communicatieOnly();
        return act(reference, Form.MERGE, Typed.of(Map.of("merge-into", nonNull(into))),
                () -> tickets.merge(reference, ifMatch(version), new TicketRequests.Merge(into)));
    }

    @POST
    @Path("/splitsen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> unmerge(@RestPath String reference, @RestForm String version) {
        communicatieOnly();
        return act(reference, Form.UNMERGE, Typed.none(), () -> tickets.unmerge(reference, ifMatch(version)));
    }

    @POST
    @Path("/escaleren")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> escalate(@RestPath String reference, @RestForm String version,
            @RestForm String unit, @RestForm String managerEmail, @RestForm String reason) {
        Typed typed = Typed.of(Map.of("escalate-unit", nonNull(unit), "escalate-email", nonNull(managerEmail),
                "escalate-reason", nonNull(reason)));
        return act(reference, Form.ESCALATE, typed, () -> escalations.escalateByHand(reference, ifMatch(version),
                new EscalationService.Request(unit, managerEmail, reason)));
    }

    /** No such ticket, or one this staff member may not see: the API's {@code 404}, as a page. */
    @ServerExceptionMapper
    RestResponse<TemplateInstance> notFound(NotFoundException e) {
        return Pages.status(404, pages.page(refused, StaffPages.Section.QUEUE).data("status", 404));
    }

    /** A ticket this staff member may see but not work on, or an action of another role: the API's {@code 403}. */
    @ServerExceptionMapper
    RestResponse<TemplateInstance> forbidden(ForbiddenException e) {
        return Pages.status(403, pages.page(refused, StaffPages.Section.QUEUE).data("status", 403));
    }

    /**
     * Runs one action: {@code 303} back to the page when it is done; else the page again with what
     * was typed and why not — {@code 400} next to the field, {@code 409} for a clash with the
     * ticket's state or a stale version.
     */
    private RestResponse<TemplateInstance> act(String reference, Form form, Typed typed, Runnable action) {
        FormErrors errors = FormErrors.none();
        int status;
        try {
            action.run();
            return RestResponse.seeOther(URI.create("/beheer/meldingen/" + TicketDeskPageForms.pathSegment(reference)
                    + "?gedaan=" + form.done()));
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.add(form.fieldOf(v.field()), TicketDeskPageForms.words(v)));
            status = 400;
        } catch (PreconditionFailedException | OptimisticLockException | StaleStateException e) {
            errors.add(form.mainField(), STALE);
            status = 409;
        } catch (ConflictException e) {
            errors.add(form.mainField(), e.getMessage());
            status = 409;
        }
        return Pages.status(status, page(reference, form, typed, errors));
    }

    /** The page as this staff member may see it; one read of the ticket (see TicketService#showOnDesk). */
    private TemplateInstance page(String reference, Form form, Typed typed, FormErrors errors) {
        TicketService.OnDesk desk = tickets.showOnDesk(reference);
        boolean communicatie = identity.hasRole(Roles.COMMUNICATIE);
        // No form for what cannot be escalated (a closed ticket, say), where it could only be refused.
        boolean mayEscalate = desk.mayWork() && EscalationService.escalable(desk.detail().status())
                && EscalationService.mayEscalateByHand(currentStaff.get(), desk.detail().routing().function());
        TicketDeskPageView view = TicketDeskPageView.of(desk, evidence.listForStaff(reference), pages);
        TemplateInstance page = pages.page(ticket, StaffPages.Section.QUEUE).data("t", view)
                .data("typed", typed).data("errors", errors).data("stale", errors.of(form.mainField()).equals(STALE))
                .data("work", desk.mayWork()).data("communicatie", desk.mayWork() && communicatie)
                .data("mayEscalate", mayEscalate);
        if (desk.mayWork() && communicatie) {
            page.data("functions", TicketDeskPageForms.functions(accountsTable.current()));
        } else {
            page.data("functions", List.of());
        }
        page.data("managers", mayEscalate ? escalations.unitManagers() : List.of());
        return page;
    }

    /** Whether the browser says another site (also a sibling subdomain) made this request. */
    private static boolean fromAnotherSite(String fetchSite) {
        return fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none");
    }

    /** Reroute, priority, merge and approving a location page are communicatie's, as in the API: any other role gets {@code 403}. */
    private void communicatieOnly() {
        if (!identity.hasRole(Roles.COMMUNICATIE)) {
            throw new ForbiddenException();
        }
    }

    /**
     * The version the form showed, as an {@code If-Match}. A form without one is treated as stale:
     * only a version the page wrote may pass, so no edit goes through unchecked.
     */
    private static String ifMatch(String version) {
        return version != null && version.strip().matches("[0-9]{1,19}") ? "\"" + version.strip() + "\"" : "\"none\"";
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
