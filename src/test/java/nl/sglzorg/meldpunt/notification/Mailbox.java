package nl.sglzorg.meldpunt.notification;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import nl.sglzorg.meldpunt.MailServerResource;

/** Reads what the test SMTP server received. */
final class Mailbox {

    private Mailbox() {
    }

    /** Every received message for which {@code wanted} holds. */
    static List<MimeMessage> matching(Predicate<MimeMessage> wanted) {
        return Arrays.stream(MailServerResource.smtp().getReceivedMessages()).filter(wanted).toList();
    }

    /** Waits until at least {@code count} matching messages arrived, then returns them all. */
    static List<MimeMessage> await(Predicate<MimeMessage> wanted, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<MimeMessage> found = matching(wanted);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            sleep(100);
            found = matching(wanted);
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " e-mails, got " + found.size());
        }
        return found;
    }

    static Predicate<MimeMessage> to(String address) {
        return message -> recipients(message).stream().anyMatch(a -> a.equalsIgnoreCase(address));
    }

    static Predicate<MimeMessage> subjectContains(String text) {
        return message -> {
            try {
                return message.getSubject() != null && message.getSubject().contains(text);
            } catch (MessagingException e) {
                return false;
            }
        };
    }

    static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body part of the given type ({@code text/plain} or {@code text/html}). */
    static String part(MimeMessage message, String type) {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return message.isMimeType(type) ? text : null;
            }
            return find((Multipart) content, type);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Multipart multipart, String type) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
