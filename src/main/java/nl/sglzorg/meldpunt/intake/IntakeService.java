package nl.sglzorg.meldpunt.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import nl.sglzorg.meldpunt.common.ConflictException;
import nl.sglzorg.meldpunt.common.InvalidInputException;
import nl.sglzorg.meldpunt.common.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.Text;
import nl.sglzorg.meldpunt.directory.Unit;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.routing.RoutingDecision;
import nl.sglzorg.meldpunt.routing.RoutingPolicy;
import nl.sglzorg.meldpunt.routing.SignalFacts;
import nl.sglzorg.meldpunt.routing.Topic;
import nl.sglzorg.meldpunt.routing.UnitManager;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.References;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketStatus;

/**
 * The reporter's side of Meldpunt: filing a signal, following it with the tracking token, adding
 * information. Everything a filing writes commits together or not at all.
 */
@ApplicationScoped
public class IntakeService {

    static final int MESSAGE_MAX = 5000;

    @Inject
    Clock clock;

    @Inject
    AccountsTableService accountsTable;

    @Inject
    MeldpuntConfig config;

    /** The decision a signal would get now; files nothing. */
    @Transactional
    public RoutingDecision preview(SignalRequest request) {
        SignalValidator.check(request, clock);
        return RoutingPolicy.decide(facts(request), accountsTable.current());
    }

    @Transactional
    public SignalReceipt file(SignalRequest request) {
        SignalValidator.check(request, clock);
        RoutingDecision decision = RoutingPolicy.decide(facts(request), accountsTable.current());
        Instant now = Instant.now(clock);
        String token = TrackingTokens.generate();

        Ticket ticket = new Ticket();
        ticket.reference = References.next(now, config.timeZone());
        ticket.category = request.category();
        ticket.platform = request.platform();
        ticket.topic = request.topic() == null ? Topic.GENERAL : request.topic();
        ticket.url = Text.blankToNull(request.url());
        ticket.description = request.description().strip();
        ticket.observedAt = request.observedAt();
        ticket.region = Text.blankToNull(request.region());
        ticket.activityCentre = Text.blankToNull(request.activityCentre());
        SignalRequest.Reporter reporter = request.reporter();
        if (reporter != null) {
            ticket.reporterName = Text.blankToNull(reporter.name());
            ticket.reporterEmail = Text.blankToNull(reporter.email());
            ticket.reporterRelation = reporter.relation();
            ticket.reporterUnit = Text.blankToNull(reporter.unit());
        }
        ticket.wantsUpdates = Boolean.TRUE.equals(request.wantsUpdates());
        ticket.language = request.language() == null ? "nl" : request.language();
        ticket.status = TicketStatus.NEW;
        ticket.priority = decision.priority();
        ticket.route(decision);
        ticket.trackingTokenHash = TrackingTokens.hash(token);
        ticket.createdAt = now;
        ticket.updatedAt = now;
        ticket.persist();

        TicketEvent.record(ticket, EventType.FILED, TicketEvent.REPORTER, now, null, TicketStatus.NEW.name(),
                null, true);
        TicketEvent.record(ticket, EventType.ROUTED, TicketEvent.SYSTEM, now, null, decision.function(),
                decision.reason() + " [accountstabel revisie " + decision.tableRevision() + "]", false);

        return new SignalReceipt(ticket.reference, token, ticket.status, ticket.status.publicLabel(),
                ticket.priority, ticket.createdAt, PublicRouting.of(decision));
    }

    /** The reporter's view; an unknown reference and a wrong token are the same {@code 404}. */
    @Transactional
    public SignalTracking track(String reference, String token) {
        Ticket ticket = trackable(reference, token);
        return new SignalTracking(ticket.reference, ticket.category, ticket.platform, ticket.status.publicLabel(),
                ticket.createdAt, ticket.updatedAt, ReporterUpdates.of(ticket));
    }

    @Transactional
    public ReporterUpdate addMessage(String reference, String token, MessageRequest message) {
        String text = checkMessage(message);
        Ticket ticket = trackable(reference, token);
        if (ticket.status.isFinal()) {
            throw new ConflictException("Deze melding is afgesloten; doe een nieuwe melding.");
        }
        Instant now = Instant.now(clock);
        ticket.updatedAt = now;
        TicketEvent event = TicketEvent.record(ticket, EventType.REPORTER_MESSAGE, TicketEvent.REPORTER, now,
                null, null, text, true);
        return ReporterUpdates.toUpdate(event).orElseThrow();
    }

    private static Ticket trackable(String reference, String token) {
        String hash = TrackingTokens.hash(token);
        return Ticket.findTrackable(reference, hash).orElseThrow(NotFoundException::new);
    }

    private static String checkMessage(MessageRequest message) {
        if (message == null || message.text() == null || message.text().isBlank()) {
            throw new InvalidInputException("text", "verplicht");
        }
        String text = message.text().strip();
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
                Text.blankToNull(request.region()), Text.blankToNull(request.activityCentre()), unit);
    }
}
