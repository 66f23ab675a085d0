package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.ticket.Statistics;
import nl.sglzorg.meldpunt.ticket.TicketExport;
import nl.sglzorg.meldpunt.web.FormErrors;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /beheer/cijfers}: a month's figures as tables, with charts drawn over them by
 * {@code desk-charts.js} where JavaScript runs; and for communicatie the CSV export of a period's
 * tickets, which holds no reporter identity.
 */
@Path("/beheer/cijfers")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.COMMUNICATIE, Roles.LEIDINGGEVENDE})
public class FiguresPage {

    static final String CSV = "text/csv;charset=UTF-8";

    @Inject
    StaffPages pages;

    @Inject
    Statistics statistics;

    @Inject
    TicketExport export;

    @Inject
    SecurityIdentity identity;

    @Inject
    MeldpuntConfig config;

    @Inject
    Clock clock;

    @Inject
    @Location("web/staff/figures.html")
    Template figures;

    @GET
    public RestResponse<TemplateInstance> show(@RestQuery String maand) {
        String typed = Text.blankToNull(maand);
        YearMonth month = thisMonth();
        FormErrors errors = FormErrors.none();
        if (typed != null) {
            try {
                month = YearMonth.parse(typed);
                if (month.getYear() < 2000 || month.getYear() > 9998) {
                    errors.add("maand", "Kies een maand tussen het jaar 2000 en 9998.");
                    month = thisMonth();
                }
            } catch (DateTimeParseException e) {
                errors.add("maand", "Vul de maand in als jaar-maand, bijvoorbeeld " + thisMonth() + ".");
            }
        }
        TemplateInstance page = page(month, errors.isEmpty() ? month.toString() : typed).data("errors", errors);
        return errors.isEmpty() ? Pages.ok(page) : Pages.status(400, page);
    }

    /** The tickets filed from {@code van} to {@code tot} (both included) as CSV, streamed as it is read. */
    @GET
    @Path("/export.csv")
    @Produces({CSV, MediaType.TEXT_HTML})
    @RolesAllowed(Roles.COMMUNICATIE)
    public Response export(@RestQuery String van, @RestQuery String tot) {
        TicketExport.Period period;
        try {
            period = export.period(van, tot);
        } catch (InvalidInputException e) {
            FormErrors errors = FormErrors.none();
            e.violations().forEach(v -> errors.add(v.field(), v.message()));
            YearMonth month = thisMonth();
            TemplateInstance page = page(month, month.toString()).data("errors", errors)
                    .data("van", van == null ? "" : van).data("tot", tot == null ? "" : tot);
            return Response.status(400).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        String user = identity.getPrincipal().getName();
        StreamingOutput body = output -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
            long rows = export.write(period, writer);
            Log.infof("CSV export of the tickets filed %s to %s by %s: %d rows", period.first(), period.last(), user, rows);
        };
        // A Response, not a RestResponse<Object>: the writer is then chosen by what the entity is.
        return Response.ok(body, CSV)
                .header("Content-Disposition", "attachment; filename=\"meldpunt-" + period.first() + "-tot-en-met-"
                        + period.last() + ".csv\"").build();
    }

    private TemplateInstance page(YearMonth month, String typedMonth) {
        return pages.page(figures, StaffPages.Section.FIGURES)
                .data("view", FiguresPageView.of(statistics.month(month)))
                .data("maand", typedMonth)
                .data("canExport", identity.hasRole(Roles.COMMUNICATIE)).data("maxDays", TicketExport.MAX_DAYS)
                .data("van", month.atDay(1).toString()).data("tot", month.atEndOfMonth().toString());
    }

    private YearMonth thisMonth() {
        return YearMonth.now(clock.withZone(config.timeZone()));
    }
}
