package nl.sglzorg.meldpunt.notification;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.ticket.Ticket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * Who is e-mailed about a signal and its later changes, checked on the real SMTP server. The app,
 * its database and the mailbox are shared with every other test, so each test makes its own
 * addresses, looks only at messages for those addresses or its own reference, and removes the
 * contacts it added to the accounts table.
 */
@QuarkusTest
class RecipientsTest {

    private static final String MAILBOX = "nieuws@sgl-zorg.nl";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void shouldTellTheHandlingFunctionsContactsThatTheSignalIsForThem() {
        String official = address("zorgbemiddelaar");
        long contact = addContact("CARE_BROKER", Map.of("name", "Zorgbemiddelaar Test", "email", official));
        try {
            Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
            signal.put("topic", "CARE");
            signal.put("description", "Een cliënt klaagt op Facebook over de wachttijd.");
            String reporter = address("ria");
            signal.put("reporter", Map.of("name", "Ria Ambassadeur", "email", reporter));
            Response filed = Signals.receipt(signal);
            filed.then().body("routing.function", equalTo("CARE_BROKER"));
            String reference = filed.path("reference");

            MimeMessage mail = Mailbox.await(Mailbox.to(official), 1, WAIT).get(0);
            assertEquals("[Meldpunt] Signaal voor jou: " + reference, subject(mail));
            String text = Mailbox.part(mail, "text/plain");
            assertTrue(text.contains("Er is een signaal voor jou."), text);
            assertTrue(text.contains("Zorgbemiddelaars"), text);
            assertTrue(text.contains("Een cliënt klaagt op Facebook over de wachttijd."), text);
            assertTrue(text.contains("/beheer/meldingen/" + reference), text);
            // Staff e-mails carry the facts of the signal, never who reported it.
            String html = Mailbox.part(mail, "text/html");
            for (String part : List.of(text, html)) {
                assertFalse(part.contains("Ria Ambassadeur"), part);
                assertFalse(part.contains(reporter), part);
            }
            // Communicatie still hears of it, as of every signal.
            Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT);
        } finally {
            deleteContact("CARE_BROKER", contact);
        }
    }

    @Test
    void shouldRouteARegionPastedWithDirectionControlsToItsManager() {
        String region = TestData.unique("Regio");
        String ours = address("regio-geplakt");
        long oursId = addContact("REGIONAL_MANAGER", Map.of("name", "Regiomanager " + region, "email", ours,
                "region", region));
        try {
            Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
            signal.put("topic", "REGION");
            signal.put("region", "\u2068" + region + "\u2069");
            String reference = Signals.receipt(signal).path("reference");

            // Routed as it is filed: the region without the controls a reporter cannot see.
            asCommunicatie().get("/api/tickets/{reference}", reference).then().statusCode(200)
                    .body("region", equalTo(region))
                    .body("routing.contact.email", equalTo(ours));
            assertEquals(List.of(EmailKind.SIGNAL_FOR_YOU), kindsFor(reference, ours));
        } finally {
            deleteContact("REGIONAL_MANAGER", oursId);
        }
    }

    @Test
    void shouldTellOnlyTheRegionalManagerThatRoutingNamed() {
        String region = TestData.unique("Regio");
        String ours = address("regio-eigen");
        String other = address("regio-ander");
        long oursId = addContact("REGIONAL_MANAGER", Map.of("name", "Regiomanager " + region, "email", ours,
                "region", region));
        long otherId = addContact("REGIONAL_MANAGER", Map.of("name", "Regiomanager elders", "email", other,
                "region", TestData.unique("Regio")));
        try {
            Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
            signal.put("topic", "REGION");
            signal.put("region", region);
            String reference = Signals.receipt(signal).path("reference");

            MimeMessage mail = Mailbox.await(Mailbox.to(ours), 1, WAIT).get(0);
            assertEquals("[Meldpunt] Signaal voor jou: " + reference, subject(mail));
            awaitAllSent(reference);
            assertEquals(List.of(), Mailbox.matching(Mailbox.to(other)), "the other regional manager is not told");
            // Whoever else the function has, the named official is the only one it is for.
            assertEquals(List.of(ours), queued(reference).stream()
                    .filter(e -> e.kind == EmailKind.SIGNAL_FOR_YOU).map(e -> e.recipient).toList());
        } finally {
            deleteContact("REGIONAL_MANAGER", oursId);
            deleteContact("REGIONAL_MANAGER", otherId);
        }
    }

    @Test
    void shouldInformTheTopicOwnerWhenCommunicatieHandles() {
        String executive = address("bestuurder");
        long contact = addContact("EXECUTIVE", Map.of("name", "Bestuurder Test", "email", executive));
        try {
            // The executive has no Facebook account: communicatie answers, the executive is informed.
            Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
            signal.put("topic", "GOVERNANCE");
            Response filed = Signals.receipt(signal);
            filed.then().body("routing.function", equalTo("COMMUNICATIONS"));
            String reference = filed.path("reference");

            MimeMessage mail = Mailbox.await(Mailbox.to(executive), 1, WAIT).get(0);
            assertEquals("[Meldpunt] Ter informatie: " + reference, subject(mail));
            String text = Mailbox.part(mail, "text/plain");
            assertTrue(text.contains("Ter informatie: er is een signaal binnengekomen waar jij bij betrokken bent."),
                    text);
            assertTrue(text.contains("Ter informatie: Bestuurder"), text);
            awaitAllSent(reference);
            assertEquals(1, Mailbox.matching(Mailbox.to(executive)).size());
            assertEquals(List.of(EmailKind.FOR_INFORMATION), kindsFor(reference, executive));
            // Communicatie handles: the mailbox is told, nobody gets "signaal voor jou".
            assertFalse(queued(reference).stream().anyMatch(e -> e.kind == EmailKind.SIGNAL_FOR_YOU));
        } finally {
            deleteContact("EXECUTIVE", contact);
        }
    }

    @Test
    void shouldNotMailCommunicatiesOwnOfficialsBesideTheMailbox() {
        String own = address("communicatie-medewerker");
        long contact = addContact("COMMUNICATIONS", Map.of("name", "Medewerker Communicatie", "email", own));
        try {
            String reference = Signals.receipt(TestData.signal("MENTION", "TWITTER")).path("reference");

            Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT);
            awaitAllSent(reference);
            // The mailbox is theirs: the same news in their own inbox would be noise.
            assertEquals(List.of(), kindsFor(reference, own));
            assertEquals(List.of(EmailKind.NEW_SIGNAL), kindsFor(reference, MAILBOX));
            assertEquals(List.of(), Mailbox.matching(Mailbox.to(own)));
        } finally {
            deleteContact("COMMUNICATIONS", contact);
        }
    }

    @Test
    void shouldInformTheReportersUnitManagerOfADerailedDiscussion() {
        String manager = address("leiding-ontsporing");
        String unit = TestData.createUnit("Leidinggevende Ontsporing", manager);
        Map<String, Object> signal = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
        String reference = Signals.receipt(signal).path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(manager), 1, WAIT).get(0);
        assertEquals("[Meldpunt] Ter informatie: " + reference, subject(mail));
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("Ontsporende online discussie"), text);
        assertTrue(text.contains("leidinggevende van " + unit), text);
        assertEquals(List.of(EmailKind.FOR_INFORMATION), kindsFor(reference, manager));
        assertEquals("leidinggevende " + unit, queued(reference).stream()
                .filter(e -> e.recipient.equals(manager)).findFirst().orElseThrow().recipientLabel);
    }

    @Test
    void shouldGiveUnwantedContactToTheUnitManagerAsASignalForThem() {
        String manager = address("leiding-ongewenst");
        String unit = TestData.createUnit("Leidinggevende Ongewenst", manager);
        Map<String, Object> signal = TestData.signal("UNWANTED_CONTACT", "INSTAGRAM");
        signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
        String reference = Signals.receipt(signal).path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(manager), 1, WAIT).get(0);
        assertEquals("[Meldpunt] Signaal voor jou: " + reference, subject(mail));
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("ongewenst contact op sociale media in je eenheid"), text);
        awaitAllSent(reference);
        assertEquals(List.of(EmailKind.SIGNAL_FOR_YOU), kindsFor(reference, manager));
        assertEquals(1, Mailbox.matching(Mailbox.to(manager)).size());
    }

    @Test
    void shouldMailTheMailboxButNotTheHandlerAgainForADuplicate() {
        String official = address("zorgbemiddelaar-dubbel");
        long contact = addContact("CARE_BROKER", Map.of("name", "Zorgbemiddelaar Dubbel", "email", official));
        try {
            Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
            signal.put("topic", "CARE");
            signal.put("url", "https://www.facebook.com/sglzorg/posts/" + TestData.unique("dubbel"));
            String first = Signals.receipt(signal).path("reference");
            Response again = Signals.receipt(signal);
            again.then().body("joinedExisting", equalTo(true));
            asCommunicatie().get("/api/tickets/{reference}", again.<String>path("reference"))
                    .then().statusCode(200).body("duplicateOf", equalTo(first));
            String second = again.path("reference");

            MimeMessage news = Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(second)), 1, WAIT)
                    .get(0);
            assertTrue(Mailbox.part(news, "text/plain").contains("al gemeld"), Mailbox.part(news, "text/plain"));
            awaitAllSent(first);
            awaitAllSent(second);
            // The handler heard of the first report; the second only joins that ticket.
            List<MimeMessage> toOfficial = Mailbox.matching(Mailbox.to(official));
            assertEquals(1, toOfficial.size());
            assertEquals("[Meldpunt] Signaal voor jou: " + first, subject(toOfficial.get(0)));
            assertEquals(List.of(EmailKind.NEW_SIGNAL), queued(second).stream().map(e -> e.kind).toList());
        } finally {
            deleteContact("CARE_BROKER", contact);
        }
    }

    @Test
    void shouldNeverMailOneAddressTwiceForOneSignal() {
        // One person is both a care broker and the manager of the reporter's unit: handler and informed.
        String person = address("dubbele-pet");
        long contact = addContact("CARE_BROKER", Map.of("name", "Dubbele Pet", "email", person));
        try {
            String unit = TestData.createUnit("Dubbele Pet", person.toUpperCase());
            Map<String, Object> signal = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
            signal.put("topic", "CARE");
            signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
            String reference = Signals.receipt(signal).path("reference");

            Mailbox.await(Mailbox.to(person), 1, WAIT);
            awaitAllSent(reference);
            List<MimeMessage> received = Mailbox.matching(Mailbox.to(person));
            assertEquals(1, received.size(), "one e-mail per address and signal");
            // Handling is news enough: the strongest message wins.
            assertEquals("[Meldpunt] Signaal voor jou: " + reference, subject(received.get(0)));
            assertEquals(List.of(EmailKind.SIGNAL_FOR_YOU), kindsFor(reference, person));
        } finally {
            deleteContact("CARE_BROKER", contact);
        }
    }

    @Test
    void shouldAcknowledgeInEnglishWhenTheSignalIsInEnglish() {
        String reporter = address("reporter-en");
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("language", "en");
        signal.put("reporter", Map.of("email", reporter));
        Response filed = Signals.receipt(signal);
        String reference = filed.path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(reporter), 1, WAIT).get(0);
        assertEquals("Your report " + reference + " was received", subject(mail));
        String text = Mailbox.part(mail, "text/plain");
        String html = Mailbox.part(mail, "text/html");
        assertTrue(text.contains("We received it as number " + reference), text);
        assertFalse(text.contains("Bedankt"), text);
        assertTrue(html.contains("lang=\"en\""), html);
        assertFalse(text.contains(filed.<String>path("trackingToken")));
        assertFalse(html.contains(filed.<String>path("trackingToken")));
    }

    @Test
    void shouldMailAReporterWhoWantsUpdatesAPublicStatusChangeWithTheVisibleMessage() {
        String reporter = address("melder-updates");
        String reference = fileWithReporter(reporter, true, "nl");
        Mailbox.await(Mailbox.to(reporter), 1, WAIT);

        Tickets.transition(reference, "WAITING", "Kun je een <b>schermafbeelding</b> sturen?", true);

        MimeMessage mail = Mailbox.await(Mailbox.to(reporter).and(Mailbox.subjectContains("Nieuws")), 1, WAIT)
                .get(0);
        assertEquals("Nieuws over je melding " + reference, subject(mail));
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("Status: Wacht op jouw reactie"), text);
        assertTrue(text.contains("Kun je een <b>schermafbeelding</b> sturen?"), text);
        String html = Mailbox.part(mail, "text/html");
        assertTrue(html.contains("Kun je een &lt;b&gt;schermafbeelding&lt;/b&gt; sturen?"), html);
        // The internal status name never reaches the reporter.
        assertFalse(text.contains("WAITING"), text);
    }

    @Test
    void shouldMailTheStatusButNotAnInternalMessage() {
        String reporter = address("melder-intern");
        String reference = fileWithReporter(reporter, true, "nl");
        Mailbox.await(Mailbox.to(reporter), 1, WAIT);

        Tickets.transition(reference, "WAITING", "Intern: eerst met HRM overleggen.", false);

        MimeMessage mail = Mailbox.await(Mailbox.to(reporter).and(Mailbox.subjectContains("Nieuws")), 1, WAIT)
                .get(0);
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("Status: Wacht op jouw reactie"), text);
        assertFalse(text.contains("Intern"), text);
        assertFalse(Mailbox.part(mail, "text/html").contains("Intern"));
    }

    @Test
    void shouldNotMailTheReporterAnInternalNote() {
        String reporter = address("melder-notitie");
        String reference = fileWithReporter(reporter, true, "nl");
        Mailbox.await(Mailbox.to(reporter), 1, WAIT);

        note(reference, "Intern: melder is bekend bij ons.", false);
        // A visible reply afterwards: once it has arrived, an e-mail for the note would have too.
        note(reference, "Dank je, we kijken ernaar.", true);

        MimeMessage reply = Mailbox.await(Mailbox.to(reporter).and(Mailbox.subjectContains("Nieuws")), 1, WAIT)
                .get(0);
        assertTrue(Mailbox.part(reply, "text/plain").contains("Dank je, we kijken ernaar."));
        awaitAllSent(reference);
        List<MimeMessage> updates = Mailbox.matching(Mailbox.to(reporter).and(Mailbox.subjectContains("Nieuws")));
        assertEquals(1, updates.size());
        assertFalse(Mailbox.part(updates.get(0), "text/plain").contains("Intern"));
        assertEquals(1, queued(reference).stream().filter(e -> e.kind == EmailKind.REPORTER_UPDATE).count());
    }

    @Test
    void shouldSendNoUpdatesToAReporterWhoDidNotAskForThem() {
        String reporter = address("melder-zonder-updates");
        String reference = fileWithReporter(reporter, false, "nl");
        Mailbox.await(Mailbox.to(reporter), 1, WAIT);

        Tickets.transition(reference, "WAITING", "Kun je meer vertellen?", true);
        note(reference, "Nog een antwoord.", true);

        awaitAllSent(reference);
        assertEquals(List.of(), queued(reference).stream()
                .filter(e -> e.kind == EmailKind.REPORTER_UPDATE).map(e -> e.subject).toList());
        List<MimeMessage> received = Mailbox.matching(Mailbox.to(reporter));
        assertEquals(1, received.size(), "only the acknowledgement");
        assertEquals("Je melding " + reference + " is ontvangen", subject(received.get(0)));
    }

    @Test
    void shouldTellTheReporterOfADuplicateWhenTheTicketItJoinedChangesItsPublicStatus() {
        String first = address("melder-eerste");
        String second = address("melder-tweede");
        String url = "https://twitter.com/iemand/status/" + TestData.unique("viraal");
        String survivor = fileWithReporter(first, true, "nl", url);
        String duplicate = fileWithReporter(second, true, "nl", url);
        asCommunicatie().get("/api/tickets/{reference}", duplicate)
                .then().statusCode(200).body("duplicateOf", equalTo(survivor));
        Mailbox.await(Mailbox.to(first), 1, WAIT);
        Mailbox.await(Mailbox.to(second), 1, WAIT);

        // Staff work on the survivor; the second reporter follows its public status (design notes).
        Tickets.transition(survivor, "TRIAGED", "Dank voor je melding, we pakken het op.", true);

        MimeMessage own = Mailbox.await(Mailbox.to(first).and(Mailbox.subjectContains("Nieuws")), 1, WAIT).get(0);
        assertTrue(Mailbox.part(own, "text/plain").contains("Dank voor je melding, we pakken het op."));
        MimeMessage joined = Mailbox.await(Mailbox.to(second).and(Mailbox.subjectContains("Nieuws")), 1, WAIT)
                .get(0);
        assertEquals("Nieuws over je melding " + duplicate, subject(joined));
        String text = Mailbox.part(joined, "text/plain");
        assertTrue(text.contains("Status: In behandeling"), text);
        // The reply was meant for the survivor's own reporter.
        assertFalse(text.contains("Dank voor je melding"), text);

        // The survivor's wait for its own reporter is not news to the second: they hear of its end.
        Tickets.transition(survivor, "WAITING", "Kun je een schermafbeelding sturen?", true);
        Mailbox.await(Mailbox.to(first).and(Mailbox.subjectContains("Nieuws")), 2, WAIT);
        Tickets.move(survivor, "IN_PROGRESS");
        Tickets.transition(survivor, "RESOLVED", "Het bericht is beantwoord.", true);
        List<MimeMessage> news = Mailbox.await(Mailbox.to(second).and(Mailbox.subjectContains("Nieuws")), 2, WAIT);
        assertEquals(2, news.size(), "no news of the wait");
        assertTrue(Mailbox.part(news.get(1), "text/plain").contains("Status: Afgehandeld"));
    }

    @Test
    void shouldMailAnEnglishReporterUpdatesInEnglish() {
        String reporter = address("reporter-en-updates");
        String reference = fileWithReporter(reporter, true, "en");
        Mailbox.await(Mailbox.to(reporter), 1, WAIT);

        Tickets.transition(reference, "WAITING", "Could you send a screenshot?", true);

        MimeMessage mail = Mailbox.await(Mailbox.to(reporter).and(Mailbox.subjectContains("News")), 1, WAIT).get(0);
        assertEquals("News about your report " + reference, subject(mail));
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("Status: Waiting for your reply"), text);
        assertTrue(text.contains("Could you send a screenshot?"), text);
    }

    @Test
    void shouldMailTheNewFunctionsContactsOnAReroute() {
        String hr = address("hrm");
        long contact = addContact("HR_REPRESENTATIVE", Map.of("name", "HRM Test", "email", hr));
        try {
            String reference = Signals.receipt(TestData.signal("MENTION", "TWITTER")).path("reference");
            String reason = "Gaat over een sollicitatie & <arbeidsvoorwaarden>";

            asCommunicatie().contentType(ContentType.JSON)
                    .body(Map.of("function", "HR_REPRESENTATIVE", "reason", reason))
                    .put("/api/tickets/{reference}/routing", reference)
                    .then().statusCode(200);

            MimeMessage mail = Mailbox.await(Mailbox.to(hr), 1, WAIT).get(0);
            assertEquals("[Meldpunt] Signaal naar jou doorgestuurd: " + reference, subject(mail));
            String text = Mailbox.part(mail, "text/plain");
            assertTrue(text.contains("Er is een signaal naar jou doorgestuurd. Reden: " + reason), text);
            assertTrue(text.contains("Vertegenwoordiger HRM"), text);
            assertTrue(Mailbox.part(mail, "text/html")
                    .contains("Gaat over een sollicitatie &amp; &lt;arbeidsvoorwaarden&gt;"));
            assertEquals(List.of(EmailKind.REROUTED), kindsFor(reference, hr));
        } finally {
            deleteContact("HR_REPRESENTATIVE", contact);
        }
    }

    @Test
    void shouldMailOnlyTheRegionsManagerOnARerouteToTheRegionalManagers() {
        String region = TestData.unique("Regio");
        String own = address("regio-eigen");
        String other = address("regio-ander");
        long ownContact = addContact("REGIONAL_MANAGER", Map.of("name", "RM eigen", "email", own, "region", region));
        long otherContact = addContact("REGIONAL_MANAGER", Map.of("name", "RM ander", "email", other,
                "region", TestData.unique("Regio")));
        try {
            // Seen on Facebook, where regional managers have no account: communicatie has it first.
            Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
            signal.put("topic", "REGION");
            signal.put("region", region);
            String reference = Signals.receipt(signal).path("reference");

            asCommunicatie().contentType(ContentType.JSON)
                    .body(Map.of("function", "REGIONAL_MANAGER", "reason", "Gaat over een locatie in de regio"))
                    .put("/api/tickets/{reference}/routing", reference)
                    .then().statusCode(200)
                    .body("routing.contact.name", equalTo("RM eigen"))
                    .body("routing.respondVia", equalTo("NONE"));

            // Told of it at filing (the region's manager, ter informatie), and now sent it.
            assertEquals(List.of(EmailKind.FOR_INFORMATION, EmailKind.REROUTED), kindsFor(reference, own));
            assertEquals(List.of(), kindsFor(reference, other), "the manager of another region is not mailed");
        } finally {
            deleteContact("REGIONAL_MANAGER", ownContact);
            deleteContact("REGIONAL_MANAGER", otherContact);
        }
    }

    @Test
    void shouldKeepAThreatOutOfPublicWhenItIsRerouted() {
        String reference = Signals.receipt(TestData.signal("THREAT", "TWITTER")).path("reference");

        // HRM has SGL's account on X, but nobody answers a threat in public, whoever has it.
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("function", "HR_REPRESENTATIVE", "reason", "Bedreiging van een medewerker"))
                .put("/api/tickets/{reference}/routing", reference)
                .then().statusCode(200)
                .body("routing.function", equalTo("HR_REPRESENTATIVE"))
                .body("routing.respondVia", equalTo("NONE"));
        // A mention rerouted there is answered on that account.
        String mention = Signals.receipt(TestData.signal("MENTION", "TWITTER")).path("reference");
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("function", "HR_REPRESENTATIVE", "reason", "Gaat over werken bij SGL"))
                .put("/api/tickets/{reference}/routing", mention)
                .then().statusCode(200)
                .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"));
    }

    @Test
    void shouldMailTheMailboxWhenATicketIsReroutedToCommunicatie() {
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "CARE");
        String reference = Signals.receipt(signal).path("reference");

        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("function", "COMMUNICATIONS", "reason", "Zorgbemiddelaars zijn met vakantie"))
                .put("/api/tickets/{reference}/routing", reference)
                .then().statusCode(200);

        MimeMessage mail = Mailbox.await(Mailbox.to(MAILBOX)
                .and(Mailbox.subjectContains("Signaal naar jou doorgestuurd: " + reference)), 1, WAIT).get(0);
        assertTrue(Mailbox.part(mail, "text/plain").contains("Zorgbemiddelaars zijn met vakantie"));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A fresh address, unique in this test run. */
    private static String address(String who) {
        return TestData.unique(who).toLowerCase() + "@example.org";
    }

    private static String fileWithReporter(String email, boolean wantsUpdates, String language) {
        return fileWithReporter(email, wantsUpdates, language, null);
    }

    private static String fileWithReporter(String email, boolean wantsUpdates, String language, String url) {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        if (url != null) {
            signal.put("url", url);
        }
        signal.put("reporter", Map.of("name", "Melder", "email", email));
        signal.put("wantsUpdates", wantsUpdates);
        signal.put("language", language);
        return Signals.receipt(signal).path("reference");
    }

    private static void note(String reference, String text, boolean visible) {
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("text", text, "visibleToReporter", visible))
                .post("/api/tickets/{reference}/notes", reference)
                .then().statusCode(201);
    }

    private static long addContact(String function, Map<String, Object> contact) {
        return asCommunicatie().contentType(ContentType.JSON).body(contact)
                .post("/api/functions/{code}/contacts", function)
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static void deleteContact(String function, long id) {
        asCommunicatie().delete("/api/functions/{code}/contacts/{id}", function, id)
                .then().statusCode(204);
    }

    /** The outbox rows of a ticket, as written in the transaction that caused them. */
    static List<OutboxEmail> queued(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long ticketId = Ticket.findByReference(reference).orElseThrow().id;
            return OutboxEmail.<OutboxEmail>list("ticketId = ?1 order by id", ticketId);
        });
    }

    /** The kinds of the ticket's e-mails to one address, in the order they were queued. */
    private static List<EmailKind> kindsFor(String reference, String address) {
        return queued(reference).stream().filter(e -> e.recipient.equalsIgnoreCase(address)).map(e -> e.kind).toList();
    }

    /**
     * Waits until every e-mail of the ticket was handed to the SMTP server: after that, whatever the
     * mailbox lacks was never going to come.
     */
    static void awaitAllSent(String reference) {
        List<OutboxEmail> emails = Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> queued(reference), all -> all.stream().allMatch(e -> e.status == EmailStatus.SENT));
        List<String> unsent = emails.stream().filter(e -> e.status != EmailStatus.SENT)
                .map(e -> e.kind + "/" + e.status).toList();
        assertEquals(List.of(), unsent, "e-mails of " + reference + " not sent in time");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
