package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.notification.EmailKind;
import nl.sglzorg.meldpunt.notification.EmailStatus;
import nl.sglzorg.meldpunt.notification.MailFailures;
import nl.sglzorg.meldpunt.notification.NotificationService;
import nl.sglzorg.meldpunt.notification.NotificationView;
import nl.sglzorg.meldpunt.web.Pages;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code /beheer/e-mails}: the outbox for communicatie. By default the e-mails that failed too often
 * and are parked, newest first, each with a button that sends it again (what
 * {@code POST /api/notifications/{id}/retry} does); a filter shows those still waiting or those sent.
 */
@Path("/beheer/e-mails")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class EmailsPage {

    static final int SHOWN = 200;

    @Inject
    StaffPages pages;

    @Inject
    DirectoryPages directory;

    @Inject
    NotificationService notifications;

    @Inject
    @Location("web/staff/emails.html")
    Template emails;

    /** A filter as the page offers it. */
    @TemplateData
    public record Filter(String status, String label, boolean current) {
    }

    /** One e-mail as the table shows it. */
    @TemplateData
    public record Row(long id, String kind, String ticket, String recipient, int attempts, String error,
            String technical, String created, String sent, String status, boolean retryable) {
    }

    @GET
    public RestResponse<TemplateInstance> list(@RestQuery String status, @RestQuery String opnieuw,
            @RestQuery String fout) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.EMAILS);
        }
        String wanted = filter(status);
        List<Row> rows = notifications.list(wanted.isEmpty() ? null : wanted, Integer.toString(SHOWN)).stream()
                .map(this::row).toList();
        String flash = opnieuw == null ? null : "E-mail " + number(opnieuw)
                + " staat klaar om opnieuw te worden verstuurd. Meldpunt verstuurt hem binnen een minuut.";
        return Pages.ok(pages.page(emails, StaffPages.Section.EMAILS)
                .data("flash", flash)
                .data("problem", problem(fout))
                .data("rows", rows)
                .data("status", wanted)
                .data("filters", List.of(
                        new Filter("FAILED", "Mislukt", wanted.equals("FAILED")),
                        new Filter("PENDING", "Wacht op versturen", wanted.equals("PENDING")),
                        new Filter("SENT", "Verstuurd", wanted.equals("SENT")),
                        new Filter("ALL", "Alle", wanted.isEmpty()))));
    }

    @POST
    @Path("/{id}/opnieuw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<TemplateInstance> retry(@RestPath long id, @RestForm String status) {
        if (!directory.mayChange()) {
            return directory.forbidden(StaffPages.Section.EMAILS);
        }
        String back = "/beheer/e-mails?status=" + (filter(status).isEmpty() ? "ALL" : filter(status));
        try {
            notifications.retry(id);
        } catch (ConflictException e) {
            return DirectoryPages.seeOther(back + "&fout=" + (e.getMessage().contains("al verstuurd") ? "verstuurd" : "wacht"));
        } catch (NotFoundException e) {
            return DirectoryPages.seeOther(back + "&fout=onbekend");
        }
        return DirectoryPages.seeOther(back + "&opnieuw=" + id);
    }

    /** The status to show: FAILED unless another is asked for; empty for all. */
    private static String filter(String status) {
        if (status == null || status.isBlank()) {
            return EmailStatus.FAILED.name();
        }
        for (EmailStatus known : EmailStatus.values()) {
            if (known.name().equals(status)) {
                return status;
            }
        }
        return "";
    }

    private static String problem(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "verstuurd" -> "Deze e-mail is al verstuurd. Er is niets opnieuw verstuurd.";
            case "wacht" -> "Deze e-mail staat al klaar om te worden verstuurd. Meldpunt probeert het zelf opnieuw.";
            default -> "Deze e-mail bestaat niet (meer). Er is niets verstuurd.";
        };
    }

    private static String number(String id) {
        return id.chars().allMatch(Character::isDigit) && id.length() < 20 ? id : "";
    }

    private Row row(NotificationView e) {
        boolean toReporter = e.recipient() == null;
        String recipient = e.recipient() == null ? e.recipientLabel() : e.recipientLabel() + " (" + e.recipient() + ")";
        return new Row(e.id(), kind(e.kind()), e.ticket(), recipient, e.attempts(), MailFailures.inWords(e.lastError()),
                // The mail server's own words may quote the address; a reporter's address stays out of this list.
                toReporter ? null : e.lastError(), pages.format(e.createdAt()), pages.format(e.sentAt()),
                statusWords(e.status()), e.status() == EmailStatus.FAILED);
    }

    static String kind(EmailKind kind) {
        return switch (kind) {
            case NEW_SIGNAL -> "Nieuw signaal (aan communicatie)";
            case SIGNAL_FOR_YOU -> "Signaal voor de behandelaar";
            case FOR_INFORMATION -> "Ter informatie";
            case REROUTED -> "Doorgestuurd naar een andere functie";
            case ESCALATION -> "Escalatie naar een leidinggevende";
            case DEADLINE -> "Termijn bijna of al verlopen";
            case REPORTER_ACKNOWLEDGEMENT -> "Ontvangstbevestiging aan de melder";
            case REPORTER_UPDATE -> "Bericht aan de melder";
            case CARE_WORKER -> "Aan de begeleider van de cliënt";
        };
    }

    static String statusWords(EmailStatus status) {
        return switch (status) {
            case PENDING -> "Wacht op versturen";
            case SENT -> "Verstuurd";
            case FAILED -> "Mislukt";
        };
    }
}
