package nl.sglzorg.meldpunt.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One e-mail from the mailbox, as Meldpunt reads it. Its attachments wait in temporary files until
 * {@link #close()}.
 *
 * @param key what identifies the e-mail among all others: a hash of its {@code Message-ID}, or of its
 *     sender, date, subject and text when it has none
 * @param senderAddress the address in {@code From}, or {@code null} when there is no valid one
 * @param senderName the display name in {@code From}, or {@code null}
 * @param text what the sender wrote: the plain text part, else the HTML part's text
 * @param automatic why a machine sent it, when one did
 * @param attachmentsNotRead how many attachments were not read: past the {@link MailReader#MAX_ATTACHMENTS}th, or
 *     multiparts nested deeper than {@link MailReader#MAX_NESTING}
 */
record IncomingMail(String key, String senderAddress, String senderName, String subject, String text,
        List<Attachment> attachments, int attachmentsNotRead, Optional<AutomaticMail.Reason> automatic)
        implements AutoCloseable {

    /**
     * A file the e-mail carried: {@code file} holds its bytes, or is {@code null} when it was larger
     * than {@code maxBytes} and was not read to its end, or could not be decoded ({@code unreadable}: a
     * transfer encoding broken beyond reading). {@code inline} for an image shown in the e-mail's text
     * (a part with a {@code Content-ID} that is not an attachment), such as a signature's logo and icons.
     */
    record Attachment(String name, Path file, long size, boolean inline, boolean unreadable) {

        boolean tooLarge() {
            return file == null && !unreadable;
        }
    }

    @Override
    public void close() {
        delete(attachments);
    }

    /** Deletes the attachments' temporary files. */
    static void delete(List<Attachment> attachments) {
        for (Attachment attachment : attachments) {
            if (attachment.file() != null) {
                try {
                    Files.deleteIfExists(attachment.file());
                } catch (IOException e) {
                    // The temporary directory is cleaned by the system; the evidence is in the database.
                }
            }
        }
    }
}
