package nl.sglzorg.meldpunt.privacy;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.evidence.EvidenceService;
import nl.sglzorg.meldpunt.evidence.EvidenceView;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.notification.EmailKind;
import nl.sglzorg.meldpunt.notification.EmailStatus;
import nl.sglzorg.meldpunt.notification.MailFailures;
import nl.sglzorg.meldpunt.notification.OutboxEmail;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketService;
import nl.sglzorg.meldpunt.ticket.TrackingTokens;

/**
 * What Meldpunt holds about a reporter, and its end: export on request (of all that erasure takes), erasure
 * on request, and erasure by retention a configured number of days after the ticket is concluded, or after
 * a ticket nobody concluded went a configured number of days without a change. Erasure takes name,
 * address, relation, unit and the text of their messages (also the copies on a ticket theirs was
 * merged into), and the description of a signal that came by e-mail, which is their e-mail. The
 * ticket itself stays, so statistics still count it.
 */
@ApplicationScoped
public class ReporterData {

    /** The e-mails that hold the reporter's address or were written because of what they gave. */
    static final List<EmailKind> ERASED_WITH_REPORTER = Arrays.stream(EmailKind.values())
            .filter(EmailKind::toReporterData).toList();
    static final String ERASED = "[gewist]";

    /**
     * Everything held about the reporter of one ticket: what erasure erases. {@code description} only for
     * a signal that came by e-mail, where it is the reporter's own e-mail (null otherwise).
     */
    public record Export(String reference, Instant exportedAt, String name, String email, String relation,
            String unit, String careWorkerEmail, boolean careWorkerMayKnowIdentity, boolean wantsUpdates, String language, Instant filedAt, Instant erasedAt,
            String description, List<Message> messages, List<Email> emails, List<EvidenceView> evidence) {
    }

    public record Message(Instant at, String text) {
    }

    /** An e-mail to the reporter, or to their begeleider about them ({@code kind} says which). */
    public record Email(Instant createdAt, Instant sentAt, EmailKind kind, String subject, String status) {
    }

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    TicketService tickets;

    @Inject
    AccessLog accessLog;

    @Inject
    EvidenceService evidence;

    @Transactional
    public Export export(String reference) {
        Ticket ticket = tickets.visible(reference);
        String actor = currentStaff.get().username();
        Instant now = Instant.now(clock);
        accessLog.record(actor, ticket, AccessLogEntry.Action.EXPORT_REPORTER_DATA);
        TicketEvent.reporterDataExported(ticket, actor, now);
        List<Message> messages = TicketEvent.history(ticket).stream()
                .filter(e -> e.type == EventType.REPORTER_MESSAGE)
                .map(e -> new Message(e.occurredAt, e.text)).toList();
        List<Email> emails = OutboxEmail.<OutboxEmail>list("ticketId = ?1 and kind in ?2 order by id", ticket.id,
                        ERASED_WITH_REPORTER).stream()
                .map(e -> new Email(e.createdAt, e.sentAt, e.kind, e.subject, e.shownStatus().name())).toList();
        return new Export(ticket.reference, now, ticket.reporterName, ticket.reporterEmail,
                ticket.reporterRelation == null ? null : ticket.reporterRelation.name(), ticket.reporterUnit,
                ticket.careWorkerEmail, ticket.careWorkerMayKnowIdentity, ticket.wantsUpdates, ticket.language, ticket.createdAt, ticket.reporterErasedAt,
                ticket.channel == Channel.EMAIL ? ticket.description : null, messages, emails,
                // What is known about each screenshot; the images themselves are downloaded one by one.
                evidence.ofReporter(ticket));
    }

    /** Erases at once, for a request under the right to erasure (communicatie only). */
    @Transactional
    public Ticket eraseOnRequest(String reference) {
        Ticket ticket = tickets.visible(reference);
        if (ticket.reporterErasedAt != null) {
            throw new ConflictException("De gegevens van de melder zijn al gewist.");
        }
        String actor = currentStaff.get().username();
        accessLog.record(actor, ticket, AccessLogEntry.Action.ERASE_REPORTER_DATA);
        erase(ticket, actor, "Op verzoek van de melder (recht op vergetelheid)");
        return ticket;
    }

    @Scheduled(every = "${meldpunt.retention.run-interval}", delayed = "${meldpunt.retention.run-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        closeLeftResolved();
        applyRetention();
    }

    /**
     * Closes every ticket that has been {@code RESOLVED} for longer than the configured days (since
     * it was last resolved): retention counts from the close, so a ticket nobody closes would keep
     * its reporter's data for ever. Returns how many.
     */
    public int closeLeftResolved() {
        int days = config.retention().autoCloseAfterDays();
        Instant cutoff = Instant.now(clock).minus(Duration.ofDays(days));
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createQuery("select t.id from Ticket t where t.status = :resolved"
                        + " and coalesce(t.sla.resolvedAt, t.updatedAt) <= :cutoff", Long.class)
                .setParameter("resolved", TicketStatus.RESOLVED)
                .setParameter("cutoff", cutoff).getResultList());
        int closed = 0;
        for (Long id : due) {
            // Locked and looked at again: staff may have reopened it, or another instance closed it.
            closed += QuarkusTransaction.requiringNew().call(() -> {
                Ticket ticket = Ticket.findById(id, LockModeType.PESSIMISTIC_WRITE);
                Instant resolvedAt = ticket.sla.resolvedAt == null ? ticket.updatedAt : ticket.sla.resolvedAt;
                if (ticket.status != TicketStatus.RESOLVED || resolvedAt.isAfter(cutoff)) {
                    return 0;
                }
                tickets.closeLeftResolved(ticket, days, Instant.now(clock));
                return 1;
            });
        }
        return closed;
    }

    /**
     * Erases the reporter data of every ticket concluded longer ago than the retention period as it
     * is configured now — a shorter period applies to existing tickets too — and of every ticket nobody
     * concluded that nothing changed for {@code idle-open-days}. Returns how many.
     */
    public int applyRetention() {
        Instant now = Instant.now(clock);
        Instant cutoff = now.minus(Duration.ofDays(config.retention().reporterDays()));
        Instant idleCutoff = now.minus(Duration.ofDays(config.retention().idleOpenDays()));
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                .createQuery("select t.id from Ticket t where t.reporterErasedAt is null and (t.concludedAt <= :cutoff"
                        + " or (t.concludedAt is null and t.updatedAt <= :idle))", Long.class)
                .setParameter("cutoff", cutoff).setParameter("idle", idleCutoff).getResultList());
        int erased = 0;
        for (Long id : due) {
            // Looked at again: staff may have changed it, or another instance erased it, since the look-up.
            erased += QuarkusTransaction.requiringNew().call(() -> {
                Ticket ticket = Ticket.findById(id, LockModeType.PESSIMISTIC_WRITE);
                if (ticket.reporterErasedAt != null) {
                    return 0;
                }
                if (ticket.concludedAt != null && !ticket.concludedAt.isAfter(cutoff)) {
                    erase(ticket, TicketEvent.SYSTEM, "Bewaartermijn van " + config.retention().reporterDays()
                            + " dagen na afronding verstreken");
                    return 1;
                }
                if (ticket.concludedAt == null && !ticket.updatedAt.isAfter(idleCutoff)) {
                    erase(ticket, TicketEvent.SYSTEM, "Niet afgerond en " + config.retention().idleOpenDays()
                            + " dagen niet gewijzigd: bewaartermijn verstreken");
                    return 1;
                }
                return 0;
            });
        }
        return erased;
    }

    private void erase(Ticket ticket, String actor, String why) {
        Instant now = Instant.now(clock);
        ticket.reporterName = null;
        ticket.reporterEmail = null;
        ticket.reporterRelation = null;
        ticket.reporterUnit = null;
        ticket.careWorkerEmail = null;
        ticket.careWorkerMayKnowIdentity = false;
        ticket.wantsUpdates = false;
        TicketEvent.eraseReporterMessages(ticket);
        // The names of the attachments of their e-mails that were not kept (until session 33 they stayed).
        TicketEvent.eraseAttachmentNames(ticket);
        ticket.reporterErasedAt = now;
        // A hash of a fresh random token nobody holds: the old token no longer opens anything.
        ticket.trackingTokenHash = TrackingTokens.hash(TrackingTokens.generate());
        // Statements, not entity edits: the dispatcher may be claiming one of these rows right now,
        // and an erasure must not fail on its version. An e-mail already in an SMTP server's hands
        // is gone (accepted, sentAt, though its batch may not have recorded it yet); every other unsent
        // one is removed.
        OutboxEmail.delete("ticketId = ?1 and kind in ?2 and status = ?3 and sentAt is null", ticket.id,
                ERASED_WITH_REPORTER, EmailStatus.PENDING);
        // What was sent keeps no trace of them either: the acknowledgement held their tracking code, the
        // begeleider's e-mail their name and address when they allowed it.
        OutboxEmail.update("recipient = ?1, textBody = ?1, htmlBody = ?1 where ticketId = ?2 and kind in ?3", ERASED,
                ticket.id, ERASED_WITH_REPORTER);
        // Since session 38 a failure is kept in our words; one recorded before then holds the mail server's
        // own, which may quote their address or name.
        Panache.getEntityManager().createQuery("select o.id, o.lastError from OutboxEmail o where o.ticketId = ?1"
                        + " and o.kind in ?2 and o.lastError is not null", Object[].class)
                .setParameter(1, ticket.id).setParameter(2, ERASED_WITH_REPORTER).getResultList()
                .forEach(row -> {
                    String words = MailFailures.inWords((String) row[1]);
                    if (!words.equals(row[1])) {
                        OutboxEmail.update("lastError = ?1 where id = ?2", words, row[0]);
                    }
                });
        if (ticket.channel == Channel.EMAIL) {
            // A signal that came by e-mail has the e-mail as its description, the sender's signature
            // (name, telephone, address) and all: erased as the text of their messages is, here and in
            // the staff e-mails that quoted it. Until session 32 it stayed.
            ticket.description = ERASED;
            OutboxEmail.update("textBody = ?1, htmlBody = ?1 where ticketId = ?2", ERASED, ticket.id);
        }
        // The screenshots are the reporter's too, and may show them or the people around them.
        evidence.eraseOf(ticket);
        TicketEvent.reporterErased(ticket, actor, now, why);
        ticket.persistAndFlush();
    }
}
