package nl.sglzorg.meldpunt.support;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import nl.sglzorg.meldpunt.MailServerResource;
import org.awaitility.Awaitility;

/** Reads what the test SMTP server received. */
public final class Mailbox {

    private static final Duration POLL = Duration.ofMillis(100);

    private Mailbox() {
    }

    /** Every received message for which {@code wanted} holds. */
    public static List<MimeMessage> matching(Predicate<MimeMessage> wanted) {
        return Arrays.stream(MailServerResource.smtp().getReceivedMessages()).filter(wanted).toList();
    }

    /** Waits until at least {@code count} matching messages arrived, then returns them all. */
    public static List<MimeMessage> await(Predicate<MimeMessage> wanted, int count, Duration timeout) {
        return Awaitility.await("at least " + count + " e-mails").atMost(timeout).pollInterval(POLL)
                .until(() -> matching(wanted), found -> found.size() >= count);
    }

    /** Asserts that each of {@code wanted} matches exactly one message, and still does after {@code quiet}. */
    public static void assertEachOnce(List<Predicate<MimeMessage>> wanted, Duration quiet) {
        Awaitility.await("each e-mail exactly once").during(quiet).atMost(quiet.plusSeconds(5)).pollInterval(POLL)
                .until(() -> wanted.stream().allMatch(w -> matching(w).size() == 1));
    }

    public static Predicate<MimeMessage> to(String address) {
        return message -> recipients(message).stream().anyMatch(a -> a.equalsIgnoreCase(address));
    }

    public static Predicate<MimeMessage> subjectIs(String subject) {
        return message -> {
            try {
                return subject.equals(message.getSubject());
            } catch (MessagingException e) {
                return false;
            }
        };
    }

    public static Predicate<MimeMessage> subjectContains(String text) {
        return message -> {
            try {
                return message.getSubject() != null && message.getSubject().contains(text);
            } catch (MessagingException e) {
                return false;
            }
        };
    }

    public static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body part of the given type ({@code text/plain} or {@code text/html}). */
    public static String part(MimeMessage message, String type) {
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
}
