package nl.sglzorg.meldpunt.routing;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.support.Tickets;
import org.junit.jupiter.api.Test;

/**
 * The policy's cases beyond the first six categories, end to end through the API: threats and
 * impersonation, advice and positive posts (without deadlines, with the repost's URL), a client's
 * begeleider, and an approved location-page request that changes the accounts table.
 */
@QuarkusTest
class PolicyCasesTest {

    private static final Duration MAIL = Duration.ofSeconds(15);

    @Test
    void shouldFileAThreatUrgentlyAndTellTheUnitManager() {
        String managerEmail = TestData.unique("leiding").toLowerCase() + "@sgl-zorg.nl";
        String unit = TestData.createUnit("Leidinggevende Dreiging", managerEmail);
        Map<String, Object> signal = TestData.signal("THREAT", "FACEBOOK");
        signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));

        Signals.Filed filed = Signals.file(signal);

        filed.receipt().then().body("priority", equalTo("URGENT"))
                .body("routing.function", equalTo("COMMUNICATIONS"))
                .body("routing.informed", contains("UNIT_MANAGER"));
        List<MimeMessage> toManager = Mailbox.await(Mailbox.to(managerEmail), 1, MAIL);
        assertTrue(subject(toManager.get(0)).contains(filed.reference()), "the manager hears of the threat");
    }

    @Test
    void shouldFileImpersonationHighAndAdviceLowWithCommunicatie() {
        JsonPath impersonation = Tickets.detail(Signals.file(TestData.signal("IMPERSONATION", "INSTAGRAM")).reference());
        assertEquals("HIGH", impersonation.getString("priority"));
        assertEquals("COMMUNICATIONS", impersonation.getString("routing.function"));
        assertEquals("NONE", impersonation.getString("routing.respondVia"));

        JsonPath advice = Tickets.detail(Signals.file(TestData.signal("ADVICE_REQUEST", "LINKEDIN")).reference());
        assertEquals("LOW", advice.getString("priority"));
        assertEquals("COMMUNICATIONS", advice.getString("routing.function"));
        assertEquals("Vraag om advies vóór het plaatsen → Communicatie", advice.getString("routing.reason"));
        assertTrue(advice.get("firstResponseDue") != null, "advice has deadlines like any signal");
    }

    @Test
    void shouldKeepAPositivePostFreeOfDeadlinesAndRecordTheRepostWhenResolved() {
        String reference = Signals.file(TestData.signal("POSITIVE_POST", "LINKEDIN")).reference();

        JsonPath filed = Tickets.detail(reference);
        assertEquals("LOW", filed.getString("priority"));
        assertEquals("COMMUNICATIONS", filed.getString("routing.function"));
        assertNull(filed.getString("firstResponseDue"), "no first-response deadline");
        assertNull(filed.getString("resolutionDue"), "no resolution deadline");
        assertEquals("NONE", filed.getString("firstResponseStatus"));
        assertFalse(filed.getList("events.type").contains("DEADLINES_SET"), "no deadlines in the history");

        // The repost's URL is checked like a signal's, and only taken when resolving.
        transition(reference, Map.of("status", "IN_PROGRESS", "repostUrl", "https://www.linkedin.com/posts/sgl-1"))
                .then().statusCode(400).body("violations.field", hasItem("repostUrl"));
        Tickets.move(reference, "IN_PROGRESS");
        transition(reference, Map.of("status", "RESOLVED", "message", "Gedeeld.", "repostUrl", "javascript:alert(1)"))
                .then().statusCode(400).body("violations.field", hasItem("repostUrl"));
        assertEquals("IN_PROGRESS", Tickets.status(reference), "a refused repost URL changes nothing");

        String repost = "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000001";
        transition(reference, Map.of("status", "RESOLVED", "message", "Gedeeld op de pagina van SGL.",
                "repostUrl", repost))
                .then().statusCode(200).body("status", equalTo("RESOLVED")).body("repostUrl", equalTo(repost));
        assertEquals(repost, Tickets.detail(reference).getString("repostUrl"));
        assertTrue(Tickets.detail(reference).getList("events.type").contains("REPOST_RECORDED"));
    }

    @Test
    void shouldRefuseARepostUrlOnAnyOtherSignal() {
        String reference = Signals.file(TestData.signal("MENTION", "LINKEDIN")).reference();
        Tickets.move(reference, "IN_PROGRESS");

        transition(reference, Map.of("status", "RESOLVED", "message", "Klaar.", "repostUrl", "https://www.linkedin.com/x"))
                .then().statusCode(400).body("violations.field", hasItem("repostUrl"));
    }

    @Test
    void shouldTellTheBegeleiderWithoutTheClientsNameUnlessTheClientAllowedIt() {
        String anonymousTo = TestData.unique("begeleider").toLowerCase() + "@sgl-zorg.nl";
        String namedTo = TestData.unique("begeleider").toLowerCase() + "@sgl-zorg.nl";
        String clientEmail = TestData.unique("client").toLowerCase() + "@example.org";

        Map<String, Object> withheld = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        withheld.put("reporter", reporter("Jan Cliënt", clientEmail, anonymousTo, false));
        Signals.Filed first = Signals.file(withheld);
        first.receipt().then().body("routing.informed", contains("CARE_WORKER"));
        assertFalse(first.receipt().asString().contains(anonymousTo), "the receipt does not repeat the address");

        Map<String, Object> allowed = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        allowed.put("reporter", reporter("Jan Cliënt", clientEmail, namedTo, true));
        Signals.Filed second = Signals.file(allowed);

        String text = Mailbox.part(Mailbox.await(Mailbox.to(anonymousTo), 1, MAIL).get(0), "text/plain");
        assertTrue(text.contains(first.reference()), text);
        assertFalse(text.contains("Jan"), "no name without the client's consent: " + text);
        assertFalse(text.contains(clientEmail), "no address without the client's consent: " + text);
        assertFalse(text.contains("Er wordt op sociale media"), "never the description: " + text);

        String named = Mailbox.part(Mailbox.await(Mailbox.to(namedTo), 1, MAIL).get(0), "text/plain");
        assertTrue(named.contains("Jan Cliënt") && named.contains(clientEmail), named);

        JsonPath staff = Tickets.detail(second.reference());
        assertEquals(namedTo, staff.getString("reporter.careWorkerEmail"));
        assertTrue(staff.getBoolean("reporter.careWorkerMayKnowIdentity"));
        assertEquals("CARE_WORKER", staff.getString("routing.informed[0].kind"));
        // The outbox list hides the begeleider's address like the reporter's.
        asCommunicatie().accept(ContentType.JSON).get("/api/notifications").then().statusCode(200)
                .body("findAll { it.ticket == '" + second.reference() + "' }.kind", hasItem("CARE_WORKER"))
                .body(not(containsString(namedTo)));
        // The begeleider's address is the reporter's data: exported, and erased with the rest.
        asCommunicatie().get("/api/tickets/{reference}/reporter-data", second.reference()).then().statusCode(200)
                .body("careWorkerEmail", equalTo(namedTo)).body("careWorkerMayKnowIdentity", equalTo(true));
        asCommunicatie().post("/api/tickets/{reference}/erase-reporter", second.reference()).then().statusCode(200);
        JsonPath erased = Tickets.detail(second.reference());
        assertNull(erased.getString("reporter.careWorkerEmail"));
        assertNull(erased.get("reporter.careWorkerMayKnowIdentity"));
        // The begeleider's e-mail was sent with the client's name and address; erased, it holds neither.
        long holding = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> {
            long ticketId = nl.sglzorg.meldpunt.ticket.Ticket.findByReference(second.reference()).orElseThrow().id;
            return nl.sglzorg.meldpunt.notification.OutboxEmail.count("ticketId = ?1 and (textBody like ?2 or htmlBody"
                    + " like ?2 or textBody like ?3 or htmlBody like ?3)", ticketId, "%Jan Cli%", "%" + clientEmail + "%");
        });
        assertEquals(0, holding, "e-mails of the ticket still holding the client's name or address");
    }

    @Test
    void shouldRefuseABegeleiderForANonClientABadAddressOrOneOutsideSglAndNothingIsFiled() {
        long before = referenceNumber(Signals.file(TestData.signal("MENTION", "TWITTER")).reference());
        Map<String, Object> employee = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        Map<String, Object> asEmployee = new HashMap<>(reporter(null, null, "b@sgl-zorg.nl", false));
        asEmployee.put("relation", "EMPLOYEE");
        employee.put("reporter", asEmployee);
        problem(employee, "reporter.careWorkerEmail");

        Map<String, Object> badAddress = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        badAddress.put("reporter", reporter(null, null, "geen-adres", false));
        problem(badAddress, "reporter.careWorkerEmail");

        Map<String, Object> otherCategory = TestData.signal("MENTION", "WHATSAPP");
        otherCategory.put("reporter", reporter(null, null, "b@sgl-zorg.nl", false));
        problem(otherCategory, "reporter.careWorkerEmail");

        // Anyone may file: an address outside SGL's domains would make Meldpunt mail whomever they name,
        // with their own text as the client's name.
        Map<String, Object> outside = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        outside.put("reporter", reporter("Uw account is geblokkeerd: ga naar https://phish.example", null,
                "slachtoffer@example.org", true));
        problem(outside, "reporter.careWorkerEmail");
        Map<String, Object> lookalike = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        lookalike.put("reporter", reporter(null, null, "b@nep-sgl-zorg.nl", false));
        problem(lookalike, "reporter.careWorkerEmail");
        // Ends in SGL's domain, but a mail library reads it as slachtoffer@example.org.
        Map<String, Object> disguised = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        disguised.put("reporter", reporter(null, null, "<slachtoffer@example.org>.sgl-zorg.nl", false));
        problem(disguised, "reporter.careWorkerEmail");

        Map<String, Object> consentWithoutAddress = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        consentWithoutAddress.put("reporter", Map.of("relation", "CLIENT", "careWorkerMayKnowIdentity", true));
        problem(consentWithoutAddress, "reporter.careWorkerMayKnowIdentity");
        long after = referenceNumber(Signals.file(TestData.signal("MENTION", "TWITTER")).reference());
        assertEquals(before + 1, after, "a refused signal files nothing");
    }

    @Test
    void shouldSetTheLocationPageOnTheCentresRowWhenCommunicatieApprovesTheRequest() {
        String centre = "AC " + TestData.unique("Aanvraag");
        long contactId = asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Coördinator " + centre, "email", TestData.unique("ac").toLowerCase()
                        + "@sgl-zorg.nl", "activityCentre", centre, "locationPage", false))
                .post("/api/functions/ACTIVITY_CENTRE/contacts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        try {
            Map<String, Object> mention = TestData.signal("MENTION", "FACEBOOK");
            mention.put("topic", "ACTIVITY_CENTRE");
            mention.put("activityCentre", centre);
            Signals.receipt(mention).then().body("routing.function", equalTo("COMMUNICATIONS"));

            Map<String, Object> request = TestData.signal("LOCATION_PAGE_REQUEST", "FACEBOOK");
            request.put("activityCentre", centre);
            String reference = Signals.file(request).reference();
            long revision = approve(reference).then().statusCode(200)
                    .body("events.type", hasItem("LOCATION_PAGE_APPROVED"))
                    .extract().jsonPath().getLong("events.find { it.type == 'LOCATION_PAGE_APPROVED' }.newValue");

            asCommunicatie().get("/api/functions/ACTIVITY_CENTRE/contacts/{id}", contactId).then()
                    .statusCode(200).body("locationPage", equalTo(true));
            asCommunicatie().accept(ContentType.JSON).get("/api/accounts-table/history").then().statusCode(200)
                    .body("[0].revision", equalTo((int) revision))
                    .body("[0].changedBy", equalTo(TestData.ADMIN))
                    .body("[0].description", containsString(centre))
                    .body("[0].description", containsString(reference));
            // Rule 5: the next signal about the centre on Facebook goes to its page.
            Signals.receipt(mention).then().body("routing.function", equalTo("ACTIVITY_CENTRE"))
                    .body("routing.respondVia", equalTo("LOCATION_PAGE"));
            assertTrue(Tickets.detail(Signals.file(mention).reference()).getLong("routing.tableRevision") >= revision);

            // Once is enough: the centre has a page now.
            approve(reference).then().statusCode(409).body("detail", containsString("al een locatiepagina"));
        } finally {
            asCommunicatie().delete("/api/functions/ACTIVITY_CENTRE/contacts/{id}", contactId).then().statusCode(204);
        }
    }

    @Test
    void shouldRefuseToApproveAnUnknownCentreOrAnotherKindOfSignal() {
        Map<String, Object> request = TestData.signal("LOCATION_PAGE_REQUEST", "FACEBOOK");
        request.put("activityCentre", "AC " + TestData.unique("Onbekend"));
        String unknown = Signals.file(request).reference();
        approve(unknown).then().statusCode(409).body("detail", containsString("staat niet in de accountstabel"));
        assertFalse(Tickets.detail(unknown).getList("events.type").contains("LOCATION_PAGE_APPROVED"));

        String mention = Signals.file(TestData.signal("MENTION", "FACEBOOK")).reference();
        approve(mention).then().statusCode(409);

        // Communicatie's alone: a functionaris gets 403.
        String official = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);
        TestData.as(official).post("/api/tickets/{reference}/location-page", unknown).then().statusCode(403);
        asCommunicatie().accept(ContentType.JSON).get("/api/accounts-table/history").then().statusCode(200)
                .body("size()", greaterThan(0)).body("[0].description", not(containsString(unknown)));
    }

    // ------------------------------------------------------------------------------------------

    private static Map<String, Object> reporter(String name, String email, String careWorker, boolean mayKnow) {
        Map<String, Object> reporter = new HashMap<>();
        reporter.put("relation", "CLIENT");
        if (name != null) {
            reporter.put("name", name);
        }
        if (email != null) {
            reporter.put("email", email);
        }
        reporter.put("careWorkerEmail", careWorker);
        reporter.put("careWorkerMayKnowIdentity", mayKnow);
        return reporter;
    }

    /** {@code SGL-2026-000042} → 42. */
    private static long referenceNumber(String reference) {
        return Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1));
    }

    private static void problem(Map<String, Object> signal, String field) {
        TestData.api().contentType(ContentType.JSON).body(signal).post("/api/signals").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem(field));
    }

    private static io.restassured.response.Response transition(String reference, Map<String, Object> body) {
        return asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/transitions", reference);
    }

    private static io.restassured.response.Response approve(String reference) {
        return asCommunicatie().post("/api/tickets/{reference}/location-page", reference);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
