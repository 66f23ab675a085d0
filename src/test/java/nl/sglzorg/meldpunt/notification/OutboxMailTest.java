package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.support.Signals;

@QuarkusTest
class OutboxMailTest {

    private static final String MAILBOX = "nieuws@sgl-zorg.nl";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * After the SMTP server comes back. A connection the mailer opens while GreenMail is starting can
     * miss the server's greeting and hang until GreenMail drops it after its 30 s socket timeout; the
     * e-mail then goes out on the next attempt. Wait past that.
     */
    private static final Duration WAIT_AFTER_OUTAGE = Duration.ofSeconds(60);

    @Inject
    OutboxDispatcher dispatcher;

    @Test
    void shouldMailTheCommunicationsMailboxEverySignalInDutch() throws Exception {
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        signal.put("url", "https://www.facebook.com/sglzorg/posts/" + TestData.unique("p"));
        String reference = Signals.receipt(signal).path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT).get(0);
        assertEquals("[Meldpunt] Nieuw signaal " + reference + ": Uiting over SGL", mail.getSubject());
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("Er is een nieuw signaal binnengekomen."), text);
        assertTrue(text.contains("Vertegenwoordiger HRM"), text);
        assertTrue(text.contains("Onderwerp werk → Vertegenwoordiger HRM; kan via het SGL-account op Facebook reageren"));
        assertTrue(text.contains("/beheer/meldingen/" + reference), text);
        assertNotNull(Mailbox.part(mail, "text/html"));
        // The outbox row's own Message-ID, the same at every attempt: a resent e-mail is recognisably the same.
        assertTrue(mail.getMessageID().matches("<\\d+\\.\\d+\\.outbox@sgl-zorg\\.nl>"), mail.getMessageID());
    }

    @Test
    void shouldEscapeWhatTheReporterWroteInTheHtmlPart() {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("description", "Kijk hier <script>alert('x')</script> & <b>vet</b>");
        String reference = Signals.receipt(signal).path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT).get(0);
        String html = Mailbox.part(mail, "text/html");
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;"), html);
        assertTrue(Mailbox.part(mail, "text/plain").contains("<script>alert('x')</script>"));
    }

    @Test
    void shouldAcknowledgeToTheReporterWithoutTheTrackingToken() {
        String address = TestData.unique("melder").toLowerCase() + "@example.org";
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("reporter", Map.of("name", "Piet", "email", address));
        Response filed = Signals.receipt(signal);
        String token = filed.path("trackingToken");

        MimeMessage mail = Mailbox.await(Mailbox.to(address), 1, WAIT).get(0);
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("We hebben hem ontvangen onder nummer " + filed.path("reference")), text);
        assertFalse(text.contains(token));
        assertFalse(Mailbox.part(mail, "text/html").contains(token));
    }

    @Test
    void shouldLoseNoEmailWhileTheSmtpServerIsDownAndSendEachOnce() throws InterruptedException {
        List<String> references = new ArrayList<>();
        MailServerResource.stopSmtp();
        try {
            for (int i = 0; i < 5; i++) {
                references.add(Signals.receipt(TestData.signal("MENTION", "LINKEDIN")).path("reference"));
            }
            // A deliberate wait, not a poll: the dispatcher tries (and fails) while the server is down.
            Thread.sleep(1000);
        } finally {
            MailServerResource.startSmtp();
        }
        for (String reference : references) {
            Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT_AFTER_OUTAGE);
        }
        // Give any duplicate the time to arrive before counting.
        dispatcher.drain();
        Mailbox.assertEachOnce(toMailbox(references), Duration.ofSeconds(1));
    }

    @Test
    void shouldNeverSendAnEmailTwiceWhenDispatchersRace() {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            references.add(Signals.receipt(TestData.signal("MENTION", "YOUTUBE")).path("reference"));
        }
        // Three dispatchers at once: the scheduled one and two more.
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(dispatcher::drain);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(dispatcher::drain);
        first.join();
        second.join();
        for (String reference : references) {
            Predicate<MimeMessage> wanted = Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference));
            Mailbox.await(wanted, 1, WAIT);
        }
        Mailbox.assertEachOnce(toMailbox(references), Duration.ofSeconds(1));
    }

    private static List<Predicate<MimeMessage>> toMailbox(List<String> references) {
        return references.stream()
                .<Predicate<MimeMessage>>map(reference -> Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)))
                .toList();
    }
}
