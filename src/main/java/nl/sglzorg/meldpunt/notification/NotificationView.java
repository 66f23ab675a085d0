package nl.sglzorg.meldpunt.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An e-mail in the outbox as communicatie sees it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(long id, String ticket, EmailKind kind, String recipient, String recipientLabel,
        String subject, EmailStatus status, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
        Instant sentAt) {

    static NotificationView of(OutboxEmail e, String ticketReference) {
        // A reporter's address is reporter data: it is read through the export, which is logged,
        // not in the outbox list, which is not. The label ("melder") says who it went to.
        boolean toReporter = e.kind.toReporterData();
        return new NotificationView(e.id, ticketReference, e.kind, toReporter ? null : e.recipient, e.recipientLabel,
                e.subject, e.shownStatus(),
                e.attempts, e.shownStatus() == EmailStatus.PENDING ? e.nextAttemptAt : null, e.lastError, e.createdAt,
                e.sentAt);
    }
}
