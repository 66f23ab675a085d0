package nl.sglzorg.meldpunt;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import nl.sglzorg.meldpunt.support.Ports;

/**
 * A real SMTP server (GreenMail) on a free local port for the whole test run; the application is
 * pointed at it. Tests can stop and start it to play an outage. Beside it, an IMAP server holding
 * Meldpunt's own mailbox ({@link #INBOX_ADDRESS}), which the application reads; it can be stopped
 * and started too, and keeps its e-mails meanwhile.
 */
@QuarkusTestResource(MailServerResource.class)
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    /** The mailbox the application reads; nothing else in the tests writes to it. */
    public static final String INBOX_ADDRESS = "meldpunt-in@sgl-zorg.nl";
    private static final String INBOX_PASSWORD = "imap-test-wachtwoord";

    private static volatile GreenMail server;
    private static int port;
    private static final Managers inboxStore = new Managers();
    private static volatile ImapServer imap;
    private static int imapPort;
    private static GreenMailUser inboxUser;

    @Override
    public Map<String, String> start() {
        port = Ports.free();
        startSmtp();
        imapPort = Ports.free();
        inboxUser = inboxUser();
        startImap();
        return Map.of("meldpunt.smtp.host", "127.0.0.1", "meldpunt.smtp.port", Integer.toString(port),
                "meldpunt.inbox.host", "127.0.0.1", "meldpunt.inbox.port", Integer.toString(imapPort),
                "meldpunt.inbox.username", INBOX_ADDRESS, "meldpunt.inbox.password", INBOX_PASSWORD,
                "meldpunt.inbox.tls", "false");
    }

    @Override
    public void stop() {
        stopSmtp();
        stopImap();
    }

    /** The mailbox's user, made once for the whole run (the resource starts again with each test profile). */
    private static synchronized GreenMailUser inboxUser() {
        GreenMailUser user = inboxStore.getUserManager().getUserByEmail(INBOX_ADDRESS);
        try {
            return user != null ? user
                    : inboxStore.getUserManager().createUser(INBOX_ADDRESS, INBOX_ADDRESS, INBOX_PASSWORD);
        } catch (UserException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Meldpunt's mailbox, to deliver e-mails to and to look into. */
    public static GreenMailUser inbox() {
        return inboxUser;
    }

    public static Managers inboxStore() {
        return inboxStore;
    }

    /** Starts the IMAP server on the same port again, with the mailbox as it was. */
    public static synchronized void startImap() {
        imap = new ImapServer(onLocalhost(imapPort, ServerSetup.PROTOCOL_IMAP), inboxStore);
        imap.startService();
        try {
            if (!imap.waitTillRunning(5000)) {
                throw new IllegalStateException("the test IMAP server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static synchronized void stopImap() {
        if (imap != null) {
            imap.stopService();
        }
    }

    /**
     * A test mail server on this host. It may take 15 s to open its port instead of GreenMail's 2 s:
     * on a busy CI host the 2 s once ran out, and the tests that needed the server failed.
     */
    public static ServerSetup onLocalhost(int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", protocol);
        setup.setServerStartupTimeout(15_000);
        return setup;
    }

    public static GreenMail smtp() {
        return server;
    }

    /** The port the application sends its e-mails to; a test may put a server of its own there while GreenMail is stopped. */
    public static int smtpPort() {
        return port;
    }

    /**
     * Starts the server on the same port again, with an empty mailbox. A test's own server had the port
     * a moment before; in a CI run on PostgreSQL GreenMail once found it still in use ("Address already
     * in use") and every test after it that awaited an e-mail failed. So a start that fails is stopped
     * and tried again, for up to ten seconds.
     */
    public static synchronized void startSmtp() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            GreenMail candidate = new GreenMail(onLocalhost(port, ServerSetup.PROTOCOL_SMTP));
            try {
                candidate.start();
                server = candidate;
                return;
            } catch (IllegalStateException e) {
                candidate.stop();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static synchronized void stopSmtp() {
        if (server != null) {
            server.stop();
        }
    }
}
