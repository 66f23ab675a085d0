package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.ticket.QueueResult;
import nl.sglzorg.meldpunt.ticket.QueueRow;
import nl.sglzorg.meldpunt.ticket.SavedViewService;
import nl.sglzorg.meldpunt.ticket.SavedViewService.View;
import nl.sglzorg.meldpunt.ticket.StatusCount;
import nl.sglzorg.meldpunt.ticket.TicketSearch;
import nl.sglzorg.meldpunt.ticket.TicketService;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /beheer/wachtrij}: the queue. Its filters are the staff list's ({@code GET /api/tickets}) in
 * the address, so a filtered queue is a link; beside it the views (built-in and saved) and the count
 * per status. Saving and deleting a view post to an address that carries the queue's query, and come
 * back to it.
 */
@Path("/beheer/wachtrij")
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
@Produces(MediaType.TEXT_HTML)
public class QueuePage {

    private static final String PATH = "/beheer/wachtrij";

    @Inject
    StaffPages pages;

    @Inject
    TicketService tickets;

    @Inject
    SavedViewService views;

    @Inject
    QueuePageForm form;

    @Inject
    Clock clock;

    @Inject
    @Location("web/staff/queue.html")
    Template queue;

    /** A ticket as a row of the table, in words. */
    @TemplateData
    public record Row(String reference, String href, String category, String platform, String priority,
            String status, String function, String channel, String age, String created, String due, String badge,
            String badgeClass) {
    }

    /** A status and how many tickets are in it, as a link that filters the queue by it. */
    @TemplateData
    public record CountLink(String label, String count, String href, boolean current) {
    }

    /** A view in the list beside the queue. */
    @TemplateData
    public record ViewLink(Long id, String name, String href, String deleteAction, boolean builtIn, boolean current) {
    }

    @GET
    public RestResponse<TemplateInstance> show(@BeanParam TicketSearch.Filters filters, @RestQuery String deadline,
            @RestQuery String klaar, @Context UriInfo uri) {
        if (uri.getQueryParameters().isEmpty() && views.startQuery() != null) {
            return seeOther(views.startQuery());
        }
        String flash = switch (klaar == null ? "" : klaar) {
            case "bewaard" -> "De weergave is bewaard. Je vindt hem bij Weergaven.";
            case "verwijderd" -> "De weergave is verwijderd.";
            default -> null;
        };
        return render(filters, deadline, flash, "", FormErrors.none());
    }

    /** "Deze weergave bewaren": the queue's query (in the address) under the name typed. */
    @POST
    @Path("/weergaven")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> save(@BeanParam TicketSearch.Filters filters, @RestQuery String deadline,
            @RestForm String name) {
        try {
            View saved = views.save(name, filters, dueToday(deadline));
            return seeOther(saved.query().isEmpty() ? "klaar=bewaard" : saved.query() + "&klaar=bewaard");
        } catch (InvalidInputException e) {
            FormErrors errors = FormErrors.none();
            e.violations().forEach(v -> errors.add(QueuePageWords.field(v), QueuePageWords.message(v)));
            return render(filters, deadline, null, name == null ? "" : name, errors);
        }
    }

    /** Deletes one of the user's own views and returns to the queue as it was. */
    @POST
    @Path("/weergaven/{id}/verwijderen")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> delete(@RestPath String id, @BeanParam TicketSearch.Filters filters,
            @RestQuery String deadline) {
        long viewId;
        try {
            viewId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
        views.delete(viewId);
        String query = SavedViewService.queryOf(filters, SavedViewService.DUE_TODAY.equals(deadline));
        return seeOther(query.isEmpty() ? "klaar=verwijderd" : query + "&klaar=verwijderd");
    }

    private RestResponse<TemplateInstance> render(TicketSearch.Filters filters, String deadline, String flash,
            String name, FormErrors errors) {
        QueueResult result = null;
        boolean dueToday = false;
        try {
            dueToday = dueToday(deadline);
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.add(QueuePageWords.field(v), QueuePageWords.message(v)));
        }
        try {
            // The search names the first filter it cannot read; the deadline's mistake is shown besides.
            QueueResult found = tickets.queue(filters, dueToday);
            result = errors.has("filter-deadline") ? null : found;
        } catch (InvalidInputException e) {
            e.violations().forEach(v -> errors.add(QueuePageWords.field(v), QueuePageWords.message(v)));
        }
        String query = SavedViewService.queryOf(filters, dueToday);
        String withQuery = query.isEmpty() ? "" : "?" + query;
        List<ViewLink> viewLinks = views.views().stream()
                .map(v -> new ViewLink(v.id(), v.name(), PATH + "?" + v.query(),
                        v.builtIn() ? null : PATH + "/weergaven/" + v.id() + "/verwijderen" + withQuery,
                        v.builtIn(), v.query().equals(query)))
                .toList();
        List<CountLink> counts = tickets.countByStatus().stream().map(c -> countLink(c, query)).toList();
        TemplateInstance page = pages.page(queue, StaffPages.Section.QUEUE).data("errors", errors).data("flash", flash)
                .data("form", form.of(filters, dueToday, deadline))
                .data("views", viewLinks).data("counts", counts)
                .data("found", result != null)
                .data("rows", result == null ? List.of() : result.rows().stream().map(this::row).toList())
                .data("total", result == null ? "" : total(result))
                .data("nextHref", result == null || result.nextCursor() == null ? null
                        : PATH + "?" + (query.isEmpty() ? "" : query + "&") + "cursor="
                                + URLEncoder.encode(result.nextCursor(), StandardCharsets.UTF_8))
                .data("firstHref", filters.cursor() == null || filters.cursor().isBlank() ? null : PATH + withQuery)
                .data("saveAction", PATH + "/weergaven" + withQuery)
                .data("viewName", name)
                .data("nameMax", SavedViewService.NAME_MAX);
        return Pages.status(errors.isEmpty() ? 200 : 400, page);
    }

    private static boolean dueToday(String deadline) {
        if (deadline == null || deadline.isBlank()) {
            return false;
        }
        if (deadline.strip().equals(SavedViewService.DUE_TODAY)) {
            return true;
        }
        throw new InvalidInputException("deadline", "onbekende waarde");
    }

    private static CountLink countLink(StatusCount count, String query) {
        String value = count.exact() ? Long.toString(count.count()) : count.count() + "+";
        String statusQuery = "status=" + count.status().name();
        return new CountLink(QueuePageWords.status(count.status()), value, PATH + "?" + statusQuery,
                statusQuery.equals(query));
    }

    private static String total(QueueResult result) {
        if (!result.totalExact()) {
            return "Meer dan " + result.total() + " meldingen";
        }
        return result.total() == 1 ? "1 melding" : result.total() + " meldingen";
    }

    private Row row(QueueRow r) {
        String badge = switch (r.deadline()) {
            case WARNING -> "Bijna te laat";
            case BREACHED -> "Te laat";
            case PAUSED -> "Gepauzeerd";
            default -> null;
        };
        String badgeClass = switch (r.deadline()) {
            case WARNING -> "badge badge-warning";
            case BREACHED -> "badge badge-breached";
            default -> "badge";
        };
        Instant now = Instant.now(clock);
        return new Row(r.reference(), "/beheer/meldingen/" + URLEncoder.encode(r.reference(), StandardCharsets.UTF_8),
                r.category().dutchName(), QueuePageWords.capitalised(r.platform().dutchName()),
                QueuePageWords.priority(r.priority()), QueuePageWords.status(r.status()),
                r.functionName() != null ? r.functionName() : r.function(), r.channel().dutchName(),
                QueuePageWords.age(Duration.between(r.createdAt(), now)), pages.format(r.createdAt()),
                r.due() == null ? "" : pages.format(r.due()), badge, badgeClass);
    }

    private static RestResponse<TemplateInstance> seeOther(String query) {
        return RestResponse.ResponseBuilder.<TemplateInstance>create(303).location(URI.create(PATH + "?" + query))
                .build();
    }
}
