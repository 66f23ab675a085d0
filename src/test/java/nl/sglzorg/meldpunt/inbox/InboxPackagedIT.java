package nl.sglzorg.meldpunt.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.PackagedApp;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.support.Inbox;
import nl.sglzorg.meldpunt.support.Ports;
import nl.sglzorg.meldpunt.support.Tickets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * E-mail in with the packaged application: an e-mail that arrived while Meldpunt was down is filed
 * when it starts, and one read again after a restart is not filed twice (the key survives in the
 * database); two instances reading one mailbox file each e-mail once (PostgreSQL only).
 */
class InboxPackagedIT {

    private static final String ADMIN_PASSWORD = "inbox-it-wachtwoord-1";
    private static final String PASSWORD = "imap-it-wachtwoord";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private GreenMail mail;
    private GreenMailUser mailbox;
    private PackagedApp.Database database;
    private Map<String, String> environment;
    private final List<PackagedApp> apps = new ArrayList<>();

    @BeforeEach
    void startMailServer() throws Exception {
        int smtpPort = Ports.free();
        int imapPort = Ports.free();
        mail = new GreenMail(new ServerSetup[] {MailServerResource.onLocalhost(smtpPort, ServerSetup.PROTOCOL_SMTP),
                MailServerResource.onLocalhost(imapPort, ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mailbox = mail.setUser(MailServerResource.INBOX_ADDRESS, MailServerResource.INBOX_ADDRESS, PASSWORD);
        database = PackagedApp.Database.fresh("inbox-it");
        environment = new HashMap<>(Map.ofEntries(
                Map.entry("MELDPUNT_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("MELDPUNT_SMTP_HOST", "127.0.0.1"),
                Map.entry("MELDPUNT_SMTP_PORT", Integer.toString(smtpPort)),
                Map.entry("MELDPUNT_MAIL_POLL_INTERVAL", "1s"),
                Map.entry("MELDPUNT_MAIL_POLL_DELAY", "0s"),
                Map.entry("MELDPUNT_INBOX_HOST", "127.0.0.1"),
                Map.entry("MELDPUNT_INBOX_PORT", Integer.toString(imapPort)),
                Map.entry("MELDPUNT_INBOX_USERNAME", MailServerResource.INBOX_ADDRESS),
                Map.entry("MELDPUNT_INBOX_PASSWORD", PASSWORD),
                Map.entry("MELDPUNT_INBOX_TLS", "false"),
                Map.entry("MELDPUNT_INBOX_POLL_INTERVAL", "1s"),
                Map.entry("MELDPUNT_INBOX_POLL_DELAY", "0s")));
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            PackagedApp.stopAll(apps.toArray(PackagedApp[]::new));
        } finally {
            mail.stop();
            database.close();
        }
    }

    @Test
    void shouldFileAnEmailOnceAcrossARestart() throws Exception {
        String word = Tickets.uniqueWord();
        // Sent while Meldpunt is down: filed when it starts.
        MimeMessage sent = deliver(Inbox.mail(word + "@voorbeeld.nl", "Voor de start " + word,
                "Een bericht over SGL op https://www.instagram.com/p/" + word)
                .attach("scherm.png", "image/png", TestImages.png(20, 20)));
        PackagedApp app = app("meldpunt");
        app.start();
        awaitSeen(sent);
        List<String> filed = ticketsWith(app, word);
        assertEquals(1, filed.size());
        app.request().auth().preemptive().basic("communicatie", ADMIN_PASSWORD)
                .get("/api/tickets/{reference}/evidence", filed.get(0)).then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1));
        app.stop();

        // Unread again, as after a crash between the commit and the flag; the key is in the database.
        stored(sent).setFlag(Flags.Flag.SEEN, false);
        app.start();
        awaitSeen(sent);
        assertEquals(filed, ticketsWith(app, word));
    }

    @Test
    void shouldFileEachEmailOnceWithTwoInstances() throws Exception {
        assumeTrue(PackagedApp.Database.onPostgresql(), "Two instances need one database they can share:"
                + " this test runs in the PostgreSQL build (see .ci/run).");
        PackagedApp a = app("instance-a");
        PackagedApp b = app("instance-b");
        a.launch();
        b.launch();
        a.awaitReady();
        b.awaitReady();

        List<String> words = new ArrayList<>();
        List<MimeMessage> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String word = Tickets.uniqueWord();
            words.add(word);
            sent.add(deliver(Inbox.mail(word + "@voorbeeld.nl", "Bericht " + i + " " + word,
                    "Iemand schrijft over SGL, kenmerk " + word + ".")));
        }
        sent.forEach(this::awaitSeen);

        for (int i = 0; i < words.size(); i++) {
            // Asked of either instance: they share one database.
            assertEquals(1, ticketsWith(i % 2 == 0 ? a : b, words.get(i)).size(), words.get(i));
        }
        // Each sender is acknowledged once.
        Awaitility.await("every acknowledgement").atMost(WAIT).until(() -> acknowledgements().size() >= words.size());
        Awaitility.await("no second acknowledgement").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> acknowledgements().size() == words.size());
    }

    private PackagedApp app(String name) {
        PackagedApp app = new PackagedApp(name, database, environment);
        apps.add(app);
        return app;
    }

    private MimeMessage deliver(Inbox.Mail message) {
        MimeMessage built = message.build();
        mailbox.deliver(built);
        return built;
    }

    private List<MimeMessage> acknowledgements() {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().startsWith("Je melding ");
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private StoredMessage stored(MimeMessage message) throws Exception {
        String id = message.getMessageID();
        for (StoredMessage stored : mail.getManagers().getImapHostManager().getInbox(mailbox).getMessages()) {
            if (id.equals(stored.getMimeMessage().getMessageID())) {
                return stored;
            }
        }
        throw new IllegalStateException("not in the mailbox: " + id);
    }

    private void awaitSeen(MimeMessage message) {
        Awaitility.await("the e-mail flagged \\Seen").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> stored(message).isSet(Flags.Flag.SEEN));
    }

    private static List<String> ticketsWith(PackagedApp app, String word) {
        return app.request().auth().preemptive().basic("communicatie", ADMIN_PASSWORD).queryParam("q", word)
                .get("/api/tickets").then().statusCode(200).extract().jsonPath().getList("items.reference", String.class);
    }
}
