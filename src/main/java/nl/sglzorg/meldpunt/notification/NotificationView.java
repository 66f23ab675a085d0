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
        // not in the outbox list, which is not. The label ("melder") says who it went to, and why one
        // failed is said in words: the mail server's own may quote the address.
        boolean toReporter = e.kind.toReporterData();
        String error = toReporter && e.lastError != null ? MailFailures.inWords(e.lastError) : e.lastError;
        return new NotificationView(e.id, ticketReference, e.kind, toReporter ? null : e.recipient, e.recipientLabel,
                e.subject, e.shownStatus(),
                e.attempts, e.shownStatus() == EmailStatus.PENDING ? e.nextAttemptAt : null, error, e.createdAt,
                e.sentAt);
    }
}
