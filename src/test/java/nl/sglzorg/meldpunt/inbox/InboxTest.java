package nl.sglzorg.meldpunt.inbox;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.notification.OutboxEmail;
import nl.sglzorg.meldpunt.support.Inbox;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.support.Tickets;
import nl.sglzorg.meldpunt.ticket.Ticket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * E-mail in, against the tests' IMAP server: an e-mail becomes one signal with channel {@code EMAIL}
 * and its screenshot as evidence, and is acknowledged; an answer from its reporter becomes a message
 * on it; machines' e-mails file nothing; an e-mail read twice or while the mailbox was down is filed
 * once, when it can be.
 */
@QuarkusTest
class InboxTest {

    private static final Duration WAIT = Inbox.WAIT;

    @Inject
    MeldpuntConfig config;

    @Inject
    RateLimiter limiter;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldFileAnEmailWithAScreenshotAsOneTicketWithEvidenceAndAcknowledgeIt() throws Exception {
        String word = Tickets.uniqueWord();
        String address = word + "@voorbeeld.nl";
        String post = "https://www.facebook.com/groups/ouders/posts/" + word;
        MimeMessage sent = Inbox.mail(Inbox.sender("Anna de Vries", address), "Nare post over SGL " + word,
                "Hallo,\n\nIn een Facebookgroep wordt een foto van een cliënt gedeeld: " + post + ".\n\nGroet, Anna")
                .attach("schermafbeelding.png", "image/png", TestImages.png(40, 30))
                .attach("notulen.pdf", "application/pdf", "%PDF-1.4 geen afbeelding".getBytes())
                .deliver();

        String reference = Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(sent);

        JsonPath ticket = Tickets.detail(reference);
        assertEquals("MENTION", ticket.getString("category"));
        assertEquals("FACEBOOK", ticket.getString("platform"));
        assertEquals(post, ticket.getString("url"));
        assertEquals(address, ticket.getString("reporter.email"));
        assertEquals("Anna de Vries", ticket.getString("reporter.name"));
        assertThat(ticket.getString("description"), containsString("Nare post over SGL " + word));
        assertThat(ticket.getString("description"), containsString("foto van een cliënt"));
        assertEquals(Channel.EMAIL, channelOf(reference));

        List<Map<String, Object>> evidence = asCommunicatie().get("/api/tickets/{reference}/evidence", reference)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, evidence.size(), "the PNG is evidence, the PDF is not");
        assertEquals("image/png", evidence.get(0).get("contentType"));
        assertTrue(Tickets.events(reference).stream().anyMatch(e -> "NOTE_ADDED".equals(e.get("type"))
                && String.valueOf(e.get("text")).contains("notulen.pdf")),
                "the history says the PDF was not kept");

        List<MimeMessage> acknowledgements = Mailbox.await(Mailbox.to(address), 1, WAIT);
        assertEquals("Je melding " + reference + " is ontvangen", subjectOf(acknowledgements.get(0)));
        assertThat(Mailbox.part(acknowledgements.get(0), "text/plain"), containsString("Beantwoord dan deze e-mail"));
        assertThat(Mailbox.part(acknowledgements.get(0), "text/plain"), not(containsString("volgcode")));
        // A reporter's answer comes back to this mailbox, onto their signal.
        assertEquals(null, acknowledgements.get(0).getHeader("Reply-To"));
    }

    @Test
    void shouldFileNoSignalForAStaffMembersAnswerToAnEmailMeldpuntSentThem() {
        nl.sglzorg.meldpunt.support.Signals.Filed filed = Tickets.file();
        String word = Tickets.uniqueWord();
        String official = word + "@sgl-zorg.nl";
        MimeMessage answer = Inbox.mail(official, "RE: [Meldpunt] Signaal voor jou: " + filed.reference(),
                        "Ik pak het op. " + word + "\n\n> Bevestigen: https://meldpunt.sgl-zorg.nl/beheer/bevestigen?t=1.2.3")
                .header("In-Reply-To", "<42.1700000000000.staff.outbox@sgl-zorg.nl>").deliver();
        Inbox.awaitSeen(answer);

        assertTrue(Inbox.ticketsWith(word).isEmpty(), "a staff member's answer is no signal");
        assertTrue(Mailbox.matching(Mailbox.to(official)).isEmpty(), "and gets no acknowledgement");
    }

    @Test
    void shouldKeepTheLogoOfASignatureOnceAcrossTheConversation() {
        // Outlook sends the signature's logo with every e-mail: kept each time, five e-mails filled the
        // ticket's places for screenshots with it, and a real screenshot was then refused.
        String word = Tickets.uniqueWord();
        String address = word + "@voorbeeld.nl";
        byte[] logo = TestImages.png(12, 12);
        Inbox.mail(address, "Melding " + word, "Er staat iets over SGL op Facebook.")
                .attach("image001.png", "image/png", logo)
                .attach("schermafbeelding.png", "image/png", TestImages.png(40, 30)).deliver();
        String reference = Inbox.awaitTicketWith(word);
        MimeMessage reply = Inbox.mail(address, "Re: Je melding " + reference + " is ontvangen",
                        "Hier nog een schermafbeelding " + Tickets.uniqueWord() + ".")
                .attach("image001.png", "image/png", logo)
                .attach("tweede.png", "image/png", TestImages.png(50, 20)).deliver();
        Inbox.awaitSeen(reply);

        List<Map<String, Object>> evidence = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("$"), found -> found.size() >= 3);
        assertEquals(3, evidence.size(), "the logo once, and both screenshots: " + evidence);
    }

    @Test
    void shouldKeepTheAttachedScreenshotBeforeTheImagesOfASignature() {
        // Outlook's signature: a logo and four icons, shown in the text and sent before the attachment.
        String word = Tickets.uniqueWord();
        Inbox.Mail mail = Inbox.mail(word + "@voorbeeld.nl", "Melding " + word, "Er staat iets over SGL op Facebook.")
                .html("<p>Er staat iets over SGL op Facebook.</p><p><img src=\"cid:logo\"> <img src=\"cid:fb\"></p>")
                .inline("logo", "image/png", TestImages.png(200, 60));
        for (int i = 0; i < 4; i++) {
            mail.inline("icoon" + i, "image/png", TestImages.png(16 + i, 16 + i));
        }
        byte[] screenshot = TestImages.png(40, 30);
        mail.attach("schermafbeelding.png", "image/png", screenshot).deliver();
        String reference = Inbox.awaitTicketWith(word);

        List<Map<String, Object>> evidence = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("$"), found -> !found.isEmpty());
        assertEquals(2, evidence.size(), "the screenshot and the logo, not the icons: " + evidence);
        assertEquals(TestImages.sha256(screenshot), evidence.get(0).get("sha256"), "the attachment comes first");
        assertTrue(Tickets.events(reference).stream().anyMatch(e -> "NOTE_ADDED".equals(e.get("type"))
                && String.valueOf(e.get("text")).contains("4 pictogrammen in de tekst")), "the icons are named");
    }

    @Test
    void shouldFileAnEmailWhoseAttachmentsCannotBeDecodedAndSaySo() throws Exception {
        String word = Tickets.uniqueWord();
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(TestImages.png(40, 30));
        MimeMessage sent = deliverRaw(word, "Kapotte bijlagen " + word,
                "Content-Type: multipart/mixed; boundary=\"grens\"\r\n\r\n"
                + "--grens\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Iemand schrijft over SGL op Facebook.\r\n"
                + "--grens\r\nContent-Type: application/pdf; name=verslag.pdf\r\n"
                + "Content-Disposition: attachment; filename=verslag.pdf\r\n"
                + "Content-Transfer-Encoding: 8-bit\r\n\r\n%PDF-1.4 geen afbeelding\r\n"
                + "--grens\r\nContent-Type: image/png; name=afgekapt.png\r\n"
                + "Content-Disposition: attachment; filename=afgekapt.png\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                // Cut short halfway, in a group of four, as a mail program that lost the end sends it: read
                // leniently, it is half a picture, which is refused as such.
                + base64.substring(0, (base64.length() / 8) * 4 + 2) + "\r\n"
                + "--grens--\r\n");

        // Filed once (it was read again at every poll and never filed), with what was not kept named.
        String reference = Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(sent);
        String notKept = notKept(reference);
        assertThat(notKept, containsString("verslag.pdf"));
        assertThat(notKept, containsString("afgekapt.png"));
    }

    @Test
    void shouldReadDutchLettersInATextThatNamesNoCharacterSet() throws Exception {
        // A web form's e-mail: eight-bit UTF-8 without a charset, which the mail library reads as US-ASCII.
        String word = Tickets.uniqueWord();
        MimeMessage sent = deliverRaw(word, "Zonder tekenset " + word, "Content-Type: text/plain\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nÉén cliënt schreef over SGL, € 5.\r\n");

        String reference = Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(sent);
        assertThat(Tickets.detail(reference).getString("description"), containsString("Één cliënt schreef over SGL, € 5."));
    }

    @Test
    void shouldCountWhatItDoesNotReadInTheHistory() throws Exception {
        String word = Tickets.uniqueWord();
        MimeMessage mail = Inbox.mail(word + "@voorbeeld.nl", "Veel bijlagen " + word, "Over SGL, met bijlagen.").build();
        jakarta.mail.internet.MimeMultipart body = (jakarta.mail.internet.MimeMultipart) mail.getContent();
        // First an image wrapped in more multiparts than any mail program writes...
        jakarta.mail.internet.MimeBodyPart deep = new jakarta.mail.internet.MimeBodyPart();
        deep.setContent(TestImages.png(40, 30), "image/png");
        deep.setFileName("diep.png");
        for (int level = 0; level <= MailReader.MAX_NESTING; level++) {
            jakarta.mail.internet.MimeMultipart wrapper = new jakarta.mail.internet.MimeMultipart("mixed", deep);
            deep = new jakarta.mail.internet.MimeBodyPart();
            deep.setContent(wrapper);
        }
        body.addBodyPart(deep);
        // ...then one attachment more than are read.
        for (int i = 0; i <= MailReader.MAX_ATTACHMENTS; i++) {
            jakarta.mail.internet.MimeBodyPart pdf = new jakarta.mail.internet.MimeBodyPart();
            pdf.setContent("%PDF-1.4 " + i, "application/pdf");
            pdf.setFileName("bijlage" + i + ".pdf");
            body.addBodyPart(pdf);
        }
        mail.setContent(body);
        mail.saveChanges();
        Inbox.deliver(mail);

        String reference = Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(mail);
        String notKept = notKept(reference);
        // The deep one not read, twenty read (and named, none an image), the 21st not: the two counted,
        // where until session 38 what was past the 20th was dropped unsaid.
        assertThat(notKept, containsString("bijlage19.pdf"));
        assertThat(notKept, containsString("2 bijlagen: niet gelezen"));
        assertTrue(asCommunicatie().get("/api/tickets/{reference}/evidence", reference).then().statusCode(200)
                .extract().jsonPath().getList("$").isEmpty(), "the deep image is not read");
    }

    @Test
    void shouldDecodeNoImageOfAnEmailItsSendersLimitRefuses() {
        String sender = Tickets.uniqueWord() + "@voorbeeld.nl";
        limiter.consume(RateLimiter.Limit.FILING, "mail:" + MailReader.sha256(sender), config.limits().signalsPerHour());
        double decodedBefore = decodes();

        String word = Tickets.uniqueWord();
        MimeMessage over = Inbox.mail(sender, "Nog een " + word, "Weer een bericht over SGL.")
                .attach("schermafbeelding.png", "image/png", TestImages.png(40, 30)).deliver();
        Inbox.awaitSeen(over);

        assertTrue(Inbox.ticketsWith(word).isEmpty(), "over the sender's limit: not filed");
        assertEquals(decodedBefore, decodes(), "and its image was not decoded for nothing");
    }

    /** The ticket's history line that names what its e-mail carried and was not kept. */
    private static String notKept(String reference) {
        return Tickets.events(reference).stream().filter(e -> "NOTE_ADDED".equals(e.get("type")))
                .map(e -> String.valueOf(e.get("text"))).findFirst().orElse("");
    }

    /** Delivers an e-mail as sent, byte for byte: {@code mime} is its content's headers and body. */
    private static MimeMessage deliverRaw(String word, String subject, String mime) throws Exception {
        String raw = "From: " + word + "@voorbeeld.nl\r\n"
                + "To: " + MailServerResource.INBOX_ADDRESS + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + word + "@voorbeeld.nl>\r\n"
                + "MIME-Version: 1.0\r\n" + mime;
        MimeMessage sent = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Inbox.deliver(sent);
        return sent;
    }

    private double decodes() {
        return registry.find("meldpunt.evidence.decodes").counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void shouldFileAnAnswerFromTheReporterAsAMessageAndSendStaffRepliesByEmail() {
        String word = Tickets.uniqueWord();
        String address = word + "@voorbeeld.nl";
        Inbox.mail(address, "Melding " + word, "Er staat iets vervelends over SGL op LinkedIn.").deliver();
        String reference = Inbox.awaitTicketWith(word);

        Tickets.transition(reference, "IN_PROGRESS", "Dank je. Weet je nog wie het bericht plaatste?", true);
        MimeMessage news = Mailbox.await(Mailbox.to(address).and(Mailbox.subjectContains("Nieuws")), 1, WAIT).get(0);
        assertEquals("Nieuws over je melding " + reference, subjectOf(news));
        assertThat(Mailbox.part(news, "text/plain"), containsString("Weet je nog wie het bericht plaatste?"));
        assertThat(Mailbox.part(news, "text/plain"), containsString("deze e-mail te beantwoorden"));

        String answer = "Ja, het was een oud-collega " + Tickets.uniqueWord() + ".";
        MimeMessage reply = Inbox.mail(address.toUpperCase(Locale.ROOT), "Re: " + subjectOf(news),
                answer + "\n\nOp 3 dec. 2026 om 14:02 schreef Meldpunt SGL <meldpunt@sgl-zorg.nl>:\n"
                        + "> Er is nieuws over je melding " + reference + ".\n> Weet je nog wie het bericht plaatste?")
                .header("In-Reply-To", "<nieuws@meldpunt>").deliver();
        Inbox.awaitSeen(reply);

        List<Map<String, Object>> messages = Awaitility.await().atMost(WAIT)
                .until(() -> Tickets.events(reference).stream()
                        .filter(e -> "REPORTER_MESSAGE".equals(e.get("type"))).toList(), found -> !found.isEmpty());
        assertEquals(List.of(answer), messages.stream().map(e -> e.get("text")).toList(),
                "the answer without the quoted e-mail, once");
        assertEquals(1, Inbox.ticketsWith(word).size(), "the answer filed no signal of its own");
    }

    @Test
    void shouldFileNothingForAnAutoReplyABounceOrAMailingList() {
        String autoReply = Tickets.uniqueWord();
        String bounce = Tickets.uniqueWord();
        String list = Tickets.uniqueWord();
        String person = Tickets.uniqueWord();
        List<MimeMessage> machines = List.of(
                Inbox.mail(autoReply + "@voorbeeld.nl", "Afwezig: Je melding", "Ik ben afwezig tot maandag " + autoReply)
                        .header("Auto-Submitted", "auto-replied").deliver(),
                Inbox.mail("MAILER-DAEMON@voorbeeld.nl", "Undelivered Mail Returned to Sender",
                        "Delivery to the following recipient failed " + bounce).header("Return-Path", "<>").deliver(),
                Inbox.mail("nieuwsbrief@voorbeeld.nl", "Nieuwsbrief december", "Het laatste nieuws " + list)
                        .header("List-Id", "<nieuws.voorbeeld.nl>").header("Precedence", "list").deliver());
        // A person's e-mail after them: once it is filed, the three before it were read too.
        MimeMessage canary = Inbox.mail(person + "@voorbeeld.nl", "Een bericht " + person,
                "Iemand schrijft over SGL op Instagram.").deliver();
        Inbox.awaitTicketWith(person);
        Inbox.awaitSeen(canary);

        machines.forEach(Inbox::awaitSeen);
        assertEquals(List.of(), Inbox.ticketsWith(autoReply));
        assertEquals(List.of(), Inbox.ticketsWith(bounce));
        assertEquals(List.of(), Inbox.ticketsWith(list));
        assertEquals(List.of(), Mailbox.matching(Mailbox.to(autoReply + "@voorbeeld.nl")), "no answer to an auto-reply");
        assertEquals(List.of(), Mailbox.matching(Mailbox.to("nieuwsbrief@voorbeeld.nl")));
    }

    /**
     * Broken mail programs write a transfer encoding that does not exist ("8-bit"). The mail library
     * refuses to decode such a body, so until session 31 the e-mail waited for the next poll, every poll,
     * and never reached communicatie. Now its body is read as sent, in its character set.
     */
    @Test
    void shouldFileAnEmailWithAnUnknownTransferEncodingOnce() throws Exception {
        String word = Tickets.uniqueWord();
        MimeMessage sent = deliverRaw(word, "Vreemde codering " + word, "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8-bit\r\n\r\n"
                + "Iemand schrijft één keer over SGL op Facebook.\r\n");

        String reference = Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(sent);
        assertEquals(List.of(reference), Inbox.ticketsWith(word));
        assertThat(Tickets.detail(reference).getString("description"),
                containsString("Iemand schrijft één keer over SGL op Facebook."));
    }

    /**
     * An answer to an acknowledgement that carried a tracking code, from another address than the
     * reporter's, is a new signal: its quote of the code must reach neither the desk nor communicatie's
     * e-mail, where it would open the reporter's ticket for whoever read it.
     */
    @Test
    void shouldLeaveATicketsTrackingCodeOutOfAQuotedAcknowledgement() {
        nl.sglzorg.meldpunt.support.Signals.Filed earlier = Tickets.file();
        String word = Tickets.uniqueWord();
        String text = "Het staat er nog steeds, op Facebook. " + word + "\n\n"
                + "Op 3 dec. 2026 om 10:02 schreef Meldpunt SGL <nieuws@sgl-zorg.nl>:\n"
                + "> Bedankt voor je melding. We hebben hem ontvangen onder nummer " + earlier.reference() + ".\n"
                + "> Je volgcode is: " + earlier.token() + "\n";
        Inbox.mail(word + "@voorbeeld.nl", "Re: Je melding " + earlier.reference(), text).deliver();

        String reference = Inbox.awaitTicketWith(word);
        String description = Tickets.detail(reference).getString("description");
        assertFalse(description.contains(earlier.token()), description);
        assertThat(description, containsString("Je volgcode is: [volgcode weggelaten]"));
        assertThat(description, containsString(earlier.reference()));
        long holding = QuarkusTransaction.requiringNew().call(() -> nl.sglzorg.meldpunt.notification.OutboxEmail
                .count("textBody like ?1 or htmlBody like ?1", "%" + earlier.token() + "%"));
        assertEquals(0, holding, "no e-mail holds the code");
    }

    @Test
    void shouldLeaveTheCodeOutOfAReportersAnswerThatWritesItAgain() {
        String word = Tickets.uniqueWord();
        String address = word + "@voorbeeld.nl";
        Map<String, Object> signal = nl.sglzorg.meldpunt.TestData.signal("MENTION", "FACEBOOK");
        signal.put("reporter", Map.of("name", "Piet", "email", address));
        Response filed = nl.sglzorg.meldpunt.support.Signals.receipt(signal);
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");

        // The reference is in the subject; the quote that held it is cut from the message.
        Inbox.mail(address, "Re: Je melding " + reference + " is ontvangen",
                "Mijn volgcode " + token + " werkt niet op de site. " + word).deliver();

        List<Map<String, Object>> messages = Awaitility.await().atMost(WAIT)
                .until(() -> Tickets.events(reference).stream()
                        .filter(e -> "REPORTER_MESSAGE".equals(e.get("type"))).toList(), found -> !found.isEmpty());
        String text = String.valueOf(messages.get(0).get("text"));
        assertFalse(text.contains(token), text);
        assertThat(text, containsString("Mijn volgcode [volgcode weggelaten] werkt niet op de site."));
    }

    @Test
    void shouldFileAnEmailReadAgainAfterACrashOnlyOnce() {
        String word = Tickets.uniqueWord();
        MimeMessage sent = Inbox.mail(word + "@voorbeeld.nl", "Dubbel " + word, "Een bericht over SGL op YouTube.")
                .deliver();
        String reference = Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(sent);

        // As after a crash between the commit and the flag: the e-mail is unread again.
        Inbox.stored(sent).setFlag(Flags.Flag.SEEN, false);
        Inbox.awaitSeen(sent);

        assertEquals(List.of(reference), Inbox.ticketsWith(word));
        Mailbox.assertEachOnce(List.of(Mailbox.to(word + "@voorbeeld.nl")), Duration.ofSeconds(1));
    }

    @Test
    void shouldFileAnEmailThatArrivedWhileTheMailboxWasDownOnceItIsUp() {
        String word = Tickets.uniqueWord();
        MailServerResource.stopImap();
        MimeMessage sent;
        try {
            sent = Inbox.mail(word + "@voorbeeld.nl", "Tijdens de storing " + word, "Een bericht over SGL op X.")
                    .deliver();
            // Several polls fail meanwhile; none files or loses anything.
            Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> Inbox.ticketsWith(word).isEmpty());
            assertFalse(Inbox.isSeen(sent));
        } finally {
            MailServerResource.startImap();
        }
        String reference = Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(sent);
        assertEquals(List.of(reference), Inbox.ticketsWith(word));
    }

    @Test
    void shouldFileNoMoreFromOneSenderThanTheAbuseLimitsAllow() {
        String sender = Tickets.uniqueWord() + "@voorbeeld.nl";
        long limit = config.limits().signalsPerHour();
        List<String> words = new ArrayList<>();
        List<MimeMessage> sent = new ArrayList<>();
        for (int i = 0; i <= limit; i++) {
            String word = Tickets.uniqueWord();
            words.add(word);
            // The address written differently each time: still one sender.
            String from = i % 2 == 0 ? sender : sender.toUpperCase(Locale.ROOT);
            sent.add(Inbox.mail(from, "Bericht " + i + " " + word, "Weer een bericht over SGL.").deliver());
        }
        sent.forEach(Inbox::awaitSeen);

        long filed = words.stream().filter(w -> !Inbox.ticketsWith(w).isEmpty()).count();
        assertEquals(limit, filed, "one e-mail over the limit is not filed");
    }

    /**
     * A From is written by whoever sends the e-mail: a flood with a new one in each would pass every
     * limit per sender. The mailbox's own budget counts them all as one, and what is over it waits
     * unread in the mailbox, to be filed once there is room, not dropped.
     */
    @Test
    void shouldLeaveEmailsUnreadWhileTheMailboxHasFiledAllItMayAndFileThemLater() {
        FullMailbox mailbox = new FullMailbox(ClientProxy.unwrap(limiter));
        QuarkusMock.installMockForType(mailbox, RateLimiter.class);
        String word = Tickets.uniqueWord();
        MimeMessage sent = Inbox.mail(Tickets.uniqueWord() + "@voorbeeld.nl", "Bericht over SGL " + word,
                "Er staat een nare post over SGL online.").deliver();

        // Several polls go by: it is neither filed nor flagged as read.
        Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                .until(() -> Inbox.ticketsWith(word).isEmpty() && !Inbox.isSeen(sent));

        mailbox.full = false;
        Inbox.awaitTicketWith(word);
        Inbox.awaitSeen(sent);
        String other = Tickets.uniqueWord();
        Inbox.mail(Tickets.uniqueWord() + "@elders.nl", "Nog een bericht " + other, "Weer een post.").deliver();
        Inbox.awaitTicketWith(other);
        assertEquals(List.of("mailbox", "mailbox"), mailbox.taken, "two senders, one budget");
    }

    @Test
    void shouldRefuseTheMailboxMoreNewSignalsAnHourThanItsBudget() {
        String budget = "budget-" + Tickets.uniqueWord();
        for (long i = 0; i < config.limits().mailboxSignalsPerHour(); i++) {
            limiter.consume(RateLimiter.Limit.MAILBOX, budget, 1);
        }
        assertThrows(TooManyRequestsException.class, () -> limiter.consume(RateLimiter.Limit.MAILBOX, budget, 1));
    }

    /** The real limits, but the mailbox's budget used up while {@link #full}; records who took from it. */
    static final class FullMailbox extends RateLimiter {

        private final RateLimiter real;
        volatile boolean full = true;
        final List<String> taken = new CopyOnWriteArrayList<>();

        FullMailbox(RateLimiter real) {
            this.real = real;
        }

        @Override
        public void consume(Limit limit, String client, long tokens) {
            if (limit == Limit.MAILBOX) {
                refuseWhileFull();
                taken.add(client);
            } else {
                real.consume(limit, client, tokens);
            }
        }

        @Override
        public void requireAvailable(Limit limit, String client, long tokens) {
            if (limit == Limit.MAILBOX) {
                refuseWhileFull();
            } else {
                real.requireAvailable(limit, client, tokens);
            }
        }

        @Override
        public void penaliseWrongToken(Limit limit, String client) {
            real.penaliseWrongToken(limit, client);
        }

        private void refuseWhileFull() {
            if (full) {
                throw new TooManyRequestsException(Duration.ofMinutes(1));
            }
        }
    }

    @Test
    void shouldEraseTheEmailItselfWithItsSignatureWithTheReportersData() {
        String word = Tickets.uniqueWord();
        String telephone = "06-" + Math.abs(word.hashCode() % 90_000_000 + 10_000_000);
        Inbox.mail(Inbox.sender("Bram Bakker", word + "@voorbeeld.nl"), "Bericht over SGL " + word,
                "Op Instagram staat een filmpje van de Parkstad-locatie.\n\nMet vriendelijke groet,\nBram Bakker\n"
                        + "Molenweg 12, Heerlen\n" + telephone)
                .attach("cv Bram Bakker.pdf", "application/pdf", "%PDF-1.4 geen afbeelding".getBytes()).deliver();
        String reference = Inbox.awaitTicketWith(word);
        assertThat(Tickets.detail(reference).getString("description"), containsString(telephone));
        assertTrue(Tickets.events(reference).stream().anyMatch(e -> String.valueOf(e.get("text"))
                .contains("cv Bram Bakker.pdf")), "the history names the attachment not kept");
        // Communicatie's e-mail quoted it.
        Mailbox.await(Mailbox.to("nieuws@sgl-zorg.nl").and(Mailbox.subjectContains("Nieuw signaal " + reference)), 1,
                WAIT);
        // What erasure erases, the export holds: the e-mail is the reporter's own words.
        asCommunicatie().get("/api/tickets/{reference}/reporter-data", reference).then().statusCode(200)
                .body("description", containsString(telephone));

        asCommunicatie().post("/api/tickets/{reference}/erase-reporter", reference).then().statusCode(200);

        // Its signature named them as the sender's address did: the e-mail goes with their data.
        JsonPath erased = Tickets.detail(reference);
        assertEquals("[gewist]", erased.getString("description"));
        assertEquals("MENTION", erased.getString("category"), "the ticket itself stays");
        List<String> bodies = QuarkusTransaction.requiringNew().call(() -> OutboxEmail.<OutboxEmail>list("ticketId",
                Ticket.findByReference(reference).orElseThrow().id).stream()
                .flatMap(e -> java.util.stream.Stream.of(e.textBody, e.htmlBody)).toList());
        assertFalse(bodies.isEmpty());
        assertTrue(bodies.stream().noneMatch(b -> b != null && (b.contains(telephone) || b.contains("Molenweg"))),
                bodies::toString);
        // The attachment's name went with them; the note that one was not kept stays.
        List<Map<String, Object>> history = Tickets.events(reference);
        assertTrue(history.stream().noneMatch(e -> "NOTE_ADDED".equals(e.get("type"))
                && String.valueOf(e.get("text")).contains("Bram")), history::toString);
        assertTrue(history.stream().anyMatch(e -> "NOTE_ADDED".equals(e.get("type"))
                && String.valueOf(e.get("text")).contains("hun namen zijn gewist")), history::toString);
    }

    private static Channel channelOf(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.findByReference(reference).orElseThrow().channel);
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
