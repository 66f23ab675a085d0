package nl.sglzorg.meldpunt.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.QueryLimits;
import nl.sglzorg.meldpunt.ticket.Ticket;

/** The outbox for communicatie: what is waiting, what was sent, what failed, and a retry. */
@ApplicationScoped
public class NotificationService {

    static final int MAX_LIMIT = 200;

    @Inject
    OutboxStore store;

    /** The newest e-mails, all or those with {@code status}, at most {@code limit} (as typed in a query). */
    @Transactional
    public List<NotificationView> list(String status, String limit) {
        int max = QueryLimits.parse(limit, 50, MAX_LIMIT);
        String wanted = Text.blankToNull(status);
        List<OutboxEmail> emails;
        if (wanted == null) {
            emails = OutboxEmail.find("order by id desc").range(0, max - 1).list();
        } else {
            EmailStatus parsed;
            try {
                parsed = EmailStatus.valueOf(wanted);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status", "toegestaan: PENDING, SENT, FAILED");
            }
            emails = OutboxEmail.findNewestShown(parsed).range(0, max - 1).list();
        }
        Map<Long, String> references = references(emails);
        return emails.stream().map(e -> NotificationView.of(e, references.get(e.ticketId))).toList();
    }

    /** Sends a parked e-mail again; one that was sent or is waiting to be sent is a conflict. */
    @Transactional
    public NotificationView retry(long id) {
        OutboxEmail current = OutboxEmail.<OutboxEmail>findByIdOptional(id).orElseThrow(NotFoundException::new);
        if (current.shownStatus() == EmailStatus.SENT) {
            throw new ConflictException("Deze e-mail is al verstuurd.");
        }
        if (current.shownStatus() == EmailStatus.PENDING) {
            // A dispatcher may be sending it right now; a retry must never send it twice.
            throw new ConflictException("Deze e-mail staat al klaar om te worden verstuurd.");
        }
        OutboxEmail email = store.retry(id).orElseThrow(NotFoundException::new);
        return NotificationView.of(email, references(List.of(email)).get(email.ticketId));
    }

    private static Map<Long, String> references(List<OutboxEmail> emails) {
        return Ticket.referencesOf(emails.stream().map(e -> e.ticketId).filter(Objects::nonNull).distinct().toList());
    }
}
