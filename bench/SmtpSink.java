import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server for the benchmark that accepts every e-mail and keeps nothing but a count.
 *
 * <pre>  java bench/SmtpSink.java PORT_FILE STATUS_FILE [MESSAGE_ID_FILE]</pre>
 *
 * Listens on 127.0.0.1 and a free port, which it writes to PORT_FILE. Every 100 ms it writes
 * "COUNT FIRST_MS LAST_MS" to STATUS_FILE: e-mails accepted, and the wall-clock times (ms) of the
 * first and the latest. With MESSAGE_ID_FILE it also appends each accepted e-mail's Message-ID
 * there, a line each, so that an e-mail received twice can be counted (the fault run).
 */
public class SmtpSink {

    static final AtomicLong COUNT = new AtomicLong();
    static volatile long first;
    static volatile long last;
    static Writer messageIds;

    public static void main(String[] args) throws Exception {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Path portFile = Path.of(args[0]);
        Path statusFile = Path.of(args[1]);
        Path tmp = Path.of(args[1] + ".tmp");
        Thread reporter = new Thread(() -> {
            while (true) {
                try {
                    Files.writeString(tmp, COUNT.get() + " " + first + " " + last + "\n");
                    Files.move(tmp, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(100);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        reporter.setDaemon(true);
        reporter.start();
        if (args.length > 2) {
            messageIds = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8);
        }
        Files.writeString(portFile, Integer.toString(server.getLocalPort()));
        ExecutorService pool = Executors.newCachedThreadPool();
        while (true) {
            Socket socket = server.accept();
            pool.execute(() -> serve(socket));
        }
    }

    /**
     * One SMTP session. Like a real server with PIPELINING, replies to pipelined commands are sent
     * together once the input is read (a reply per packet would meet the client's delayed ACK and
     * stall every e-mail by 40 ms), and without Nagle's delay.
     */
    static void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            socket.setTcpNoDelay(true);
            reply(out, "220 bench-sink ESMTP");
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-bench-sink\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SMTPUTF8");
                    case "HELO" -> reply(out, "250 bench-sink");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        out.flush();
                        String body;
                        String messageId = "";
                        boolean inHeader = true;
                        while ((body = in.readLine()) != null && !body.equals(".")) {
                            inHeader &= !body.isEmpty();
                            if (inHeader && body.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                messageId = body.substring(11).strip();
                            }
                        }
                        if (messageIds != null) {
                            synchronized (SmtpSink.class) {
                                messageIds.write(messageId + "\n");
                                messageIds.flush();
                            }
                        }
                        long now = System.currentTimeMillis();
                        if (COUNT.getAndIncrement() == 0) {
                            first = now;
                        }
                        last = now;
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
                if (!in.ready()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
}
