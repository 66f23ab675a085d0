package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig.Smtp.StartTls;
import nl.sglzorg.meldpunt.support.Ports;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMTP sender against real SMTP servers on this host: GreenMail, and one that keeps an answer. */
class SmtpSenderTest {

    private static final String FROM = "Meldpunt SGL <meldpunt@sgl-zorg.nl>";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    record Settings(String host, Optional<Integer> port, Optional<String> username, Optional<String> password,
            Optional<StartTls> startTls, boolean tls, int connections) implements MeldpuntConfig.Smtp {

        static Settings plain(int port, int connections) {
            return new Settings("127.0.0.1", Optional.of(port), Optional.empty(), Optional.empty(),
                    Optional.of(StartTls.DISABLED), false, connections);
        }
    }

    private final int port = Ports.free();
    /** How many e-mails the sender was told were accepted. */
    private final AtomicInteger accepted = new AtomicInteger();
    private GreenMail greenMail;
    private SmtpSender sender;

    @BeforeEach
    void startServer() {
        greenMail = startGreenMail();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void shouldSendTheTextAndTheHtmlWithTheirMessageIdAndTheSubjectOnOneLine() throws Exception {
        sender = new SmtpSender(Settings.plain(port, 2), FROM, TIMEOUT);
        sender.send(new SmtpSender.Outgoing("nieuws@sgl-zorg.nl", "Nieuwe melding\r\nBcc: iedereen@example.org",
                "Één regel tekst.", "<p>Één regel <b>HTML</b>.</p>", "<7.1700000000000.outbox@sgl-zorg.nl>"),
                TIMEOUT, accepted::incrementAndGet).await();

        assertEquals(1, accepted.get(), "told of the acceptance before await returned");
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertEquals("<7.1700000000000.outbox@sgl-zorg.nl>", received.getMessageID());
        assertEquals("Nieuwe melding Bcc: iedereen@example.org", received.getSubject());
        assertEquals(1, received.getAllRecipients().length, "no recipient smuggled in through the subject");
        assertEquals("meldpunt@sgl-zorg.nl", ((jakarta.mail.internet.InternetAddress) received.getFrom()[0]).getAddress());
        assertEquals("auto-generated", received.getHeader("Auto-Submitted", null));
        Multipart parts = (Multipart) received.getContent();
        assertTrue(received.getContentType().startsWith("multipart/alternative"), received.getContentType());
        assertEquals("Één regel tekst.", parts.getBodyPart(0).getContent());
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertEquals("<p>Één regel <b>HTML</b>.</p>", parts.getBodyPart(1).getContent());
    }

    @Test
    void shouldSendOverAConnectionAgainAfterTheServerClosedIt() throws Exception {
        sender = new SmtpSender(Settings.plain(port, 1), FROM, TIMEOUT);
        sender.send(outgoing("eerste"), TIMEOUT, () -> { }).await();
        greenMail.stop();
        greenMail = startGreenMail();
        // Past the idle time after which a kept connection is checked before it carries an e-mail.
        Thread.sleep(1_200);

        sender.send(outgoing("tweede"), TIMEOUT, () -> { }).await();

        assertEquals("tweede", greenMail.getReceivedMessages()[0].getSubject());
    }

    @Test
    void shouldSendNothingWithoutStartTlsWhenItSignsIn() throws Exception {
        Settings signsIn = new Settings("127.0.0.1", Optional.of(port), Optional.of("meldpunt"), Optional.of("geheim"),
                Optional.empty(), false, 1);
        sender = new SmtpSender(signsIn, FROM, TIMEOUT);

        SmtpSender.Sending sending = sender.send(outgoing("wachtwoord in klare tekst?"), TIMEOUT, accepted::incrementAndGet);

        MessagingException refused = assertThrows(MessagingException.class, sending::await);
        assertTrue(refused.getMessage().contains("STARTTLS"), refused.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
        assertEquals(0, accepted.get());
    }

    @Test
    void shouldSendNothingOverTlsToAServerWhoseCertificateItDoesNotTrust() throws Exception {
        int tlsPort = Ports.free();
        GreenMail smtps = new GreenMail(MailServerResource.onLocalhost(tlsPort, ServerSetup.PROTOCOL_SMTPS));
        smtps.start();
        try {
            sender = new SmtpSender(new Settings("127.0.0.1", Optional.of(tlsPort), Optional.empty(), Optional.empty(),
                    Optional.empty(), true, 1), FROM, TIMEOUT);

            MessagingException refused = assertThrows(MessagingException.class,
                    sender.send(outgoing("zelfondertekend"), TIMEOUT, () -> { })::await);

            assertInstanceOf(SSLHandshakeException.class, refused.getCause(), refused.toString());
            assertEquals(0, smtps.getReceivedMessages().length);
        } finally {
            smtps.stop();
        }
    }

    @Test
    void shouldNeitherCountNorSendWhatTheServerHadNotAcceptedInTime() throws Exception {
        Duration shortly = Duration.ofMillis(500);
        withOneConnectionHeld(shortly, shortly, (server, held, queued) -> {
            assertInstanceOf(TimeoutException.class, assertThrows(Exception.class, held::await));
            assertInstanceOf(TimeoutException.class, assertThrows(Exception.class, queued::await));
            server.answer();

            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> accepted.get() == 0 && server.count("snel@example.org", "in de rij") == 0);
            assertEquals(1, server.count("traag@example.org", "vastgehouden"), "accepted by the server after its time");
        });
    }

    @Test
    void shouldNotSendAnEmailWhoseTimeRanOutWhileItWaitedForAConnectionEvenBeforeAnyoneAsks() throws Exception {
        Duration shortly = Duration.ofMillis(300);
        withOneConnectionHeld(TIMEOUT, shortly, (server, held, queued) -> {
            Thread.sleep(shortly.toMillis() + 200);
            // The connection comes free after the queued e-mail's time, before its await is called.
            server.answer();
            held.await();
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> server.count("snel@example.org", "in de rij") == 0);

            assertInstanceOf(TimeoutException.class, assertThrows(Exception.class, queued::await));
            assertEquals(1, accepted.get(), "only the held e-mail, accepted within its time");
        });
    }

    interface HeldAndQueued {
        void check(HoldingSmtpServer server, SmtpSender.Sending held, SmtpSender.Sending queued) throws Exception;
    }

    /**
     * One connection, to a server that holds its answer to the first e-mail (given {@code heldFor});
     * a second e-mail (given {@code queuedFor}) waits behind it for the connection.
     */
    private void withOneConnectionHeld(Duration heldFor, Duration queuedFor, HeldAndQueued check) throws Exception {
        greenMail.stop();
        try (HoldingSmtpServer server = HoldingSmtpServer.start(port, "traag@example.org")) {
            sender = new SmtpSender(Settings.plain(port, 1), FROM, TIMEOUT);
            SmtpSender.Sending held = sender.send(new SmtpSender.Outgoing("traag@example.org", "vastgehouden", "t",
                    "<p>t</p>", "<1.1.outbox@sgl-zorg.nl>"), heldFor, accepted::incrementAndGet);
            assertTrue(server.awaitHolding(TIMEOUT));
            SmtpSender.Sending queued = sender.send(new SmtpSender.Outgoing("snel@example.org", "in de rij", "t",
                    "<p>t</p>", "<2.1.outbox@sgl-zorg.nl>"), queuedFor, accepted::incrementAndGet);
            check.check(server, held, queued);
        }
        // Not started again on the port the holding server just left: its bind can fail there (once in CI).
        greenMail = null;
    }

    @Test
    void shouldRequireStartTlsWhenItSignsInWithoutImplicitTls() {
        assertEquals(StartTls.OPTIONAL, SmtpSender.startTls(settings(Optional.empty(), Optional.empty(), false)));
        assertEquals(StartTls.REQUIRED, SmtpSender.startTls(settings(Optional.of("meldpunt"), Optional.empty(), false)));
        assertEquals(StartTls.OPTIONAL, SmtpSender.startTls(settings(Optional.of("meldpunt"), Optional.empty(), true)));
        assertEquals(StartTls.DISABLED,
                SmtpSender.startTls(settings(Optional.of("meldpunt"), Optional.of(StartTls.DISABLED), false)));
        assertEquals(465, SmtpSender.port(settings(Optional.empty(), Optional.empty(), true)));
        assertEquals(25, SmtpSender.port(settings(Optional.empty(), Optional.empty(), false)));
        Map<Object, Object> required = SmtpSender.properties(settings(Optional.of("meldpunt"), Optional.empty(), false), TIMEOUT);
        assertEquals("true", required.get("mail.smtp.starttls.required"));
        assertEquals("true", required.get("mail.smtp.auth"));
        assertEquals("10000", required.get("mail.smtp.timeout"));
    }

    @Test
    void shouldRefuseToStartWithTheOldMailerSettings() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> SmtpSender.refuseOldSettings(List.of("meldpunt.smtp.host", "QUARKUS_MAILER_HOST")));
        assertTrue(refused.getMessage().contains("MELDPUNT_SMTP_HOST"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> SmtpSender.refuseOldSettings(List.of("quarkus.mailer.port")));
        SmtpSender.refuseOldSettings(List.of("meldpunt.smtp.host", "quarkus.http.port"));
    }

    private static Settings settings(Optional<String> username, Optional<StartTls> startTls, boolean tls) {
        return new Settings("smtp.example.org", Optional.empty(), username, Optional.empty(), startTls, tls, 1);
    }

    private static SmtpSender.Outgoing outgoing(String subject) {
        return new SmtpSender.Outgoing("nieuws@sgl-zorg.nl", subject, "tekst", "<p>tekst</p>",
                "<" + subject + ".1.outbox@sgl-zorg.nl>");
    }

    private GreenMail startGreenMail() {
        GreenMail started = new GreenMail(MailServerResource.onLocalhost(port, ServerSetup.PROTOCOL_SMTP));
        started.start();
        return started;
    }
}
