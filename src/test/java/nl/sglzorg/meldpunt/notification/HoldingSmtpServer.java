package nl.sglzorg.meldpunt.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny SMTP server that accepts every e-mail, but keeps its answer to the end of an e-mail for one
 * recipient (the "250" after {@code DATA}) until the test lets it answer: an SMTP server slow to
 * accept one e-mail while it accepts the others at once. GreenMail cannot play that: it delivers
 * e-mails one at a time, so holding one holds all. Or it refuses one recipient at {@code RCPT TO},
 * with the answer the test gives. Plain text, no extensions.
 */
final class HoldingSmtpServer implements AutoCloseable {

    /** How long an answer is held at most, should a test never let go. */
    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(30);

    /** One accepted e-mail: its recipients and its text as sent, headers unfolded. */
    record Accepted(List<String> recipients, String data) {
    }

    private final ServerSocket socket;
    private final String heldRecipient;
    private final String refusedRecipient;
    private final String refusal;
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch answer = new CountDownLatch(1);
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    private HoldingSmtpServer(ServerSocket socket, String heldRecipient, String refusedRecipient, String refusal) {
        this.socket = socket;
        this.heldRecipient = heldRecipient;
        this.refusedRecipient = refusedRecipient;
        this.refusal = refusal;
    }

    /** Listens on {@code port} of 127.0.0.1 (where the application sends its e-mails), holding one recipient's e-mail. */
    static HoldingSmtpServer start(int port, String heldRecipient) throws IOException {
        return start(port, heldRecipient, null, null);
    }

    /**
     * Listens on {@code port} of 127.0.0.1, answering {@code refusal} (with the address in place of
     * {@code {address}}) to {@code RCPT TO} for one recipient, holding none.
     */
    static HoldingSmtpServer startRefusing(int port, String refusedRecipient, String refusal) throws IOException {
        return start(port, null, refusedRecipient, refusal);
    }

    private static HoldingSmtpServer start(int port, String heldRecipient, String refusedRecipient, String refusal)
            throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        HoldingSmtpServer server = new HoldingSmtpServer(socket, heldRecipient, refusedRecipient, refusal);
        server.threads.submit(server::accept);
        return server;
    }

    /** Waits until the e-mail to the held recipient has been sent up to its end, and is held there. */
    boolean awaitHolding(Duration atMost) throws InterruptedException {
        return holding.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers the held e-mail now ("250"). */
    void answer() {
        answer.countDown();
    }

    /** How many accepted e-mails went to {@code recipient} and contain {@code text}. */
    long count(String recipient, String text) {
        return accepted.stream()
                .filter(e -> e.recipients().stream().anyMatch(recipient::equalsIgnoreCase) && e.data().contains(text))
                .count();
    }

    /** Stops listening and closes every connection, so Meldpunt keeps none open to this server. */
    @Override
    public void close() throws IOException {
        answer.countDown();
        socket.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.shutdownNow();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                if (socket.isClosed()) {
                    client.close();
                    return;
                }
                threads.submit(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8)) {
            reply(out, "220 127.0.0.1 ESMTP test");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("RCPT TO:")) {
                    String recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    if (recipient.equalsIgnoreCase(refusedRecipient)) {
                        reply(out, refusal.replace("{address}", recipient));
                        continue;
                    }
                    recipients.add(recipient);
                    reply(out, "250 OK");
                } else if (command.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    String data = readData(in);
                    if (recipients.stream().anyMatch(r -> r.equalsIgnoreCase(heldRecipient))) {
                        holding.countDown();
                        answer.await(HOLD_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    accepted.add(new Accepted(List.copyOf(recipients), data));
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (command.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 Bye");
                    return;
                } else {
                    // EHLO, HELO, MAIL FROM, NOOP: all fine, no extensions offered.
                    reply(out, "250 OK");
                }
            }
        } catch (IOException | InterruptedException gone) {
            // The client left or the server closed: nothing to answer.
        } finally {
            clients.remove(client);
        }
    }

    /** The e-mail's text up to the lone dot, headers unfolded so a subject reads on one line. */
    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line).append("\r\n");
        }
        return data.toString().replace("\r\n ", " ").replace("\r\n\t", " ");
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }
}
