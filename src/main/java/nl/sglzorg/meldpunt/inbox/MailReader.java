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
import org.eclipse.angus.mail.util.BASE64DecoderStream;
import org.eclipse.angus.mail.util.DecodingException;

/**
 * Reads an e-mail into an {@link IncomingMail}: the sender, the text (plain text preferred, else the
 * HTML's text), and every attachment into a temporary file, each read no further than
 * {@code maxAttachmentBytes}.
 */
final class MailReader {

    /** The most of a text part that is read: enough bytes for {@link MailText#BODY_MAX} characters of UTF-8. */
    private static final int TEXT_BYTES_MAX = 4 * MailText.BODY_MAX;

    /** Parts inside more multiparts than this are not read: a mail program nests three or four. */
    static final int MAX_NESTING = 10;

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
                body.walk(message, 0);
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

        void walk(Part part, int depth) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                if (depth >= MAX_NESTING) {
                    // No mail program nests this deep; what is inside is not read, and counted as not read.
                    notRead++;
                    return;
                }
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1);
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
            try (InputStream in = decoded(part); OutputStream out = Files.newOutputStream(file)) {
                size = copyAtMost(in, out, maxAttachmentBytes + 1);
            } catch (DecodingException e) {
                // Broken beyond reading (a uuencoded part that does not decode): not kept, and said so.
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
         * A text part's text, at most {@link MailText#BODY_MAX} characters of it, read no further than
         * that (the mail library's own reading takes a whole part, however large, into memory first). In
         * the character set the part names; a part that names none (a web form's or a newsletter tool's
         * e-mail, whose HTML says it in a meta tag the mail library does not read) is read as UTF-8 when
         * its bytes are, else as Windows-1252, where the mail library read US-ASCII and every ë, é and €
         * came out as a replacement character (until session 38).
         */
        private static String text(Part part) throws MessagingException, IOException {
            byte[] bytes;
            boolean cut;
            try (InputStream in = decoded(part)) {
                bytes = in.readNBytes(TEXT_BYTES_MAX);
                cut = bytes.length == TEXT_BYTES_MAX;
            } catch (DecodingException e) {
                return "";
            }
            Charset declared = declaredCharset(part);
            String text = declared != null ? new String(bytes, declared) : MailText.undeclared(bytes, cut);
            return text.length() > MailText.BODY_MAX ? text.substring(0, MailText.BODY_MAX) : text;
        }

        /**
         * The part's bytes with its transfer encoding undone: one the mail library does not know ("8-bit",
         * "utf-8", as broken mail programs write) as sent, and base64 leniently, as far as it goes (a part
         * cut short, its padding lost). Either made the whole e-mail wait for the next poll, for ever
         * (until session 31 for the text, session 38 for attachments).
         */
        private static InputStream decoded(Part part) throws MessagingException, IOException {
            if (!(part instanceof MimeMessage || part instanceof MimeBodyPart)) {
                return part.getInputStream();
            }
            if (!knownTransferEncoding(part)) {
                return raw(part);
            }
            return "base64".equalsIgnoreCase(transferEncoding(part)) ? new BASE64DecoderStream(raw(part), true)
                    : part.getInputStream();
        }

        /**
         * The part's {@code Content-Transfer-Encoding}, or null for none: from the IMAP server's structure of
         * the e-mail for a part read over IMAP, as the mail library itself takes it.
         */
        private static String transferEncoding(Part part) throws MessagingException {
            String encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
            return encoding == null || encoding.isBlank() ? null : encoding.strip();
        }

        private static boolean knownTransferEncoding(Part part) throws MessagingException {
            String encoding = transferEncoding(part);
            if (encoding == null) {
                return true;
            }
            try {
                MimeUtility.decode(InputStream.nullInputStream(), encoding).close();
                return true;
            } catch (MessagingException | IOException e) {
                return false;
            }
        }

        private static InputStream raw(Part part) throws MessagingException {
            return part instanceof MimeMessage message ? message.getRawInputStream()
                    : ((MimeBodyPart) part).getRawInputStream();
        }

        /** The character set the part names, or null when it names none this JVM knows. */
        private static Charset declaredCharset(Part part) {
            try {
                String name = new ContentType(part.getContentType()).getParameter("charset");
                return name != null && Charset.isSupported(name) ? Charset.forName(name) : null;
            } catch (MessagingException | IllegalArgumentException e) {
                return null;
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
