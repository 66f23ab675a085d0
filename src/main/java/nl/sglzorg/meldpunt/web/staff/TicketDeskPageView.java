package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import nl.sglzorg.meldpunt.evidence.EvidenceView;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.routing.Informed;
import nl.sglzorg.meldpunt.routing.RespondVia;
import nl.sglzorg.meldpunt.ticket.EscalationView;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.Lifecycle;
import nl.sglzorg.meldpunt.ticket.ServiceLevel;
import nl.sglzorg.meldpunt.ticket.TicketDetail;
import nl.sglzorg.meldpunt.ticket.TicketService;

/** A ticket as the desk's page shows it: the API's details, in staff's words. */
@TemplateData
public record TicketDeskPageView(String reference, String path, long version, TicketStatus status, String statusLabel,
        String publicStatus, String priority, String category, boolean positivePost, boolean locationPageRequest,
        String platform, String topic, String url, String repostUrl, String description, String observedAt, String region, String activityCentre, Reporter reporter,
        Routing routing, List<String> informed, String duplicateOf, List<String> duplicates,
        List<Deadline> deadlines, List<Escalation> escalations, List<Screenshot> evidence, List<Entry> thread,
        List<Entry> notes, List<Entry> history, List<Choice> nextStatuses, List<Choice> priorities,
        boolean mergeable, boolean merged, String channel, String created, String updated) {

    /** The reporter as the API shows them to this role; {@code anonymous} when nothing was given. */
    @TemplateData
    public record Reporter(boolean anonymous, String name, String email, String relation, String unit,
            boolean wantsUpdates, String careWorker) {
    }

    @TemplateData
    public record Routing(String function, String functionName, String respondVia, String contact, String manager,
            String reason, long tableRevision) {
    }

    /** A deadline with its badge in words: never colour alone. */
    @TemplateData
    public record Deadline(String name, String due, String badge, String badgeClass) {
    }

    @TemplateData
    public record Escalation(int level, boolean automatic, String manager, String reason, String by, String at,
            String acknowledgeBy, String acknowledged) {
    }

    @TemplateData
    public record Screenshot(long id, String src, String fromTicket, int width, int height, String alt) {
    }

    /** One line of a thread, the notes or the history. */
    @TemplateData
    public record Entry(String at, String who, String what, String text, boolean reporter) {
    }

    @TemplateData
    public record Choice(String code, String label, boolean selected, boolean needsMessage) {
    }

    static TicketDeskPageView of(TicketService.OnDesk desk, List<EvidenceView> evidence, StaffPages pages) {
        TicketDetail d = desk.detail();
        String path = "/beheer/meldingen/" + TicketDeskPageForms.pathSegment(d.reference());
        TicketDetail.Reporter r = d.reporter();
        boolean anonymous = r == null || r.name() == null && r.email() == null && r.relation() == null && r.unit() == null
                && r.careWorkerEmail() == null;
        Reporter reporter = r == null ? new Reporter(true, null, null, null, null, d.wantsUpdates(), null)
                : new Reporter(anonymous, r.name(), r.email(), relation(r.relation()), r.unit(), d.wantsUpdates(),
                        careWorker(r));
        TicketDetail.Routing ro = d.routing();
        Routing routing = new Routing(ro.function(), ro.functionName(), respondVia(ro.respondVia()),
                ro.contact() == null ? null : ro.contact().name() + " (" + ro.contact().email() + ")",
                ro.manager() == null ? null : ro.manager().name() + " (" + ro.manager().email() + "), eenheid "
                        + ro.manager().unit(),
                ro.reason(), ro.tableRevision());
        List<String> informed = ro.informed() == null ? List.of() : ro.informed().stream().map(TicketDeskPageView::informed).toList();
        List<Deadline> deadlines = List.of(
                deadline("Eerste reactie", d.firstResponseDue(), d.firstResponseStatus(), desk.firstResponseNear(), pages),
                deadline("Afhandeling", d.resolutionDue(), d.resolutionStatus(), desk.resolutionNear(), pages));
        List<Escalation> escalations = d.escalations().stream().map(e -> escalation(e, pages)).toList();
        List<Screenshot> screenshots = evidence.stream().map(e -> new Screenshot(e.id(), path + "/bewijs/" + e.id(),
                e.ticket().equals(d.reference()) ? null : e.ticket(), e.width(), e.height(),
                "Schermafbeelding " + e.id() + " van de melder, " + e.width() + " × " + e.height() + " pixels"
                        + (e.ticket().equals(d.reference()) ? "" : ", bij " + e.ticket()))).toList();
        List<Entry> thread = d.events().stream().filter(TicketDeskPageView::forReporterThread)
                .map(e -> entry(e, pages)).toList();
        List<Entry> notes = d.events().stream()
                .filter(e -> e.type() == EventType.NOTE_ADDED && !e.visibleToReporter())
                .map(e -> entry(e, pages)).toList();
        List<Entry> history = d.events().stream().map(e -> entry(e, pages)).toList();
        List<Choice> next = Lifecycle.transitionsFrom(d.status()).stream()
                .map(s -> new Choice(s.name(), statusLabel(s), false, Lifecycle.needsMessage(s))).toList();
        List<Choice> priorities = Arrays.stream(Priority.values())
                .map(p -> new Choice(p.name(), priorityLabel(p), p == d.priority(), false)).toList();
        return new TicketDeskPageView(d.reference(), path, desk.version(), d.status(), statusLabel(d.status()),
                d.publicStatus(), priorityLabel(d.priority()), d.category().dutchName(),
                d.category() == Category.POSITIVE_POST, d.category() == Category.LOCATION_PAGE_REQUEST,
                d.platform().dutchName(), d.topic() == null ? null : d.topic().dutchName(), d.url(), d.repostUrl(),
                d.description(),
                pages.format(d.observedAt()), d.region(), d.activityCentre(), reporter, routing, informed,
                d.duplicateOf(), d.duplicates(), deadlines, escalations, screenshots, thread, notes, history, next,
                priorities, Lifecycle.allows(d.status(), TicketStatus.MERGED), d.status() == TicketStatus.MERGED,
                d.filedBy() == null ? d.channel().dutchName() : d.channel().dutchName() + ", aangenomen door "
                        + d.filedBy(),
                pages.format(d.createdAt()), pages.format(d.updatedAt()));
    }

    /** The begeleider's address, and whether the client let them know who reports. */
    private static String careWorker(TicketDetail.Reporter r) {
        if (r.careWorkerEmail() == null) {
            return null;
        }
        return r.careWorkerEmail() + (Boolean.TRUE.equals(r.careWorkerMayKnowIdentity())
                ? " (mag weten wie meldt)" : " (mag niet weten wie meldt: hoort geen naam of adres)");
    }

    private static boolean forReporterThread(TicketDetail.Event e) {
        return e.type() == EventType.REPORTER_MESSAGE || e.type() == EventType.DUPLICATE_REPORTER_MESSAGE
                || e.type() == EventType.NOTE_ADDED && e.visibleToReporter();
    }

    private static Entry entry(TicketDetail.Event e, StaffPages pages) {
        boolean fromReporter = e.type() == EventType.REPORTER_MESSAGE || e.type() == EventType.DUPLICATE_REPORTER_MESSAGE;
        String who = fromReporter ? "Melder" : e.actor();
        return new Entry(pages.format(e.at()), who, eventLabel(e), text(e), fromReporter);
    }

    /** What the history says besides its text: the old and new value, where there are any. */
    private static String text(TicketDetail.Event e) {
        String change = e.oldValue() != null && e.newValue() != null ? e.oldValue() + " → " + e.newValue()
                : e.newValue() != null ? e.newValue() : null;
        TicketStatus from = TicketDeskPageForms.status(e.oldValue());
        TicketStatus to = TicketDeskPageForms.status(e.newValue());
        if (e.type() == EventType.STATUS_CHANGED && from != null && to != null) {
            change = statusLabel(from) + " → " + statusLabel(to);
        } else if (e.type() == EventType.FILED && to != null) {
            change = "Status " + statusLabel(to);
        }
        if (e.text() == null) {
            return change;
        }
        return change == null || e.type() == EventType.NOTE_ADDED || e.type() == EventType.REPORTER_MESSAGE
                ? e.text() : change + ": " + e.text();
    }

    private static Deadline deadline(String name, Instant due, ServiceLevel.State state, boolean near, StaffPages pages) {
        // Without a deadline (a positive post, a folded duplicate) the badge alone says so.
        String when = due == null ? "" : pages.format(due);
        return switch (state) {
            case BREACHED -> new Deadline(name, when, "Te laat", "badge-breached");
            case MET -> new Deadline(name, when, "Op tijd", "badge-ok");
            case PAUSED -> new Deadline(name, when, "Gepauzeerd: wacht op de melder", "badge-paused");
            case NONE -> new Deadline(name, when, "Geen termijn", "badge-paused");
            case PENDING -> near ? new Deadline(name, when, "Bijna te laat", "badge-warning")
                    : new Deadline(name, when, "Loopt", "badge-running");
        };
    }

    private static Escalation escalation(EscalationView e, StaffPages pages) {
        EscalationView.Manager m = e.manager();
        String manager = (m.name() == null ? "" : m.name() + " ") + "(" + m.email() + ")"
                + (m.unit() == null ? "" : ", eenheid " + m.unit());
        String acknowledged = e.acknowledgedBy() == null ? null
                : e.acknowledgedBy() + " op " + pages.format(e.acknowledgedAt());
        return new Escalation(e.level(), e.automatic(), manager, e.reason(),
                e.automatic() ? "automatisch" : e.createdBy(), pages.format(e.createdAt()),
                pages.format(e.acknowledgeBy()), acknowledged);
    }

    private static String informed(Informed i) {
        if (i.kind() == Informed.Kind.CARE_WORKER) {
            return "Begeleider van de cliënt";
        }
        String kind = i.kind() == Informed.Kind.FUNCTION ? "Functie" : "Leidinggevende van eenheid";
        return kind + " " + (i.name() == null ? i.code() : i.name() + " (" + i.code() + ")");
    }

    static String statusLabel(TicketStatus status) {
        return switch (status) {
            case NEW -> "Nieuw";
            case TRIAGED -> "Beoordeeld";
            case IN_PROGRESS -> "In behandeling";
            case WAITING -> "Wacht op de melder";
            case ESCALATED -> "Geëscaleerd";
            case RESOLVED -> "Opgelost";
            case CLOSED -> "Gesloten";
            case REJECTED -> "Afgewezen";
            case MERGED -> "Samengevoegd";
        };
    }

    static String priorityLabel(Priority priority) {
        return switch (priority) {
            case LOW -> "Laag";
            case NORMAL -> "Normaal";
            case HIGH -> "Hoog";
            case URGENT -> "Urgent";
        };
    }

    private static String relation(ReporterRelation relation) {
        if (relation == null) {
            return null;
        }
        return switch (relation) {
            case EMPLOYEE -> "Medewerker";
            case CLIENT -> "Cliënt";
            case VOLUNTEER -> "Vrijwilliger";
            case EXTERNAL -> "Van buiten SGL";
        };
    }

    private static String respondVia(RespondVia via) {
        if (via == null) {
            return "Niet bekend";
        }
        return switch (via) {
            case CORPORATE_ACCOUNT -> "Via een account van SGL";
            case PERSONAL_ACCOUNT -> "Via het eigen account van de functionaris";
            case LOCATION_PAGE -> "Via de Facebook-locatiepagina";
            case NONE -> "Niet openbaar: intern afhandelen";
        };
    }

    private static String eventLabel(TicketDetail.Event e) {
        return switch (e.type()) {
            case FILED -> "Gemeld";
            case ROUTED -> "Toegewezen";
            case REPORTER_MESSAGE -> "Bericht van de melder";
            case STATUS_CHANGED -> "Status gewijzigd";
            case NOTE_ADDED -> e.visibleToReporter() ? "Antwoord aan de melder" : "Interne notitie";
            case REROUTED -> "Doorgestuurd";
            case PRIORITY_CHANGED -> "Prioriteit gewijzigd";
            case REPOST_RECORDED -> "Gedeeld door SGL";
            case LOCATION_PAGE_APPROVED -> "Locatiepagina goedgekeurd";
            case MERGED -> "Samengevoegd";
            case UNMERGED -> "Losgemaakt";
            case DUPLICATE_ATTACHED -> "Dubbele melding toegevoegd";
            case DUPLICATE_DETACHED -> "Dubbele melding losgemaakt";
            case DUPLICATE_REPORTER_MESSAGE -> "Bericht van de melder van een dubbele melding";
            case EVIDENCE_ADDED -> "Schermafbeelding toegevoegd";
            case DEADLINES_SET -> "Termijnen gezet";
            case DEADLINES_SHIFTED -> "Termijnen verschoven";
            case DEADLINE_WARNING -> "Termijn bijna verlopen";
            case DEADLINE_BREACHED -> "Termijn verlopen";
            case ESCALATED -> "Geëscaleerd";
            case ESCALATION_ACKNOWLEDGED -> "Escalatie bevestigd";
            case REPORTER_ERASED -> "Gegevens melder gewist";
            case REPORTER_DATA_EXPORTED -> "Gegevens melder opgevraagd";
            case EMAIL_QUEUED -> "E-mail klaargezet";
            case EMAIL_SENT -> "E-mail verstuurd";
            case EMAIL_FAILED -> "E-mail mislukt";
        };
    }
}
