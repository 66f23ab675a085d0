package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.text.WebAddress;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.routing.AccountsTable;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.routing.FunctionEntry;
import nl.sglzorg.meldpunt.routing.RoutingPolicy;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Merge;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Note;
import nl.sglzorg.meldpunt.ticket.TicketRequests.PriorityChange;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Reroute;
import nl.sglzorg.meldpunt.ticket.TicketRequests.Transition;

/**
 * What staff do to tickets. Every write checks access, the optional {@code If-Match} version and
 * the lifecycle, records an event, and flushes so a concurrent edit surfaces as {@code 409} here.
 */
@ApplicationScoped
public class TicketService {

    static final int TEXT_MAX = 5000;

    /** How the history says a ticket was concluded, for a lapsed escalation. */
    private static final Map<TicketStatus, String> CONCLUSIONS = Map.of(TicketStatus.MERGED, "samengevoegd",
            TicketStatus.REJECTED, "afgewezen", TicketStatus.CLOSED, "gesloten");

    @Inject
    Clock clock;

    @Inject
    Validator validator;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    AccountsTableService accountsTable;

    @Inject
    Event<ReporterNews> reporterNews;

    @Inject
    Event<TicketRerouted> rerouted;

    @Inject
    Event<TicketRead> reads;

    @Inject
    Event<TicketResolved> resolved;

    @Inject
    SlaPolicy slaPolicy;

    @Inject
    MeldpuntConfig config;

    /** A ticket the current staff member may see; any other answers {@code 404}. */
    public Ticket visible(String reference) {
        Ticket ticket = Ticket.findByReference(reference).orElseThrow(NotFoundException::new);
        if (!TicketAccess.maySee(currentStaff.get(), ticket)) {
            throw new NotFoundException();
        }
        return ticket;
    }

    /** The staff list: the tickets the current staff member may see, filtered, sorted and paged. */
    @Transactional
    public TicketPage search(TicketSearch.Filters filters) {
        return TicketSearch.search(filters, currentStaff.get(), config.timeZone(), Instant.now(clock));
    }

    /**
     * The staff desk's queue: {@link #search}'s filters and access, and with {@code dueToday} only
     * the tickets whose running deadline falls before the end of today in SGL's time zone (those
     * already passed included).
     */
    @Transactional
    public QueueResult queue(TicketSearch.Filters filters, boolean dueToday) {
        Instant now = Instant.now(clock);
        Instant endOfToday = dueToday
                ? LocalDate.ofInstant(now, config.timeZone()).plusDays(1).atStartOfDay(config.timeZone()).toInstant()
                : null;
        return TicketSearch.queue(filters, endOfToday, currentStaff.get(), config.timeZone(), now);
    }

    /** How many tickets the current staff member may see, per status (see {@link TicketSearch#countByStatus}). */
    @Transactional
    public List<StatusCount> countByStatus() {
        return TicketSearch.countByStatus(currentStaff.get());
    }

    /** A ticket's details and the version they show, for its {@code ETag}. */
    public record Shown(TicketDetail detail, long version) {
    }

    /** A ticket the current staff member may see, shown to them: a read of its reporter's data. */
    @Transactional
    public Shown show(String reference) {
        Ticket ticket = visible(reference);
        return new Shown(show(ticket), ticket.version);
    }

    /**
     * A ticket on the staff desk's page: what the API shows, the version its forms carry, whether the
     * viewer may work on it, and whether a running deadline has reached its warning time.
     */
    public record OnDesk(TicketDetail detail, long version, boolean mayWork, boolean firstResponseNear,
            boolean resolutionNear) {
    }

    /** {@link #show(String)} for the desk's ticket page: one read of the details, as the API's. */
    @Transactional
    public OnDesk showOnDesk(String reference) {
        Ticket ticket = visible(reference);
        Instant now = Instant.now(clock);
        ServiceLevel sla = ticket.sla;
        return new OnDesk(show(ticket), ticket.version, TicketAccess.mayWork(currentStaff.get(), ticket),
                near(sla.firstResponseWarnAt, sla.firstResponseState(now), now),
                near(sla.resolutionWarnAt, sla.resolutionState(now), now));
    }

    private static boolean near(Instant warnAt, ServiceLevel.State state, Instant now) {
        return state == ServiceLevel.State.PENDING && warnAt != null && !now.isBefore(warnAt);
    }

    /**
     * The details of a ticket as shown to the current staff member. Every answer that carries them —
     * also the answer to a write — is a read of them, announced as a {@link TicketRead} (which the
     * access log records) in the transaction that reads them.
     */
    @Transactional
    public TicketDetail show(Ticket ticket) {
        reads.fire(new TicketRead(currentStaff.get().username(), ticket, TicketRead.What.DETAILS));
        return detail(ticket);
    }

    /** A visible ticket's history, shown to the current staff member: a read, recorded like one. */
    @Transactional
    public List<TicketEvent> history(String reference) {
        Ticket ticket = visible(reference);
        reads.fire(new TicketRead(currentStaff.get().username(), ticket, TicketRead.What.HISTORY));
        return TicketEvent.history(ticket);
    }

    /** Everything staff see of a ticket, with its duplicates and history. */
    @Transactional
    public TicketDetail detail(Ticket ticket) {
        Ticket current = Ticket.findById(ticket.id);
        String duplicateOf = current.duplicateOfId == null ? null
                : Ticket.<Ticket>findById(current.duplicateOfId).reference;
        List<String> duplicates = Ticket.duplicatesOf(current).stream().map(t -> t.reference).toList();
        List<EscalationView> escalations = Escalation.ofTicket(current.id).stream().map(EscalationView::of).toList();
        return TicketDetail.of(current, TicketEvent.history(current), duplicateOf, duplicates, escalations,
                Instant.now(clock));
    }

    @Transactional
    public Ticket transition(String reference, String ifMatch, Transition request) {
        if (request == null || request.status() == null) {
            throw new InvalidInputException("status", "verplicht");
        }
        Ticket ticket = workable(reference, ifMatch);
        TicketStatus to = request.status();
        String message = Text.blankToNull(request.message());
        if (!Lifecycle.allowsTransition(ticket.status, to)) {
            String why = to == TicketStatus.ESCALATED ? " ESCALATED gaat alleen via een escalatie."
                    : to == TicketStatus.MERGED ? " MERGED gaat alleen via samenvoegen."
                    : " Toegestaan vanuit " + ticket.status + ": " + Lifecycle.transitionsFrom(ticket.status) + ".";
            throw new ConflictException("Van " + ticket.status + " naar " + to + " kan niet." + why);
        }
        if (Lifecycle.needsMessage(to) && message == null) {
            throw new InvalidInputException("message", "verplicht bij " + to);
        }
        checkText("message", message);
        String repostUrl = repostUrl(ticket, to, request.repostUrl());
        StaffMember staff = currentStaff.get();
        Instant now = Instant.now(clock);
        TicketStatus from = ticket.status;
        boolean visible = Boolean.TRUE.equals(request.visibleToReporter());
        changeStatus(ticket, to, staff.username(), now, true);
        if (message != null) {
            TicketEvent.noteAdded(ticket, staff.username(), now, message, visible);
        }
        if (repostUrl != null) {
            ticket.repostUrl = repostUrl;
            TicketEvent.repostRecorded(ticket, staff.username(), now, repostUrl);
        }
        reporterNews.fire(new ReporterNews(ticket, publicChange(from, to), visible ? message : null));
        // Reporters of signals merged into this ticket follow its public status, not its replies, nor its
        // wait for its own reporter (TicketStatus.forMergedReporters).
        TicketStatus forMerged = publicChange(from.forMergedReporters(), to.forMergedReporters());
        if (forMerged != null) {
            for (Ticket duplicate : Ticket.duplicatesOf(ticket)) {
                reporterNews.fire(new ReporterNews(duplicate, forMerged, null));
            }
        }
        return touched(ticket, now);
    }

    /**
     * Communicatie approves an activity centre's location-page request: the centre's row of the
     * accounts table gets its page (a new table revision, in the table's history), and the ticket's
     * history says so. Refused while the ticket is not such a request or no longer open.
     */
    @Transactional
    public Ticket approveLocationPage(String reference, String ifMatch) {
        Ticket ticket = workable(reference, ifMatch);
        if (ticket.category != Category.LOCATION_PAGE_REQUEST) {
            throw new ConflictException("Alleen een aanvraag voor een locatiepagina kan worden goedgekeurd; dit is "
                    + "een melding van de soort " + ticket.category.dutchName() + ".");
        }
        if (!Lifecycle.isOpen(ticket.status)) {
            throw new ConflictException("Deze aanvraag is al afgerond (" + ticket.status + ").");
        }
        String actor = currentStaff.get().username();
        Instant now = Instant.now(clock);
        long revision = accountsTable.approveLocationPage(ticket.activityCentre, actor, ticket.reference);
        TicketEvent.locationPageApproved(ticket, actor, now, ticket.activityCentre, revision);
        return touched(ticket, now);
    }

    /** The URL of SGL's repost, given only when a positive post is resolved, checked like a signal's URL. */
    private static String repostUrl(Ticket ticket, TicketStatus to, String given) {
        String url = Text.blankToNull(given);
        if (url == null) {
            return null;
        }
        if (ticket.category != Category.POSITIVE_POST || to != TicketStatus.RESOLVED) {
            throw new InvalidInputException("repostUrl", "alleen bij het afhandelen (RESOLVED) van een positief bericht");
        }
        WebAddress.problem(url).ifPresent(problem -> {
            throw new InvalidInputException("repostUrl", problem);
        });
        return url;
    }

    @Transactional
    public TicketEvent addNote(String reference, String ifMatch, Note request) {
        String text = request == null ? null : Text.blankToNull(request.text());
        if (text == null) {
            throw new InvalidInputException("text", "verplicht");
        }
        checkText("text", text);
        Ticket ticket = workable(reference, ifMatch);
        Instant now = Instant.now(clock);
        boolean visible = Boolean.TRUE.equals(request.visibleToReporter());
        TicketEvent note = TicketEvent.noteAdded(ticket, currentStaff.get().username(), now, text, visible);
        if (visible) {
            ticket.sla.respond(now);
            reporterNews.fire(new ReporterNews(ticket, null, text));
        }
        touched(ticket, now);
        return note;
    }

    @Transactional
    public Ticket reroute(String reference, String ifMatch, Reroute request) {
        String function = request == null ? null : Text.blankToNull(request.function());
        String reason = request == null ? null : Text.blankToNull(request.reason());
        new Violations().addAll(validator.validate(new Reroute(function, reason))).throwIfAny();
        AccountsTable table = accountsTable.current();
        FunctionEntry target = table.function(function)
                .orElseThrow(() -> new InvalidInputException("function", "onbekende functie"));
        Ticket ticket = workable(reference, ifMatch);
        if (target.code().equals(ticket.routedFunction)) {
            throw new ConflictException("Het ticket ligt al bij " + target.code() + ".");
        }
        Instant now = Instant.now(clock);
        String old = ticket.routedFunction;
        ticket.rerouteTo(target.code(), target.name(), RoutingPolicy.reroute(target, ticket.category, ticket.platform,
                ticket.region, ticket.activityCentre), reason, table.revision());
        TicketEvent.rerouted(ticket, currentStaff.get().username(), now, old, target.code(), reason);
        rerouted.fire(new TicketRerouted(ticket, target, reason));
        return touched(ticket, now);
    }

    @Transactional
    public Ticket changePriority(String reference, String ifMatch, PriorityChange request) {
        if (request == null || request.priority() == null) {
            throw new InvalidInputException("priority", "verplicht");
        }
        Ticket ticket = workable(reference, ifMatch);
        if (ticket.priority == request.priority()) {
            return ticket;
        }
        Instant now = Instant.now(clock);
        Priority old = ticket.priority;
        ticket.setPriority(request.priority());
        String actor = currentStaff.get().username();
        TicketEvent.priorityChanged(ticket, actor, now, old, request.priority());
        if (ticket.sla.firstResponseDue != null && Lifecycle.isOpen(ticket.status)) {
            String before = Deadlines.describe(ticket.sla, config.timeZone());
            // From where the deadlines were last set: the filing, or the ticket's revival out of REJECTED or MERGED.
            Instant from = TicketEvent.latest(ticket, EventType.DEADLINES_SET).orElse(ticket.createdAt);
            ticket.sla.reprioritise(from, now, ticket.priority, slaPolicy);
            TicketEvent.deadlinesShifted(ticket, actor, now, before, Deadlines.describe(ticket.sla, config.timeZone()),
                    "Nieuwe prioriteit " + ticket.priority);
        }
        return touched(ticket, now);
    }

    @Transactional
    public Ticket merge(String reference, String ifMatch, Merge request) {
        String into = request == null ? null : Text.blankToNull(request.into());
        if (into == null) {
            throw new InvalidInputException("into", "verplicht");
        }
        Ticket ticket = workable(reference, ifMatch);
        Ticket survivor = Ticket.findByReference(into)
                .filter(t -> TicketAccess.maySee(currentStaff.get(), t))
                .orElseThrow(() -> new InvalidInputException("into", "onbekend ticket"));
        if (survivor.id.equals(ticket.id)) {
            throw new InvalidInputException("into", "een ticket kan niet in zichzelf opgaan");
        }
        // Two merges of one pair (A into B, B into A) must not both succeed: lock both rows, lower id
        // first so they never deadlock; the lock's version check turns the loser into a 409.
        EntityManager em = Panache.getEntityManager();
        for (Ticket locked : ticket.id < survivor.id ? List.of(ticket, survivor) : List.of(survivor, ticket)) {
            em.lock(locked, LockModeType.PESSIMISTIC_WRITE);
        }
        if (survivor.status == TicketStatus.MERGED) {
            throw new ConflictException(into + " is zelf samengevoegd; voeg samen met het overgebleven ticket.");
        }
        if (!Lifecycle.allows(ticket.status, TicketStatus.MERGED)) {
            throw new ConflictException("Een ticket met status " + ticket.status + " kan niet worden samengevoegd.");
        }
        Instant now = Instant.now(clock);
        String actor = currentStaff.get().username();
        // Tickets already folded into this one move along, so every duplicate points at the survivor.
        for (Ticket duplicate : Ticket.duplicatesOf(ticket)) {
            duplicate.duplicateOfId = survivor.id;
            TicketEvent.mergedOnward(duplicate, actor, now, ticket.reference, survivor.reference);
            TicketEvent.duplicateAttached(survivor, actor, now, duplicate.reference, null);
        }
        TicketStatus from = ticket.status;
        ticket.statusBeforeMerge = from;
        ticket.duplicateOfId = survivor.id;
        changeStatus(ticket, TicketStatus.MERGED, actor, now, true);
        reporterNews.fire(new ReporterNews(ticket, publicChange(from, TicketStatus.MERGED), null));
        TicketEvent.merged(ticket, actor, now, survivor.reference, null);
        TicketEvent.duplicateAttached(survivor, actor, now, ticket.reference, null);
        return touched(ticket, now);
    }

    @Transactional
    public Ticket unmerge(String reference, String ifMatch) {
        Ticket ticket = workable(reference, ifMatch);
        if (ticket.status != TicketStatus.MERGED || ticket.duplicateOfId == null) {
            throw new ConflictException("Dit ticket is niet samengevoegd.");
        }
        Ticket survivor = Ticket.findById(ticket.duplicateOfId);
        Instant now = Instant.now(clock);
        String actor = currentStaff.get().username();
        TicketStatus restored = ticket.statusBeforeMerge == null ? TicketStatus.NEW : ticket.statusBeforeMerge;
        ticket.duplicateOfId = null;
        ticket.statusBeforeMerge = null;
        TicketEvent.unmerged(ticket, actor, now, survivor.reference);
        changeStatus(ticket, restored, actor, now, true);
        reporterNews.fire(new ReporterNews(ticket, publicChange(TicketStatus.MERGED, restored), null));
        TicketEvent.duplicateDetached(survivor, actor, now, ticket.reference);
        return touched(ticket, now);
    }

    /**
     * Records a status change — the reporter sees it when the public label changes — and moves the
     * deadlines along: waiting pauses them, leaving the wait shifts them, a staff member's change
     * meets the first-response deadline. It moves {@code updated_at} too, whoever made it (the deadline
     * watcher's escalation has no request of its own): the figures per day find changed tickets by it.
     */
    public void changeStatus(Ticket ticket, TicketStatus to, String actor, Instant at, boolean byStaff) {
        TicketStatus from = ticket.status;
        ticket.status = to;
        ticket.updatedAt = at;
        TicketEvent.statusChanged(ticket, actor, at, from, to);
        ServiceLevel sla = ticket.sla;
        if (from == TicketStatus.WAITING) {
            String before = Deadlines.describe(sla, config.timeZone());
            Duration paused = sla.resume(at, ticket.priority, slaPolicy);
            if (!paused.isZero()) {
                TicketEvent.deadlinesShifted(ticket, actor, at, before, Deadlines.describe(sla, config.timeZone()),
                        "Verschoven met de wachttijd op de melder: " + paused.toMinutes() + " min");
            }
        }
        if (byStaff) {
            sla.respond(at);
        }
        ticket.concludedAt = Lifecycle.isConcluded(to) ? at : null;
        if (Lifecycle.isConcluded(to)) {
            sla.stop();
            lapseEscalations(ticket, to, actor, at);
            return;
        }
        if (Lifecycle.isConcluded(from)) {
            // Out of REJECTED or MERGED (CLOSED is final): the ticket is worked on afresh, also when an
            // unmerge takes it back to waiting for the reporter (its deadlines then paused from now).
            startDeadlines(ticket, actor, at);
        } else if (from == TicketStatus.RESOLVED) {
            sla.reopen();
        }
        if (to == TicketStatus.WAITING) {
            sla.pause(at);
        } else if (to == TicketStatus.RESOLVED) {
            sla.resolve(at);
            resolved.fire(new TicketResolved(ticket));
        }
    }

    /**
     * A ticket concluded (merged, rejected, closed) has nothing left for a manager to take up: its open
     * escalations lapse, each closed as taken up by whoever concluded it, with a history line saying why.
     * Until session 32 they stayed open, under "Mijn escalaties" for good, and a merged ticket's could be
     * acknowledged while its survivor was worked on.
     */
    private static void lapseEscalations(Ticket ticket, TicketStatus to, String actor, Instant at) {
        for (Escalation open : Escalation.ofTicket(ticket.id)) {
            if (open.isOpen()) {
                open.takeUp(ticket, actor, at, "Niveau " + open.level + ", vervallen: de melding is "
                        + CONCLUSIONS.get(to));
            }
        }
    }

    /** The reporter answered, or sent what was asked for: a ticket waiting for them is worked on again. */
    public void resumeIfWaiting(Ticket ticket, Instant now) {
        if (ticket.status == TicketStatus.WAITING) {
            changeStatus(ticket, TicketStatus.IN_PROGRESS, TicketEvent.REPORTER, now, false);
        }
    }

    /**
     * Closes a ticket that was left {@code RESOLVED} for {@code days} days, as the system: only a
     * closed ticket starts the retention period of its reporter's data. The reporter's label stays
     * "Afgehandeld", so they hear nothing; the history says who closed it and why.
     */
    public void closeLeftResolved(Ticket ticket, int days, Instant now) {
        changeStatus(ticket, TicketStatus.CLOSED, TicketEvent.SYSTEM, now, false);
        TicketEvent.noteAdded(ticket, TicketEvent.SYSTEM, now,
                "Automatisch gesloten: " + days + " dagen afgehandeld zonder heropenen", false);
        ticket.persistAndFlush();
    }

    /** Sets fresh deadlines from {@code at}, for a new or revived ticket. */
    public void startDeadlines(Ticket ticket, String actor, Instant at) {
        setDeadlines(ticket, at);
        recordDeadlines(ticket, actor, at);
    }

    /**
     * Sets a ticket's deadlines without writing anything: a new ticket gets them before its insert,
     * so filing writes the row once instead of inserting and then updating it.
     */
    public void setDeadlines(Ticket ticket, Instant at) {
        if (SlaPolicy.hasDeadlines(ticket.category)) {
            ticket.sla.start(at, ticket.priority, slaPolicy);
        }
    }

    /** The history entry for deadlines set with {@link #setDeadlines}. */
    public void recordDeadlines(Ticket ticket, String actor, Instant at) {
        deadlinesLine(ticket, actor, at).ifPresent(line -> TicketEvent.appendAll(List.of(line)));
    }

    /** The history entry for deadlines set with {@link #setDeadlines}, not written yet; none without deadlines. */
    public Optional<TicketEvent.Line> deadlinesLine(Ticket ticket, String actor, Instant at) {
        if (!SlaPolicy.hasDeadlines(ticket.category)) {
            return Optional.empty();
        }
        String deadlines = Deadlines.describe(ticket.sla, config.timeZone());
        return Optional.of(TicketEvent.deadlinesSet(ticket, actor, at, deadlines));
    }

    /** The new status if the reporter's label changed, else {@code null}. */
    private static TicketStatus publicChange(TicketStatus from, TicketStatus to) {
        return from.publicLabel().equals(to.publicLabel()) ? null : to;
    }

    public Ticket workable(String reference, String ifMatch) {
        Ticket ticket = visible(reference);
        if (!TicketAccess.mayWork(currentStaff.get(), ticket)) {
            throw new ForbiddenException();
        }
        Versions.checkIfMatch(ifMatch, ticket.version);
        return ticket;
    }

    private static Ticket touched(Ticket ticket, Instant now) {
        ticket.updatedAt = now;
        ticket.staffActed(now);
        ticket.persistAndFlush();
        return ticket;
    }

    private static void checkText(String field, String text) {
        if (text != null && text.codePointCount(0, text.length()) > TEXT_MAX) {
            throw new InvalidInputException(field, "hoogstens " + TEXT_MAX + " tekens");
        }
    }
}
