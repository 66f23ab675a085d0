package nl.sglzorg.meldpunt.intake;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.Violation;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.directory.Unit;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.notification.Notifications;
import nl.sglzorg.meldpunt.routing.AccountsTable;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.routing.RoutingDecision;
import nl.sglzorg.meldpunt.routing.RoutingPolicy;
import nl.sglzorg.meldpunt.routing.SignalFacts;
import nl.sglzorg.meldpunt.routing.UnitManager;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.References;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketAccess;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketService;
import nl.sglzorg.meldpunt.ticket.TrackingTokens;
import nl.sglzorg.meldpunt.webhook.Webhooks;

/**
 * The reporter's side of Meldpunt: filing a signal, following it with the tracking token, adding
 * information. Everything a filing writes commits together or not at all.
 */
@ApplicationScoped
public class IntakeService {

    /** The longest message a reporter may add. */
    public static final int MESSAGE_MAX = 5000;

    /**
     * How long after its filing a signal's form, sent again, gets the receipt with its tracking code
     * ({@link #fileOnce}). A double click or a lost answer comes within seconds; a receipt reloaded on a
     * shared computer later should not show the signal's code to whoever sits there then.
     */
    public static final Duration CODE_SHOWN_AGAIN_WITHIN = Duration.ofMinutes(10);

    @Inject
    Clock clock;

    @Inject
    AccountsTableService accountsTable;

    @Inject
    MeldpuntConfig config;

    @Inject
    Notifications notifications;

    @Inject
    TicketService tickets;

    @Inject
    Webhooks webhooks;

    @Inject
    MeterRegistry registry;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    RateLimiter limiter;

    @Inject
    FormSubmissions submissions;

    /**
     * What a page form's filing did ({@link #fileOnce}): its receipt, and whether that form had filed the
     * signal before ({@code again}); then no signal was filed now.
     */
    public record FormFiling(SignalReceipt receipt, boolean again) {
    }

    /** The decision a signal would get now; files nothing. */
    @Transactional
    public RoutingDecision preview(SignalRequest asSent) {
        SignalRequest request = cleaned(asSent);
        validate(request);
        return RoutingPolicy.decide(facts(request), accountsTable.current());
    }

    /** Files a signal that came through {@code channel} from the reporter themselves. */
    public SignalReceipt file(SignalRequest request, Channel channel) {
        return file(request, channel, null);
    }

    /**
     * Files a signal from the reporter's form once: {@code submission} is the one-time key of the page
     * that sent it ({@link FormSubmissions}). Sent again (a double click, a reload of the receipt, the back
     * button), the form files nothing and gets the receipt of the signal it filed. The page that showed
     * the first receipt may never have reached the reporter (a browser shows only the answer to the last
     * of a double click), so within {@link #CODE_SHOWN_AGAIN_WITHIN} of the filing that receipt carries
     * the signal's tracking code, kept sealed under the form's key for this; later, or for a reporter
     * whose data is erased, it carries none. A form without a key files as
     * {@link #file(SignalRequest, Channel)} does.
     */
    @Transactional
    public FormFiling fileOnce(SignalRequest request, Channel channel, String submission) {
        return once(submission, () -> file(request, channel, null));
    }

    /** Files with {@code filing} unless the form with key {@code submission} filed before: then its receipt again. */
    private FormFiling once(String submission, Supplier<SignalReceipt> filing) {
        Optional<FormSubmissions.Spent> filed = submissions.spend(submission);
        if (filed.isPresent()) {
            return new FormFiling(receiptAgain(filed.get()), true);
        }
        SignalReceipt receipt = filing.get();
        submissions.done(submission, receipt.reference(), receipt.trackingToken());
        return new FormFiling(receipt, false);
    }

    /**
     * What the form with key {@code submission} filed before, if it did: its receipt, as
     * {@link #fileOnce} gives it again. Never files: asked before the work a filing starts with (its limit,
     * its screenshots' decoding), so a form sent again after its answer costs none of it.
     */
    @Transactional
    public Optional<FormFiling> filedBefore(String submission) {
        return submissions.spent(submission).map(filed -> new FormFiling(receiptAgain(filed), true));
    }

    /** The receipt of a signal its form filed before: with its code within {@link #CODE_SHOWN_AGAIN_WITHIN}. */
    private SignalReceipt receiptAgain(FormSubmissions.Spent filed) {
        Ticket ticket = Ticket.findByReference(filed.reference()).orElseThrow(NotFoundException::new);
        boolean shown = Instant.now(clock).isBefore(ticket.createdAt.plus(CODE_SHOWN_AGAIN_WITHIN))
                && ticket.reporterErasedAt == null;
        return new SignalReceipt(ticket.reference, shown ? filed.trackingCode().orElse(null) : null, ticket.status,
                ticket.status.publicLabel(), ticket.priority, ticket.createdAt, null, ticket.isMerged());
    }

    /**
     * Files a signal that the signed-in staff member took by phone or in person for its reporter,
     * counted against their own limit. The reporter was shown no tracking code: it goes to them in the
     * acknowledgement when they gave an address and want updates, and is otherwise in the receipt, for
     * the staff member to read out.
     */
    @Transactional
    public SignalReceipt fileTaken(TakenSignalRequest request) {
        String staff = currentStaff.get().username();
        limiter.consume(RateLimiter.Limit.STAFF_FILING, "staff:" + staff, 1);
        checkTaken(request);
        return file(request.signal(), request.channel(), staff);
    }

    /**
     * Files a signal taken by staff once per form, as {@link #fileOnce} does for the reporter's form:
     * {@code submission} is the key of the page that sent it. Sent again (a double click: the browser
     * shows only the last answer), it files nothing, counts nothing against the staff member's limit,
     * and gives the receipt of the signal it filed, with its code within {@link #CODE_SHOWN_AGAIN_WITHIN}
     * when that code was the staff member's to pass on.
     */
    @Transactional
    public FormFiling fileTakenOnce(TakenSignalRequest request, String submission) {
        return once(submission, () -> fileTaken(request));
    }

    /**
     * Checks a signal taken by staff as {@link #fileTaken} does, and files nothing: the channel must be
     * one staff take (phone, in person), named together with the signal's own mistakes.
     */
    @Transactional
    public void checkTaken(TakenSignalRequest request) {
        if (request == null) {
            throw new InvalidInputException("body", "verplicht: een JSON-object met de melding");
        }
        List<Violation> violations = new ArrayList<>();
        if (request.channel() == null || !request.channel().takenByStaff()) {
            violations.add(new Violation("channel", request.channel() == null ? "verplicht"
                    : "toegestaan: PHONE, IN_PERSON"));
        }
        try {
            validate(cleaned(request.signal()));
        } catch (InvalidInputException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /**
     * Files a signal that came through {@code channel}; {@code filedBy} is the staff member who filed
     * it for the reporter (phone, in person), or null when the reporter filed it.
     */
    @Transactional
    public SignalReceipt file(SignalRequest asSent, Channel channel, String filedBy) {
        SignalRequest request = cleaned(asSent);
        validate(request);
        AccountsTable table = accountsTable.current();
        RoutingDecision decision = RoutingPolicy.decide(facts(request), table);
        Instant now = Instant.now(clock);
        String token = TrackingTokens.generate();

        Ticket ticket = Ticket.file(References.next(now, config.timeZone()), filing(request, channel, filedBy), decision,
                TrackingTokens.hash(token), now);
        // Simultaneous reports of one post queue here, so each finds the ticket filed before it; the
        // first report of a post has none to find.
        boolean reportedBefore = ticket.normalizedUrl != null && Ticket.lockReportedPost(ticket.normalizedUrl);
        Optional<Ticket.Survivor> original = !reportedBefore ? Optional.empty()
                : Ticket.findOpenWithUrl(ticket.normalizedUrl).stream().filter(ticket::mayJoin).findFirst();
        original.ifPresentOrElse(survivor -> ticket.joinAsDuplicateOf(survivor, now),
                () -> tickets.setDeadlines(ticket, now));
        ticket.insert();

        // Its first history lines: filed, routed, and then its deadlines or, for another report of a
        // post already open, its joining that ticket; written with the lines of its e-mails, in one batch.
        List<TicketEvent.Line> firstLines = new ArrayList<>(List.of(TicketEvent.filed(ticket, now),
                TicketEvent.routed(ticket, now, decision.function(), decision.reason(), decision.tableRevision())));
        original.ifPresentOrElse(survivor -> firstLines.addAll(ticket.joinLines(survivor, now)),
                () -> tickets.deadlinesLine(ticket, TicketEvent.SYSTEM, now).ifPresent(firstLines::add));
        boolean codeMailed = filedBy != null && ticket.reporterEmail != null && ticket.wantsUpdates;
        notifications.signalFiled(ticket, table, codeMailed ? token : null, firstLines);
        webhooks.filed(ticket);
        registry.counter("meldpunt.signals.filed", "category", ticket.category.name(),
                "platform", ticket.platform.name()).increment();

        // A code that went to the reporter by e-mail is not shown to the staff member who took the signal.
        return new SignalReceipt(ticket.reference, codeMailed ? null : token, ticket.status, ticket.status.publicLabel(),
                ticket.priority, ticket.createdAt, PublicRouting.of(decision), original.isPresent());
    }

    /**
     * A signal the signed-in staff member took for a reporter, for the confirmation after filing; any
     * other reference answers {@code 404}, as if it did not exist.
     */
    @Transactional
    public TakenSignal taken(String reference) {
        StaffMember me = currentStaff.get();
        Ticket ticket = Ticket.findByReference(reference).filter(t -> me.username().equals(t.filedBy))
                .orElseThrow(NotFoundException::new);
        return new TakenSignal(ticket.reference, ticket.channel, ticket.priority, PublicRouting.of(ticket),
                ticket.duplicateOfId != null, ticket.reporterEmail != null && ticket.wantsUpdates,
                TicketAccess.maySee(me, ticket), ticket.createdAt);
    }

    /** The reporter's view; an unknown reference and a wrong token are the same {@code 404}. */
    @Transactional
    public SignalTracking track(String reference, String token) {
        Ticket ticket = trackable(reference, token);
        List<ReporterUpdate> updates = new ArrayList<>(ReporterUpdates.of(ticket));
        Optional<Ticket> survivor = ticket.survivor();
        if (survivor.isPresent()) {
            // A merged signal is followed through the ticket it joined.
            Instant mergedAt = TicketEvent.latest(ticket, EventType.MERGED).orElse(ticket.createdAt);
            updates.addAll(ReporterUpdates.statusChangesSince(survivor.get(), mergedAt));
            updates.sort(Comparator.comparing(ReporterUpdate::at));
            return new SignalTracking(ticket.reference, ticket.category, ticket.platform,
                    survivor.get().status.forMergedReporters().publicLabel(), ticket.createdAt,
                    max(ticket.updatedAt, survivor.get().updatedAt), updates);
        }
        return new SignalTracking(ticket.reference, ticket.category, ticket.platform, ticket.status.publicLabel(),
                ticket.createdAt, ticket.updatedAt, updates);
    }

    @Transactional
    public ReporterUpdate addMessage(String reference, String token, MessageRequest message) {
        String text = checkMessage(message);
        return addMessage(open(trackable(reference, token)), text);
    }

    /**
     * Adds a message from the reporter's form once: {@code submission} is the one-time key of the page that
     * sent it ({@link FormSubmissions}). Answers {@code false} when that form added it before: a reload or
     * a double click adds nothing the second time. The code is checked first, as for any message.
     */
    @Transactional
    public boolean addMessageOnce(String reference, String token, MessageRequest message, String submission) {
        String text = checkMessage(message);
        Ticket ticket = trackable(reference, token);
        if (submissions.spend(submission).isPresent()) {
            return false;
        }
        addMessage(open(ticket), text);
        submissions.done(submission, ticket.reference, null);
        return true;
    }

    /** The ticket, unless it is closed ({@link #isClosed}): then {@code 409}. */
    private static Ticket open(Ticket ticket) {
        if (isClosed(ticket)) {
            throw new ConflictException("Deze melding is afgesloten; doe een nieuwe melding.");
        }
        return ticket;
    }

    /**
     * A reporter's answer by e-mail: a message on the signal {@code reference} when
     * {@code senderAddress} is its reporter's address (case ignored) and the signal is not closed.
     * Empty when it is not, and nothing is written: the e-mail is then a signal of its own.
     */
    @Transactional
    public Optional<ReporterUpdate> addMessageByEmail(String reference, String senderAddress, MessageRequest message) {
        String text = checkMessage(message);
        return Ticket.findByReference(reference)
                .filter(t -> t.reporterEmail != null && senderAddress != null
                        && t.reporterEmail.strip().equalsIgnoreCase(senderAddress.strip()))
                .filter(t -> !isClosed(t))
                .map(t -> addMessage(t, text));
    }

    private ReporterUpdate addMessage(Ticket ticket, String text) {
        Optional<Ticket> survivor = ticket.survivor();
        Instant now = Instant.now(clock);
        ticket.updatedAt = now;
        TicketEvent event = TicketEvent.reporterMessage(ticket, now, text);
        tickets.resumeIfWaiting(ticket, now);
        // Staff work on the survivor: the message goes there too, unseen by its own reporter. It is
        // not the answer the survivor may be waiting for (that is its own reporter's), so the
        // survivor's status and deadlines stay as they are.
        survivor.ifPresent(s -> TicketEvent.duplicateReporterMessage(s, now, ticket.reference, text));
        return ReporterUpdates.toUpdate(event).orElseThrow();
    }

    /** Closed, or merged into a ticket that is: a reporter's news then belongs in a new signal. */
    private static boolean isClosed(Ticket ticket) {
        return ticket.status == TicketStatus.CLOSED
                || ticket.survivor().map(s -> s.status == TicketStatus.CLOSED).orElse(false);
    }

    /** The signal's rules, every mistake at once ({@link SignalValidator}). */
    private void validate(SignalRequest request) {
        SignalValidator.check(request, clock, IntakeService::isKnownUnit, config.careWorkerDomains());
    }

    private static boolean isKnownUnit(String code) {
        return Unit.findById(code) != null;
    }

    /**
     * The request as it is checked, routed and filed: its texts without direction controls
     * ({@link SignalRequest#withoutDirectionControls}), so that a description of nothing but them is
     * as empty to the check as it would be stored, and a region pasted with them is the region.
     */
    private static SignalRequest cleaned(SignalRequest request) {
        return request == null ? null : request.withoutDirectionControls();
    }

    private static Ticket.Filing filing(SignalRequest request, Channel channel, String filedBy) {
        SignalRequest.Reporter reporter = request.reporter();
        return new Ticket.Filing(request.category(), request.platform(), request.topic(), request.url(),
                request.description(), request.observedAt(), request.region(), request.activityCentre(),
                reporter == null ? null : reporter.name(), reporter == null ? null : reporter.email(),
                reporter == null ? null : reporter.relation(), reporter == null ? null : reporter.unit(),
                Boolean.TRUE.equals(request.wantsUpdates()), request.language(), channel, filedBy,
                reporter == null ? null : reporter.careWorkerEmail(),
                reporter != null && Boolean.TRUE.equals(reporter.careWorkerMayKnowIdentity()));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Ticket trackable(String reference, String token) {
        String hash = TrackingTokens.hash(token);
        return Ticket.findTrackable(reference, hash).orElseThrow(NotFoundException::new);
    }

    private static String checkMessage(MessageRequest message) {
        // Blank also when it holds nothing but direction controls, which the stored text loses.
        String text = message == null || message.text() == null ? ""
                : Text.withoutDirectionControls(message.text()).strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("text", "verplicht");
        }
        if (text.codePointCount(0, text.length()) > MESSAGE_MAX) {
            throw new InvalidInputException("text", "1 tot " + MESSAGE_MAX + " tekens");
        }
        if (SignalValidator.hasControlCharacters(text, true)) {
            throw new InvalidInputException("text", "bevat ongeldige tekens");
        }
        return text;
    }

    private static SignalFacts facts(SignalRequest request) {
        UnitManager unit = null;
        String unitCode = request.reporter() == null ? null : Text.blankToNull(request.reporter().unit());
        if (unitCode != null) {
            Unit found = Unit.findById(unitCode);
            if (found == null) {
                throw new InvalidInputException("reporter.unit", "onbekende eenheid");
            }
            unit = found.toUnitManager();
        }
        return new SignalFacts(request.category(), request.platform(), request.topic(),
                Text.blankToNull(request.region()), Text.blankToNull(request.activityCentre()), unit,
                request.reporter() != null && request.reporter().hasCareWorker());
    }
}
