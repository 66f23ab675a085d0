package nl.sglzorg.meldpunt;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) on a free local port for the whole test run; the application is
 * pointed at it. Tests can stop and start it to play an outage.
 */
@QuarkusTestResource(MailServerResource.class)
public class MailServerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail server;
    private static int port;

    @Override
    public Map<String, String> start() {
        port = freePort();
        startSmtp();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        stopSmtp();
    }

    public static GreenMail smtp() {
        return server;
    }

    /** Starts the server on the same port again, with an empty mailbox. */
    public static synchronized void startSmtp() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public static synchronized void stopSmtp() {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
