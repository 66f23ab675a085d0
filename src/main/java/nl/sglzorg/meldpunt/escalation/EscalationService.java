package nl.sglzorg.meldpunt.escalation;

import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketService;

/** Puts tickets before managers — by hand or when a deadline passes — and records who took them up. */
@ApplicationScoped
public class EscalationService {

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
        if (!staff.isCommunicatie() && !staff.isFunctionarisOf(ticket.routedFunction)) {
            throw new ForbiddenException();
        }
        // Looked up only for someone who may escalate this ticket, so nobody else learns who is a manager.
        Manager manager = unitCode != null ? managerOfUnit(unitCode) : knownManager(email);
        if (ticket.status != TicketStatus.ESCALATED && !Lifecycle.allows(ticket.status, TicketStatus.ESCALATED)) {
            throw new ConflictException("Een ticket met status " + ticket.status + " kan niet worden geëscaleerd.");
        }
        Instant now = Instant.now(clock);
        Escalation escalation = escalate(ticket, manager, 1, false, reason, staff.username(), now);
        ticket.updatedAt = now;
        ticket.staffActed(now);
        ticket.persistAndFlush();
        return escalation;
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
        Escalation escalation = Escalation.<Escalation>findByIdOptional(id)
                .filter(e -> e.ticketId.equals(ticket.id))
                .orElseThrow(NotFoundException::new);
        StaffMember staff = currentStaff.get();
        if (!escalation.mayBeAcknowledgedBy(staff)) {
            throw new ForbiddenException();
        }
        if (!escalation.isOpen()) {
            throw new ConflictException("Deze escalatie is al bevestigd door " + escalation.acknowledgedBy + ".");
        }
        Instant now = Instant.now(clock);
        escalation.acknowledgedBy = staff.username();
        escalation.acknowledgedAt = now;
        TicketEvent.escalationAcknowledged(ticket, staff.username(), now, escalation.managerEmail,
                "Niveau " + escalation.level);
        escalation.persistAndFlush();
        return escalation;
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
        notifications.escalated(ticket, escalation);
        return escalation;
    }

    /** The first level: the reporter's unit manager, else the handling function's escalation manager. */
    static Optional<Manager> firstLevel(Ticket ticket) {
        if (ticket.reporterUnit != null) {
            Unit unit = Unit.findById(ticket.reporterUnit);
            if (unit != null && unit.managerEmail != null) {
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
