package nl.sglzorg.meldpunt.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.directory.Unit;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.notification.MailTemplates.Acknowledge;
import nl.sglzorg.meldpunt.notification.MailTemplates.CareWorkerMail;
import nl.sglzorg.meldpunt.notification.MailTemplates.ReporterMail;
import nl.sglzorg.meldpunt.notification.MailTemplates.SignalMail;
import nl.sglzorg.meldpunt.notification.MailTemplates.Templates;
import nl.sglzorg.meldpunt.routing.AccountsTable;
import nl.sglzorg.meldpunt.routing.ContactEntry;
import nl.sglzorg.meldpunt.routing.FunctionEntry;
import nl.sglzorg.meldpunt.routing.Informed;
import nl.sglzorg.meldpunt.routing.RespondVia;
import nl.sglzorg.meldpunt.ticket.Deadlines;
import nl.sglzorg.meldpunt.ticket.Escalation;
import nl.sglzorg.meldpunt.ticket.ReporterNews;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketRerouted;

/**
 * Decides who hears of what, and puts the e-mails in the outbox inside the caller's transaction:
 * the change and its e-mails commit together or not at all.
 */
@ApplicationScoped
public class Notifications {

    private static final String INSERT_EMAIL = "INSERT INTO outbox_email (ticket_id, kind, recipient, recipient_label,"
            + " subject, text_body, html_body, status, attempts, next_attempt_at, created_at, version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0)";

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    /**
     * A new signal: communicatie always; the handler and the informed unless it joined an existing
     * ticket (they heard of that one); the reporter if they left an address. {@code firstLines}, the
     * new ticket's first history lines, are written with the lines that name the queued e-mails, ahead
     * of them, in one batch: the filing's whole history in one round trip. {@code trackingCode}, for a
     * signal a staff member took by phone or in person, goes in the reporter's acknowledgement, since
     * nobody showed it to them, which then goes only when they asked for updates; null for a signal
     * its reporter filed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void signalFiled(Ticket ticket, AccountsTable table, String trackingCode, List<TicketEvent.Line> firstLines) {
        Outgoing sent = new Outgoing(ticket);
        boolean duplicate = ticket.status == TicketStatus.MERGED;
        String intro = duplicate
                ? "Er is een nieuw signaal binnengekomen over een bericht dat al gemeld is; het is toegevoegd aan het bestaande ticket."
                : "Er is een nieuw signaal binnengekomen.";
        queueStaff(ticket, EmailKind.NEW_SIGNAL, config.mail().communicationsAddress(), "communicatie",
                "[Meldpunt] Nieuw signaal " + ticket.reference + ": " + ticket.category.dutchName(), intro, sent);
        if (!duplicate) {
            String forYou = "[Meldpunt] Signaal voor jou: " + ticket.reference;
            if (ticket.managerEmail != null) {
                queueStaff(ticket, EmailKind.SIGNAL_FOR_YOU, ticket.managerEmail, "leidinggevende " + ticket.managerUnit,
                        forYou, "Er is een signaal voor jou: ongewenst contact op sociale media in je eenheid. "
                                + "Bespreek het met de betrokkenen; communicatie houdt het overzicht.", sent);
            }
            if (!ticket.routedFunction.equals(AccountsTable.COMMUNICATIONS)) {
                table.function(ticket.routedFunction).ifPresent(function -> handlers(ticket, function).forEach(contact ->
                        queueStaff(ticket, EmailKind.SIGNAL_FOR_YOU, contact.email(), "functie " + function.code(),
                                forYou, "Er is een signaal voor jou.", sent)));
            }
            for (Informed informed : ticket.informed.stream().map(p -> p.toInformed()).toList()) {
                if (informed.kind() == Informed.Kind.CARE_WORKER) {
                    careWorker(ticket, sent);
                    continue;
                }
                informedAddresses(ticket, informed, table).forEach(address -> queueStaff(ticket,
                        EmailKind.FOR_INFORMATION, address, labelOf(informed),
                        "[Meldpunt] Ter informatie: " + ticket.reference,
                        "Ter informatie: er is een signaal binnengekomen waar jij bij betrokken bent.", sent));
            }
        }
        boolean takenForReporter = ticket.filedBy != null;
        if (ticket.reporterEmail != null && (!takenForReporter || ticket.wantsUpdates)) {
            boolean english = isEnglish(ticket);
            ReporterMail mail = new ReporterMail(ticket.reference, null, null, ticket.channel == Channel.EMAIL, trackingCode,
                    trackingCode == null ? null : config.baseUrl() + "/volgen");
            Rendered rendered = english
                    ? MailTemplates.render("Your report " + ticket.reference + " was received",
                            () -> Templates.reporterAcknowledgementEn(mail))
                    : MailTemplates.render("Je melding " + ticket.reference + " is ontvangen",
                            () -> Templates.reporterAcknowledgement(mail));
            sent.add(EmailKind.REPORTER_ACKNOWLEDGEMENT, ticket.reporterEmail, "melder", rendered);
        }
        sent.write(firstLines);
    }

    /**
     * A client's begeleider hears that unwanted contact was reported: not the description, nor a link
     * to the desk, and the client's name and address only when the client allowed it.
     */
    private void careWorker(Ticket ticket, Outgoing sent) {
        if (ticket.careWorkerEmail == null) {
            return;
        }
        boolean shared = ticket.careWorkerMayKnowIdentity;
        CareWorkerMail mail = new CareWorkerMail(ticket.reference, platformName(ticket), shared,
                shared ? ticket.reporterName : null, shared ? ticket.reporterEmail : null,
                config.mail().communicationsAddress());
        sent.add(EmailKind.CARE_WORKER, ticket.careWorkerEmail, "begeleider",
                MailTemplates.render("[Meldpunt] Een cliënt die jij begeleidt meldt ongewenst contact",
                        () -> Templates.careWorker(mail)));
    }

    /**
     * Tells a reporter who asked for updates of a new public status and/or a reply. Either may be
     * {@code null}; with neither, nothing is sent.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reporterUpdate(Ticket ticket, TicketStatus newStatus, String reply) {
        if (!ticket.wantsUpdates || ticket.reporterEmail == null || (newStatus == null && reply == null)) {
            return;
        }
        boolean english = isEnglish(ticket);
        String status = newStatus == null ? null : english ? newStatus.englishLabel() : newStatus.publicLabel();
        ReporterMail mail = new ReporterMail(ticket.reference, status, reply, ticket.channel == Channel.EMAIL, null, null);
        Rendered rendered = english
                ? MailTemplates.render("News about your report " + ticket.reference, () -> Templates.reporterUpdateEn(mail))
                : MailTemplates.render("Nieuws over je melding " + ticket.reference, () -> Templates.reporterUpdate(mail));
        Outgoing sent = new Outgoing(ticket);
        sent.add(EmailKind.REPORTER_UPDATE, ticket.reporterEmail, "melder", rendered);
        sent.write();
    }

    /** News for a ticket's reporter, observed inside the transaction of the change that made it. */
    @Transactional(Transactional.TxType.MANDATORY)
    void on(@Observes ReporterNews news) {
        reporterUpdate(news.ticket(), news.newStatus(), news.reply());
    }

    /** A rerouted ticket, observed inside the transaction of the change. */
    @Transactional(Transactional.TxType.MANDATORY)
    void on(@Observes TicketRerouted change) {
        rerouted(change.ticket(), change.function(), change.reason());
    }

    /** A ticket moved to another function: its officials (or communicatie's mailbox) hear of it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rerouted(Ticket ticket, FunctionEntry function, String reason) {
        Outgoing sent = new Outgoing(ticket);
        String subject = "[Meldpunt] Signaal naar jou doorgestuurd: " + ticket.reference;
        String intro = "Er is een signaal naar jou doorgestuurd. Reden: " + reason;
        if (function.code().equals(AccountsTable.COMMUNICATIONS)) {
            queueStaff(ticket, EmailKind.REROUTED, config.mail().communicationsAddress(), "communicatie", subject,
                    intro, sent);
        } else {
            // The official the move chose (the region's, the centre's) if it chose one, else all of them.
            handlers(ticket, function).forEach(contact -> queueStaff(ticket, EmailKind.REROUTED, contact.email(),
                    "functie " + function.code(), subject, intro, sent));
        }
        sent.write();
    }

    /**
     * A manager gets a ticket put before them, with what to do: the one-click {@code acknowledgeLink}
     * (made by the escalation, which signs it), or, without one, "Mijn escalaties" on the desk.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void escalated(Ticket ticket, Escalation escalation, String acknowledgeLink) {
        String intro = "Er is een signaal naar jou geëscaleerd (niveau " + escalation.level + "). Reden: "
                + escalation.reason + ".";
        Acknowledge acknowledge = new Acknowledge(acknowledgeLink, base() + "/beheer/escalaties",
                Deadlines.format(escalation.acknowledgeBy, config.timeZone()));
        Outgoing sent = new Outgoing(ticket);
        queueStaff(ticket, EmailKind.ESCALATION, escalation.managerEmail,
                escalation.managerUnit == null ? "leidinggevende" : "leidinggevende " + escalation.managerUnit,
                "[Meldpunt] Escalatie: " + ticket.reference, intro, acknowledge, sent);
        sent.write();
    }

    /**
     * A deadline comes near or passed: the handling function's officials hear of it, or
     * communicatie's mailbox when the function has none (or is communicatie); and the unit manager who
     * has the ticket to take up (unwanted contact), who until session 33 was not told.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadline(Ticket ticket, AccountsTable table, String subject, String intro) {
        Outgoing sent = new Outgoing(ticket);
        List<ContactEntry> officials = ticket.routedFunction.equals(AccountsTable.COMMUNICATIONS) ? List.of()
                : table.function(ticket.routedFunction).map(f -> handlers(ticket, f)).orElse(List.of());
        if (officials.isEmpty()) {
            queueStaff(ticket, EmailKind.DEADLINE, config.mail().communicationsAddress(), "communicatie", subject, intro,
                    sent);
        }
        officials.forEach(contact -> queueStaff(ticket, EmailKind.DEADLINE, contact.email(),
                "functie " + ticket.routedFunction, subject, intro, sent));
        if (ticket.managerUnit != null) {
            // Whoever manages the unit now: the manager at filing may have left it.
            Unit unit = Unit.findById(ticket.managerUnit);
            String manager = unit != null && unit.managerEmail != null ? unit.managerEmail : ticket.managerEmail;
            queueStaff(ticket, EmailKind.DEADLINE, manager, "leidinggevende " + ticket.managerUnit, subject, intro, sent);
        }
        sent.write();
    }

    private String base() {
        return config.baseUrl().replaceAll("/+$", "");
    }

    private void queueStaff(Ticket ticket, EmailKind kind, String address, String label, String subject, String intro,
            Outgoing sent) {
        queueStaff(ticket, kind, address, label, subject, intro, null, sent);
    }

    /** Every staff e-mail links to the ticket's page on the desk, never to the API. */
    private void queueStaff(Ticket ticket, EmailKind kind, String address, String label, String subject, String intro,
            Acknowledge acknowledge, Outgoing sent) {
        SignalMail mail = new SignalMail(intro, ticket.reference, ticket.category.dutchName(),
                platformName(ticket), ticket.topic.dutchName(), ticket.url, ticket.description, ticket.priority.name(),
                ticket.routedFunctionName, respondVia(ticket.respondVia), ticket.routingReason,
                ticket.informed.stream().map(p -> p.kind == Informed.Kind.UNIT_MANAGER
                        ? "leidinggevende van " + p.code : p.name).toList(),
                null, base() + "/beheer/meldingen/" + ticket.reference, acknowledge);
        sent.add(kind, address, label, MailTemplates.render(subject, () -> Templates.staffSignal(mail)));
    }

    /** The routing decision's own official if it named one, else every official of the function. */
    private static List<ContactEntry> handlers(Ticket ticket, FunctionEntry function) {
        if (ticket.routingContactId != null) {
            List<ContactEntry> chosen = function.contacts().stream()
                    .filter(c -> c.id() == ticket.routingContactId).toList();
            if (!chosen.isEmpty()) {
                return chosen;
            }
        }
        return function.contacts();
    }

    /** An informed function's officials (only those of the named region or centre, when they exist). */
    private static List<String> informedAddresses(Ticket ticket, Informed informed, AccountsTable table) {
        if (informed.kind() == Informed.Kind.UNIT_MANAGER) {
            Unit unit = Unit.findById(informed.code());
            return unit == null || unit.managerEmail == null ? List.of() : List.of(unit.managerEmail);
        }
        List<ContactEntry> contacts = table.function(informed.code()).map(FunctionEntry::contacts).orElse(List.of());
        List<ContactEntry> specific = contacts.stream()
                .filter(c -> same(c.region(), ticket.region) || same(c.activityCentre(), ticket.activityCentre))
                .toList();
        List<String> addresses = new ArrayList<>();
        (specific.isEmpty() ? contacts : specific).forEach(c -> addresses.add(c.email()));
        return addresses;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }

    private static String labelOf(Informed informed) {
        return informed.kind() == Informed.Kind.UNIT_MANAGER ? "leidinggevende " + informed.code()
                : "functie " + informed.code();
    }

    private static String platformName(Ticket ticket) {
        String name = ticket.platform.dutchName();
        return name.startsWith("een ") ? name.substring(4) : name;
    }

    private static String respondVia(RespondVia via) {
        return switch (via) {
            case CORPORATE_ACCOUNT -> "reageren via het SGL-account";
            case PERSONAL_ACCOUNT -> "reageren via een persoonlijk account";
            case LOCATION_PAGE -> "reageren via de locatiepagina";
            case NONE -> "niet publiek reageren";
        };
    }

    private static boolean isEnglish(Ticket ticket) {
        return "en".equals(ticket.language);
    }

    /**
     * The e-mails one change queues for one ticket: each address once, all written when the change
     * is done, the e-mails in one batch and their lines in the history in another (two round trips to
     * the database where a filing's three e-mails took six). Plain inserts ({@link Sql}): nothing in
     * the transaction reads the rows back as entities.
     */
    private final class Outgoing {
        private final Ticket ticket;
        private final Instant now = Instant.now(clock);
        private final Set<String> addresses = new HashSet<>();
        private final Set<String> reporterAddresses = new HashSet<>();
        private final List<Object[]> emails = new ArrayList<>();
        private final List<TicketEvent.QueuedEmail> lines = new ArrayList<>();

        Outgoing(Ticket ticket) {
            this.ticket = ticket;
        }

        /**
         * Queues the e-mail, unless there is no address or this change queued one for it already (case
         * ignored). An e-mail to the reporter (or their begeleider) is counted apart from staff's: a reporter
         * who is also the official it goes to, or who gave communicatie's own address, still gets theirs,
         * which may be the only place their tracking code is (a signal taken by staff).
         */
        void add(EmailKind kind, String address, String label, Rendered rendered) {
            if (address == null || address.isBlank()) {
                return;
            }
            String key = address.strip().toLowerCase(Locale.ROOT);
            if ((kind.toReporterData() ? reporterAddresses : addresses).add(key)) {
                emails.add(new Object[] {ticket.id, kind.name(), address.strip(), label, rendered.subject(),
                    rendered.text(), rendered.html(), EmailStatus.PENDING.name(), now, now});
                lines.add(new TicketEvent.QueuedEmail(label, rendered.subject()));
            }
        }

        void write() {
            write(List.of());
        }

        /** Writes the e-mails, and {@code before} with the lines that name them in one batch. */
        void write(List<TicketEvent.Line> before) {
            Sql.batch(INSERT_EMAIL, emails);
            List<TicketEvent.Line> history = new ArrayList<>(before);
            history.addAll(TicketEvent.emailsQueued(ticket.id, now, lines));
            TicketEvent.appendAll(history);
        }
    }
}
