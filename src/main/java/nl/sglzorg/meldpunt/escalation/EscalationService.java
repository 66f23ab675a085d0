package nl.sglzorg.meldpunt.escalation;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.text.Characters;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.directory.StaffUser;
import nl.sglzorg.meldpunt.directory.Unit;
import nl.sglzorg.meldpunt.kernel.Roles;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.notification.Notifications;
import nl.sglzorg.meldpunt.routing.AccountsTable;
import nl.sglzorg.meldpunt.routing.OfficialFunction;
import nl.sglzorg.meldpunt.ticket.Escalation;
import nl.sglzorg.meldpunt.ticket.EscalationView;
import nl.sglzorg.meldpunt.ticket.Lifecycle;
import nl.sglzorg.meldpunt.ticket.SlaPolicy;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketAccess;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketService;
import nl.sglzorg.meldpunt.webhook.Webhooks;
import org.hibernate.StaleStateException;

/** Puts tickets before managers — by hand or when a deadline passes — and records who took them up. */
@ApplicationScoped
public class EscalationService {

    /** The page an acknowledge link opens; outside the sign-in (it works without an account). */
    public static final String LINK_PATH = "/beheer/bevestigen";

    /** How far back "Mijn escalaties" shows acknowledged escalations. */
    static final Duration RECENT = Duration.ofDays(28);

    private static final int MAX_ROWS = 200;

    /** A manager to escalate to. */
    public record Manager(String unit, String name, String email) {
    }

    /** The body of a manual escalation: a unit (its manager) or an address, and why. */
    public record Request(String unit, String managerEmail,
            @NotBlank(message = "{meldpunt.required}") @Characters(max = Escalation.REASON_MAX) String reason) {
    }

    @Inject
    Clock clock;

    @Inject
    Validator validator;

    @Inject
    SlaPolicy policy;

    @Inject
    TicketService tickets;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    Notifications notifications;

    @Inject
    MeldpuntConfig config;

    @Inject
    AcknowledgeLinkKey linkKey;

    @Inject
    Webhooks webhooks;

    /** Communicatie or the handling functionaris puts the ticket before a manager. */
    @Transactional
    public Escalation escalateByHand(String reference, String ifMatch, Request request) {
        Violations violations = new Violations();
        String unitCode = request == null ? null : Text.blankToNull(request.unit());
        String email = request == null ? null : Text.blankToNull(request.managerEmail());
        String reason = request == null ? null : Text.blankToNull(request.reason());
        if ((unitCode == null) == (email == null)) {
            violations.add(unitCode == null ? "unit" : "managerEmail", "geef een eenheid of een e-mailadres, niet allebei");
        }
        if (email != null && !EmailAddress.isValid(email)) {
            violations.add("managerEmail", EmailAddress.MESSAGE);
        }
        violations.addAll(validator.validate(new Request(unitCode, email, reason)));
        violations.throwIfAny();
        Ticket ticket = tickets.workable(reference, ifMatch);
        StaffMember staff = currentStaff.get();
        if (!mayEscalateByHand(staff, ticket.routedFunction)) {
            throw new ForbiddenException();
        }
        // Looked up only for someone who may escalate this ticket, so nobody else learns who is a manager.
        Manager manager = unitCode != null ? managerOfUnit(unitCode) : knownManager(email);
        if (!escalable(ticket.status)) {
            throw new ConflictException("Een ticket met status " + ticket.status + " kan niet worden geëscaleerd.");
        }
        Instant now = Instant.now(clock);
        Escalation escalation = escalate(ticket, manager, 1, false, reason, staff.username(), now);
        ticket.updatedAt = now;
        ticket.staffActed(now);
        ticket.persistAndFlush();
        return escalation;
    }

    /** Whether a ticket with {@code status} can be put before a manager: an open one, or one already escalated. */
    public static boolean escalable(TicketStatus status) {
        return status == TicketStatus.ESCALATED || Lifecycle.allows(status, TicketStatus.ESCALATED);
    }

    /**
     * Who may put a ticket they work on before a manager: communicatie, or a functionaris of the
     * function handling it (a manager the ticket reaches may not escalate it onward by hand).
     */
    public static boolean mayEscalateByHand(StaffMember staff, String routedFunction) {
        return staff.isCommunicatie() || staff.isFunctionarisOf(routedFunction);
    }

    /** The units whose manager a ticket can be escalated to by hand, by code. */
    @Transactional
    public List<Manager> unitManagers() {
        return Unit.listByCode().stream().filter(unit -> unit.managerEmail != null)
                .map(unit -> new Manager(unit.code, unit.managerName, unit.managerEmail)).toList();
    }

    /** A unit's manager, or a {@code 400} naming {@code unit}. */
    private static Manager managerOfUnit(String unitCode) {
        Unit unit = Unit.findById(unitCode);
        if (unit == null) {
            throw new InvalidInputException("unit", "onbekende eenheid");
        }
        if (unit.managerEmail == null) {
            throw new InvalidInputException("unit", "deze eenheid heeft geen leidinggevende met e-mailadres");
        }
        return new Manager(unit.code, unit.managerName, unit.managerEmail);
    }

    /**
     * An address escalated to by hand must be a manager Meldpunt knows — a unit's manager, a function's
     * escalation manager, or an enabled staff user with role leidinggevende — never just any address
     * (say one's own, to acknowledge it and stop the chain). Else a {@code 400} naming {@code managerEmail}.
     */
    private static Manager knownManager(String email) {
        String lower = email.toLowerCase(Locale.ROOT);
        boolean known = Unit.count("lower(managerEmail) = ?1", lower) > 0
                || OfficialFunction.count("lower(escalationManagerEmail) = ?1", lower) > 0
                || StaffUser.<StaffUser>list("lower(email) = ?1 and enabled = true", lower).stream()
                        .anyMatch(user -> user.roleSet().contains(Roles.LEIDINGGEVENDE));
        if (!known) {
            throw new InvalidInputException("managerEmail",
                    "geen bekende leidinggevende: kies de leidinggevende van een eenheid of een functie");
        }
        return new Manager(null, null, email);
    }

    /**
     * The manager it was for takes it up (a leidinggevende of its unit, or whoever has its address),
     * or communicatie does; the chain stops there. Nobody acknowledges an escalation they raised.
     */
    @Transactional
    public Escalation acknowledge(String reference, long id) {
        Ticket ticket = tickets.visible(reference);
        // Locked, as the e-mail's link locks it: a second acknowledgement at the same moment (the link,
        // a double click, communicatie) waits for the first and then finds it acknowledged, where it
        // failed on the row's version with a 409 of another kind (until session 38).
        Escalation escalation = Escalation.<Escalation>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(e -> e.ticketId.equals(ticket.id))
                .orElseThrow(NotFoundException::new);
        StaffMember staff = currentStaff.get();
        if (!escalation.mayBeAcknowledgedBy(staff)) {
            throw new ForbiddenException();
        }
        if (!escalation.isOpen()) {
            throw new ConflictException("Deze escalatie is al bevestigd door " + escalation.acknowledgedBy + ".");
        }
        record(ticket, escalation, staff.username(), "Niveau " + escalation.level, Instant.now(clock));
        return escalation;
    }

    /** The one-click link for the escalation e-mail: bound to it and its address, valid until its deadline. */
    String acknowledgeLink(Escalation escalation) {
        return config.baseUrl().replaceAll("/+$", "") + LINK_PATH + "?t="
                + AcknowledgeLinks.token(linkKey.get(), escalation.id, escalation.managerEmail, escalation.acknowledgeBy);
    }

    /** What an acknowledge link stands for now; it acknowledges nothing (a link scanner's GET lands here). */
    @Transactional
    public AcknowledgeLinkView linkView(String token) {
        return resolve(token, Instant.now(clock));
    }

    /**
     * As {@link #linkView}, but a link that acknowledged its escalation itself reads {@code DONE}: the
     * page a confirmation leads to.
     */
    @Transactional
    public AcknowledgeLinkView linkOutcome(String token) {
        AcknowledgeLinkView view = resolve(token, Instant.now(clock));
        boolean byThisLink = view.state() == AcknowledgeLinkView.State.USED
                && AcknowledgeLinkUse.findByIdOptional(AcknowledgeLinks.parse(token).orElseThrow().escalationId())
                        .isPresent();
        return byThisLink ? view.in(AcknowledgeLinkView.State.DONE) : view;
    }

    /**
     * Acknowledges the escalation as the address its link was sent to, without an account: once
     * (the use is recorded in the same transaction, under a unique key), and only before its
     * deadline. Of two simultaneous clicks one acknowledges; the other reads {@code USED}.
     */
    public AcknowledgeLinkView acknowledgeByLink(String token) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> acknowledgeLinked(token, Instant.now(clock)));
        } catch (RuntimeException e) {
            if (!isLostRace(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(() -> resolve(token, Instant.now(clock)));
        }
    }

    private AcknowledgeLinkView acknowledgeLinked(String token, Instant now) {
        // A second click waits here for the first to commit, then finds the escalation acknowledged
        // (the unique use row is the safety net should it not).
        AcknowledgeLinks.parse(token).ifPresent(claim -> Escalation.findById(claim.escalationId(),
                LockModeType.PESSIMISTIC_WRITE));
        AcknowledgeLinkView view = resolve(token, now);
        if (view.state() != AcknowledgeLinkView.State.OPEN) {
            return view;
        }
        long id = AcknowledgeLinks.parse(token).orElseThrow().escalationId();
        Escalation escalation = Escalation.findById(id);
        AcknowledgeLinkUse.of(id, escalation.managerEmail, now).persist();
        record(Ticket.findById(escalation.ticketId), escalation, escalation.managerEmail,
                "Niveau " + escalation.level + ", met de link uit de e-mail", now);
        return linkState(escalation, escalation.acknowledgeBy, now).in(AcknowledgeLinkView.State.DONE);
    }

    private AcknowledgeLinkView resolve(String token, Instant now) {
        Optional<AcknowledgeLinks.Claim> claim = AcknowledgeLinks.parse(token);
        if (claim.isEmpty()) {
            return AcknowledgeLinkView.invalid();
        }
        Escalation escalation = Escalation.findById(claim.get().escalationId());
        if (escalation == null || !AcknowledgeLinks.signedFor(linkKey.get(), claim.get(), escalation.managerEmail)
                || raisedByItsManager(escalation)) {
            return AcknowledgeLinkView.invalid();
        }
        return linkState(escalation, claim.get().expiresAt(), now);
    }

    private static AcknowledgeLinkView linkState(Escalation escalation, Instant expiresAt, Instant now) {
        Ticket ticket = Ticket.findById(escalation.ticketId);
        AcknowledgeLinkView.State state = !escalation.isOpen() ? AcknowledgeLinkView.State.USED
                : !AcknowledgeLinks.expired(expiresAt, now) ? AcknowledgeLinkView.State.OPEN
                : AcknowledgeLinkView.State.EXPIRED;
        return new AcknowledgeLinkView(state, ticket.reference, ticket.category.dutchName(), ticket.priority.name(),
                escalation.level, escalation.reason, escalation.managerEmail, escalation.acknowledgeBy,
                escalation.acknowledgedAt);
    }

    /** The rule of {@link Escalation#mayBeAcknowledgedBy}: nobody acknowledges what they raised. */
    private static boolean raisedByItsManager(Escalation escalation) {
        return StaffUser.findByUsername(escalation.createdBy)
                .filter(user -> user.email != null && user.email.equalsIgnoreCase(escalation.managerEmail))
                .isPresent();
    }

    /**
     * Records the acknowledgement, and the chain stops there: the other level of the same chain, when
     * it is still open, is taken up with it, in a history line of its own. Level 1 acknowledged after
     * level 2 followed closes level 2 (that manager need not act), and level 2 acknowledged closes the
     * level 1 it followed. Until session 32 the other level stayed open, under "Mijn escalaties" for good.
     */
    private static void record(Ticket ticket, Escalation escalation, String actor, String text, Instant now) {
        escalation.takeUp(ticket, actor, now, text);
        escalation.persistAndFlush();
        otherLevel(escalation, Escalation.ofTicket(ticket.id)).ifPresent(other -> {
            other.takeUp(ticket, actor, now, "Niveau " + other.level + ", met niveau " + escalation.level
                    + " bevestigd door " + actor);
            other.persistAndFlush();
        });
    }

    /**
     * The open other level of {@code acknowledged}'s chain, among the ticket's escalations: the level 2
     * the watcher raised after it, or the level 1 it was raised after. No column links the two, so only
     * when one open escalation can be it: with two chains open at once (a second level 1 raised by hand
     * on an escalated ticket) which level 2 followed which is not known, and none is closed.
     */
    static Optional<Escalation> otherLevel(Escalation acknowledged, List<Escalation> ofTicket) {
        List<Escalation> candidates;
        if (acknowledged.level == 1 && acknowledged.nextLevelFired) {
            candidates = ofTicket.stream().filter(e -> e.isOpen() && e.level == 2 && e.automatic
                    && !e.createdAt.isBefore(acknowledged.createdAt)).toList();
        } else if (acknowledged.level == 2 && acknowledged.automatic) {
            candidates = ofTicket.stream().filter(e -> e.isOpen() && e.level == 1 && e.nextLevelFired
                    && !e.createdAt.isAfter(acknowledged.createdAt)).toList();
        } else {
            return Optional.empty();
        }
        boolean anotherChainOpen = ofTicket.stream().anyMatch(e -> e.isOpen() && e.level == acknowledged.level
                && e.nextLevelFired == acknowledged.nextLevelFired && !e.id.equals(acknowledged.id));
        return candidates.size() == 1 && !anotherChainOpen ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static boolean isLostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException
                    || t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Mijn escalaties": the open escalations put before the current staff member (their unit as a
     * leidinggevende, or their address), oldest deadline first, and those acknowledged in the last
     * {@link #RECENT} below; communicatie sees every escalation.
     */
    @Transactional
    public MyEscalations mine() {
        StaffMember staff = currentStaff.get();
        Instant now = Instant.now(clock);
        Map<String, Object> params = new HashMap<>();
        String mine = "1 = 1";
        if (!staff.isCommunicatie()) {
            params.put("email", staff.email() == null ? "" : staff.email().toLowerCase(Locale.ROOT));
            params.put("unit", staff.roles().contains(Roles.LEIDINGGEVENDE) && staff.unit() != null ? staff.unit() : "");
            mine = "(e.managerUnit = :unit or lower(e.managerEmail) = :email)";
        }
        String from = "select e, t from Escalation e, Ticket t where t.id = e.ticketId and " + mine;
        List<MyEscalation> open = rows(staff, now, from + " and e.acknowledgedAt is null order by e.acknowledgeBy, e.id",
                params);
        params.put("since", now.minus(RECENT));
        List<MyEscalation> acknowledged = rows(staff, now,
                from + " and e.acknowledgedAt >= :since order by e.acknowledgedAt desc, e.id desc", params);
        return new MyEscalations(staff.isCommunicatie(), open, acknowledged);
    }

    private static List<MyEscalation> rows(StaffMember staff, Instant now, String query, Map<String, Object> params) {
        var typed = Panache.getEntityManager().createQuery(query, Object[].class).setMaxResults(MAX_ROWS);
        params.forEach(typed::setParameter);
        return typed.getResultList().stream()
                .filter(row -> TicketAccess.maySee(staff, (Ticket) row[1]))
                .map(row -> MyEscalation.of((Escalation) row[0], (Ticket) row[1], staff, now)).toList();
    }

    /** The escalations of a ticket the current staff member may see. */
    @Transactional
    public List<EscalationView> ofTicket(String reference) {
        return Escalation.ofTicket(tickets.visible(reference).id).stream().map(EscalationView::of).toList();
    }

    /** One escalation of a ticket the current staff member may see; any other answers {@code 404}. */
    @Transactional
    public EscalationView ofTicket(String reference, long id) {
        return ofTicket(reference).stream().filter(e -> e.id() == id).findFirst().orElseThrow(NotFoundException::new);
    }

    /**
     * Records an escalation, moves the ticket to {@code ESCALATED} where the lifecycle allows it, and
     * e-mails the manager through the outbox.
     */
    Escalation escalate(Ticket ticket, Manager manager, int level, boolean automatic, String reason, String actor,
            Instant now) {
        Escalation escalation = new Escalation();
        escalation.ticketId = ticket.id;
        escalation.level = level;
        escalation.automatic = automatic;
        escalation.managerUnit = manager.unit();
        escalation.managerName = manager.name();
        escalation.managerEmail = manager.email();
        escalation.reason = reason;
        escalation.createdBy = actor;
        escalation.createdAt = now;
        escalation.acknowledgeBy = policy.plus(now, policy.level(ticket.priority).acknowledgeWithin(), ticket.priority);
        escalation.persist();
        if (ticket.status != TicketStatus.ESCALATED && Lifecycle.allows(ticket.status, TicketStatus.ESCALATED)) {
            // Escalating by hand is a status change by staff and meets the first response; the
            // watcher's automatic escalation is not.
            tickets.changeStatus(ticket, TicketStatus.ESCALATED, actor, now, !automatic);
        }
        TicketEvent.escalated(ticket, actor, now, manager.email(), "Niveau " + level + ": " + reason);
        notifications.escalated(ticket, escalation,
                raisedByItsManager(escalation) ? null : acknowledgeLink(escalation));
        webhooks.escalated(ticket);
        return escalation;
    }

    /**
     * The first level: the reporter's unit manager, else the handling function's escalation manager.
     * Not the unit manager who has the ticket to take up (unwanted contact, policy: "bespreekbaar maken
     * met hun leidinggevende"): a deadline they let pass goes over their head, to the function's
     * manager. Until session 33 it went back to them, and their one click on its link stopped the
     * chain before communicatie's manager heard of it.
     */
    static Optional<Manager> firstLevel(Ticket ticket) {
        if (ticket.reporterUnit != null) {
            Unit unit = Unit.findById(ticket.reporterUnit);
            // The unit whose manager has the ticket: whoever manages it now (a manager may have changed).
            boolean hasIt = unit != null && unit.code.equals(ticket.managerUnit);
            if (unit != null && unit.managerEmail != null && !hasIt) {
                return Optional.of(new Manager(unit.code, unit.managerName, unit.managerEmail));
            }
        }
        return escalationManagerOf(ticket.routedFunction).or(EscalationService::lastLevel);
    }

    /** The last level: communicatie's manager. */
    static Optional<Manager> lastLevel() {
        return escalationManagerOf(AccountsTable.COMMUNICATIONS);
    }

    private static Optional<Manager> escalationManagerOf(String functionCode) {
        OfficialFunction function = OfficialFunction.findById(functionCode);
        return function == null || function.escalationManagerEmail == null ? Optional.empty()
                : Optional.of(new Manager(null, function.escalationManagerName, function.escalationManagerEmail));
    }
}
