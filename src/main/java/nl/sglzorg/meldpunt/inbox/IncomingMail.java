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
 */
record IncomingMail(String key, String senderAddress, String senderName, String subject, String text,
        List<Attachment> attachments, Optional<AutomaticMail.Reason> automatic) implements AutoCloseable {

    /**
     * A file the e-mail carried: {@code file} holds its bytes, or is {@code null} when it was larger
     * than {@code maxBytes} and was not read to its end.
     */
    record Attachment(String name, Path file, long size) {

        boolean tooLarge() {
            return file == null;
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
