package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Staff e-mails send people to pages, never to the JSON API: a manager without an account cannot
 * use an API address, and one who has one sees JSON. Every e-mail template, and every text the
 * code that writes e-mails builds, is read for {@code /api/}. (AcknowledgeLinkTest reads the
 * e-mails as they arrive, too.)
 */
class StaffMailLinksTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates/MailTemplates");
    private static final List<Path> MAIL_CODE = List.of(
            Path.of("src/main/java/nl/sglzorg/meldpunt/notification/Notifications.java"),
            Path.of("src/main/java/nl/sglzorg/meldpunt/notification/MailTemplates.java"),
            Path.of("src/main/java/nl/sglzorg/meldpunt/escalation/SlaWatcher.java"));

    @Test
    void shouldLinkNoEmailToTheApi() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            templates = files.sorted().toList();
        }
        assertTrue(templates.size() >= 10, "the e-mail templates were found: " + templates);
        for (Path file : Stream.concat(templates.stream(), MAIL_CODE.stream()).toList()) {
            String text = Files.readString(file);
            assertFalse(text.contains("/api/") || text.contains("/api\""), file + " links to the API");
        }
    }

    @Test
    void shouldLinkEveryStaffEmailToTheTicketsPage() throws IOException {
        String code = Files.readString(MAIL_CODE.get(0));
        assertTrue(code.contains("base() + \"/beheer/meldingen/\" + ticket.reference"), "the ticket page link");
        for (String variant : List.of("staffSignal.html", "staffSignal.txt")) {
            assertTrue(Files.readString(TEMPLATES.resolve(variant)).contains("{mail.link}"), variant);
        }
    }
}
