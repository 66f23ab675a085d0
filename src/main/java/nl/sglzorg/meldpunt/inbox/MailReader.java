package nl.sglzorg.meldpunt.inbox;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import org.eclipse.angus.mail.util.DecodingException;

/**
 * Reads an e-mail into an {@link IncomingMail}: the sender, the text (plain text preferred, else the
 * HTML's text), and every attachment into a temporary file, each read no further than
 * {@code maxAttachmentBytes}.
 */
final class MailReader {

    /** More attachments than this are not read: no signal keeps more images than a handful. */
    static final int MAX_ATTACHMENTS = 20;

    private MailReader() {
    }

    static IncomingMail read(MimeMessage message, long maxAttachmentBytes, String ownAddress)
            throws MessagingException, IOException {
        InternetAddress sender = sender(message);
        String senderAddress = sender == null ? null : sender.getAddress().strip();
        String senderName = sender == null || sender.getPersonal() == null ? null
                : MailText.oneLine(sender.getPersonal());
        Optional<AutomaticMail.Reason> automatic = AutomaticMail.reason(name -> header(message, name), senderAddress,
                ownAddress);
        String subject = message.getSubject() == null ? "" : MailText.oneLine(message.getSubject());
        Body body = new Body(maxAttachmentBytes);
        if (automatic.isEmpty()) {
            try {
                body.walk(message);
            } catch (IOException | MessagingException | RuntimeException e) {
                body.close();
                throw e;
            }
        }
        String text = MailText.clean(body.plain != null ? body.plain : body.html != null ? MailText.fromHtml(body.html) : "");
        String key = key(message, senderAddress, subject, text);
        // What was attached before what the text shows: a signature's images never take a screenshot's place.
        List<IncomingMail.Attachment> attachments = body.attachments.stream()
                .sorted(Comparator.comparing(IncomingMail.Attachment::inline)).toList();
        return new IncomingMail(key, senderAddress, senderName, subject, text, attachments, body.notRead, automatic);
    }

    /** The hash of the {@code Message-ID}, or, without one, of what the e-mail says and who sent it when. */
    private static String key(MimeMessage message, String sender, String subject, String text)
            throws MessagingException {
        String messageId = message.getMessageID();
        if (messageId != null && !messageId.isBlank()) {
            return sha256("id\n" + messageId.strip());
        }
        String date = message.getSentDate() == null ? "" : Long.toString(message.getSentDate().getTime());
        return sha256("content\n" + (sender == null ? "" : sender.toLowerCase(Locale.ROOT)) + "\n" + date + "\n"
                + subject + "\n" + text);
    }

    /** The first valid address in {@code From}, or {@code null}: a broken header files anonymously. */
    private static InternetAddress sender(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address
                    && address.getAddress() != null && EmailAddress.isValid(address.getAddress().strip())) {
                return address;
            }
        } catch (MessagingException e) {
            // An unparseable From is no sender.
        }
        return null;
    }

    private static String[] header(MimeMessage message, String name) {
        try {
            return message.getHeader(name);
        } catch (MessagingException e) {
            return null;
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the parts of one e-mail come to, gathered while walking them. */
    private static final class Body {
        private final long maxAttachmentBytes;
        private final List<IncomingMail.Attachment> attachments = new ArrayList<>();
        private int notRead;
        private String plain;
        private String html;

        Body(long maxAttachmentBytes) {
            this.maxAttachmentBytes = maxAttachmentBytes;
        }

        void walk(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child);
                }
                return;
            }
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!attached && part.isMimeType("text/plain") && plain == null) {
                plain = text(part);
            } else if (!attached && part.isMimeType("text/html") && html == null) {
                html = text(part);
            } else if (attached || !part.isMimeType("text/*")) {
                attach(part);
            }
        }

        private void attach(Part part) throws MessagingException, IOException {
            if (attachments.size() >= MAX_ATTACHMENTS) {
                notRead++;
                return;
            }
            String name = name(part);
            // The Content-ID from the IMAP server's structure of the e-mail, as the disposition is.
            boolean inline = part instanceof MimePart mime && mime.getContentID() != null
                    && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            Path file = Files.createTempFile("meldpunt-inbox-", ".part");
            long size;
            // A transfer encoding the mail library does not know is read as sent, as for the text.
            try (InputStream in = knownTransferEncoding(part) || !(part instanceof MimeBodyPart) ? part.getInputStream()
                    : raw(part); OutputStream out = Files.newOutputStream(file)) {
                size = copyAtMost(in, out, maxAttachmentBytes + 1);
            } catch (DecodingException e) {
                // Base64 broken (cut short, its padding lost): not kept, and said so. Until session 38 the
                // e-mail was read again at every poll and never filed.
                Files.deleteIfExists(file);
                attachments.add(new IncomingMail.Attachment(name, null, 0, inline, true));
                return;
            } catch (IOException | MessagingException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            if (size > maxAttachmentBytes) {
                Files.deleteIfExists(file);
                attachments.add(new IncomingMail.Attachment(name, null, size, inline, false));
            } else {
                attachments.add(new IncomingMail.Attachment(name, file, size, inline, false));
            }
        }

        void close() {
            IncomingMail.delete(attachments);
        }

        private static String name(Part part) throws MessagingException {
            String name = part.getFileName();
            if (name != null) {
                try {
                    name = MimeUtility.decodeText(name);
                } catch (UnsupportedEncodingException e) {
                    // The name as it came.
                }
            }
            name = name == null || name.isBlank() ? "bijlage (" + baseType(part) + ")" : MailText.oneLine(name);
            return name.length() > 80 ? name.substring(0, 77) + "…" : name;
        }

        private static String baseType(Part part) throws MessagingException {
            String type = part.getContentType();
            int semicolon = type == null ? -1 : type.indexOf(';');
            return type == null ? "onbekend" : (semicolon < 0 ? type : type.substring(0, semicolon)).strip()
                    .toLowerCase(Locale.ROOT);
        }

        /**
         * A text part's text, at most {@link MailText#BODY_MAX} characters of it. A transfer encoding the
         * mail library does not know ("8-bit", "utf-8", as broken mail programs write) is read as sent: such
         * an e-mail was read again at every poll and never filed.
         */
        private static String text(Part part) throws MessagingException, IOException {
            String text = null;
            if (!knownTransferEncoding(part) && (part instanceof MimeMessage || part instanceof MimeBodyPart)) {
                try (InputStream in = raw(part)) {
                    text = new String(in.readNBytes(MailText.BODY_MAX), charset(part));
                }
            }
            if (text == null) {
                try {
                    if (part.getContent() instanceof String content) {
                        text = content;
                    }
                } catch (UnsupportedEncodingException e) {
                    // An unknown charset: read the bytes as UTF-8 below.
                }
            }
            if (text == null) {
                try (InputStream in = part.getInputStream()) {
                    text = new String(in.readNBytes(MailText.BODY_MAX), StandardCharsets.UTF_8);
                }
            }
            return text.length() > MailText.BODY_MAX ? text.substring(0, MailText.BODY_MAX) : text;
        }

        private static boolean knownTransferEncoding(Part part) throws MessagingException {
            String[] encoding = part.getHeader("Content-Transfer-Encoding");
            if (encoding == null || encoding.length == 0) {
                return true;
            }
            try {
                MimeUtility.decode(InputStream.nullInputStream(), encoding[0].strip()).close();
                return true;
            } catch (MessagingException | IOException e) {
                return false;
            }
        }

        private static InputStream raw(Part part) throws MessagingException {
            return part instanceof MimeMessage message ? message.getRawInputStream()
                    : ((MimeBodyPart) part).getRawInputStream();
        }

        /** The part's declared character set, or UTF-8 when it names none this JVM knows. */
        private static Charset charset(Part part) {
            try {
                String name = new ContentType(part.getContentType()).getParameter("charset");
                return name != null && Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
            } catch (MessagingException | IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }

        private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while (total < limit && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
                out.write(buffer, 0, read);
                total += read;
            }
            return total;
        }
    }
}
