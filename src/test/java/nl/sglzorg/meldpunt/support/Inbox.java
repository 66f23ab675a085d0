package nl.sglzorg.meldpunt.support;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import nl.sglzorg.meldpunt.MailServerResource;
import org.awaitility.Awaitility;

/**
 * E-mails to Meldpunt's own mailbox (the tests' IMAP server), and what became of them: the tickets
 * they filed, found by a word in their text, and whether Meldpunt flagged them {@code \Seen}.
 */
public final class Inbox {

    /** The mailbox is read every second; filing and flagging take a moment more, on a busy host much more. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Inbox() {
    }

    /** An e-mail to the mailbox, built step by step and delivered with {@link #deliver()}. */
    public static final class Mail {
        private final String from;
        private final String subject;
        private final String text;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<MimeBodyPart> attachments = new ArrayList<>();
        private final List<MimeBodyPart> inlines = new ArrayList<>();
        private String html;

        private Mail(String from, String subject, String text) {
            this.from = from;
            this.subject = subject;
            this.text = text;
        }

        public Mail header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** An HTML alternative to the text (or the only body, when the text is {@code null}). */
        public Mail html(String html) {
            this.html = html;
            return this;
        }

        public Mail attach(String name, String type, byte[] content) {
            try {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
                part.setFileName(name);
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                attachments.add(part);
                return this;
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * An image the HTML shows by its {@code cid} (a signature's logo, a pasted picture), as mail programs
         * send it: in a {@code multipart/related} with the text, with a {@code Content-ID} and a file name.
         */
        public Mail inline(String cid, String type, byte[] content) {
            try {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
                part.setFileName(cid + ".png");
                part.setDisposition(MimeBodyPart.INLINE);
                part.setContentID("<" + cid + ">");
                inlines.add(part);
                return this;
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The e-mail as the mailbox holds it, with a {@code Message-ID}. */
        public MimeMessage build() {
            try {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
                message.setFrom(new InternetAddress(from));
                message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(MailServerResource.INBOX_ADDRESS));
                message.setSubject(subject, "UTF-8");
                message.setSentDate(new java.util.Date());
                MimeMultipart body = new MimeMultipart("mixed");
                MimeBodyPart texts;
                if (text != null && html != null) {
                    MimeMultipart alternative = new MimeMultipart("alternative");
                    alternative.addBodyPart(textPart(text, "plain"));
                    alternative.addBodyPart(textPart(html, "html"));
                    texts = new MimeBodyPart();
                    texts.setContent(alternative);
                } else {
                    texts = text != null ? textPart(text, "plain") : textPart(html, "html");
                }
                if (inlines.isEmpty()) {
                    body.addBodyPart(texts);
                } else {
                    MimeMultipart related = new MimeMultipart("related");
                    related.addBodyPart(texts);
                    for (MimeBodyPart inline : inlines) {
                        related.addBodyPart(inline);
                    }
                    MimeBodyPart wrapper = new MimeBodyPart();
                    wrapper.setContent(related);
                    body.addBodyPart(wrapper);
                }
                for (MimeBodyPart attachment : attachments) {
                    body.addBodyPart(attachment);
                }
                message.setContent(body);
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    message.setHeader(header.getKey(), header.getValue());
                }
                message.saveChanges();
                return message;
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Puts the e-mail in the mailbox, as the mail server would; returns it. */
        public MimeMessage deliver() {
            MimeMessage message = build();
            Inbox.deliver(message);
            return message;
        }

        private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
            MimeBodyPart part = new MimeBodyPart();
            part.setText(content, "UTF-8", subtype);
            return part;
        }
    }

    /** An e-mail from {@code from} ("Name <address>" or an address). */
    public static Mail mail(String from, String subject, String text) {
        return new Mail(from, subject, text);
    }

    public static String sender(String name, String address) {
        try {
            return new InternetAddress(address, name, "UTF-8").toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deliver(MimeMessage message) {
        MailServerResource.inbox().deliver(message);
    }

    /** The references of the tickets whose description holds {@code word}, as communicatie finds them. */
    public static List<String> ticketsWith(String word) {
        return asCommunicatie().queryParam("q", word).get("/api/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.reference", String.class);
    }

    /** Waits for the one ticket the e-mail holding {@code word} filed; returns its reference. */
    public static String awaitTicketWith(String word) {
        return Awaitility.await("the ticket of the e-mail with " + word).atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).until(() -> ticketsWith(word), found -> !found.isEmpty())
                .get(0);
    }

    /** The stored copy of a delivered e-mail, found by its {@code Message-ID}. */
    public static StoredMessage stored(MimeMessage message) {
        try {
            String id = message.getMessageID();
            for (StoredMessage stored : folder().getMessages()) {
                if (id.equals(stored.getMimeMessage().getMessageID())) {
                    return stored;
                }
            }
            throw new IllegalStateException("not in the mailbox: " + id);
        } catch (MessagingException | FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isSeen(MimeMessage message) {
        return stored(message).isSet(Flags.Flag.SEEN);
    }

    /** Waits until Meldpunt flagged the e-mail as handled. */
    public static void awaitSeen(MimeMessage message) {
        Awaitility.await("the e-mail flagged \\Seen").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> isSeen(message));
    }

    private static MailFolder folder() throws FolderException {
        return MailServerResource.inboxStore().getImapHostManager().getInbox(MailServerResource.inbox());
    }
}
