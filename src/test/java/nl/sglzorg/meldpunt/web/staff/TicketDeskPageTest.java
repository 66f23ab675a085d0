package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import org.junit.jupiter.api.Test;

/**
 * The staff ticket page over HTTP, signed in with Basic: what each role sees and may do, every action
 * and its refusal, the stale form that keeps what was typed, and the access log (one read per view).
 */
@QuarkusTest
class TicketDeskPageTest {

    static final String STALE = "Iemand anders heeft deze melding net gewijzigd.";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([0-9]+)\"");

    /** A filed signal: what the reporter keeps. */
    record Filed(String reference, String token) {
    }

    /** An open ticket page: its HTML, CSRF cookie and token, and the version its forms carry. */
    record Shown(String user, String path, String html, String cookie, String token, String version) {

        RequestSpecification post(Map<String, String> fields) {
            RequestSpecification request = signedIn(user).cookie("meldpunt-csrf", cookie)
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8").redirects().follow(false)
                    .formParam("csrf-token", token);
            fields.forEach(request::formParam);
            return request;
        }

        Response post(String action, Map<String, String> fields) {
            return post(fields).post(path + "/" + action);
        }

        /** The action with this page's version, as the browser sends the form. */
        Response send(String action, Map<String, String> fields) {
            Map<String, String> withVersion = new HashMap<>(fields);
            withVersion.put("version", version);
            return post(action, withVersion);
        }
    }

    @Test
    void shouldShowCommunicatieEverythingWithEveryAction() {
        String longUrl = "https://www.facebook.com/sglzorg/posts/" + "a".repeat(180) + System.nanoTime();
        Filed filed = file("EMPLOYMENT", "FACEBOOK", longUrl, true);
        reporterMessage(filed, "Ik heb nog een vraag over dit bericht.");

        Shown page = open(TestData.ADMIN, filed.reference());

        String html = page.html();
        assertTrue(html.contains("<title>Melding " + filed.reference() + " – Meldpunt beheer</title>"), html);
        assertTrue(html.contains("Er wordt over SGL geschreven"), "the description");
        assertTrue(html.contains("rel=\"noopener noreferrer nofollow\""), "the post's address is never followed blindly");
        assertTrue(html.contains("Melder Jansen"), "communicatie sees the reporter's name, as in the API");
        assertTrue(html.contains("@example.org"), "and address");
        assertTrue(html.contains("Ik heb nog een vraag over dit bericht."), "the reporter's message is in the thread");
        assertTrue(html.contains("Eerste reactie") && html.contains("Afhandeling"), "the deadlines");
        assertTrue(html.contains(TicketsApi.detail(filed.reference()).getString("routing.reason")), "why it went where it went");
        for (String form : List.of("reply-text", "note-text", "status-to", "reroute-function", "priority", "merge-into",
                "escalate-reason")) {
            assertTrue(html.contains("id=\"" + form + "\""), "communicatie gets the form with " + form);
        }
    }

    @Test
    void shouldShowEachRoleWhatTheApiShowsItAndOnlyTheActionsItMayTake() {
        String word = TicketsApi.uniqueWord();
        Filed hr = file("EMPLOYMENT", "FACEBOOK", null, true, word);
        // HR has no account on Instagram: communicatie handles it and HR is only informed.
        Filed informed = file("EMPLOYMENT", "INSTAGRAM", null, true, word);
        Filed care = file("CARE", "FACEBOOK", null, false, word);
        assertEquals("HR_REPRESENTATIVE", TicketsApi.detail(hr.reference()).getString("routing.function"));
        String hrOfficer = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);

        Shown own = open(hrOfficer, hr.reference());
        for (String form : List.of("reply-text", "note-text", "status-to", "escalate-reason")) {
            assertTrue(own.html().contains("id=\"" + form + "\""), "the handling functionaris gets " + form);
        }
        for (String form : List.of("reroute-function", "id=\"priority\"", "merge-into")) {
            assertFalse(own.html().contains(form), "rerouting, priority and merging are communicatie's: " + form);
        }
        // The reporter as the API shows this role.
        String apiName = TestData.as(hrOfficer).get("/api/tickets/{reference}", hr.reference()).then().statusCode(200)
                .extract().path("reporter.name");
        assertTrue(own.html().contains(apiName), own.html());

        Shown readOnly = open(hrOfficer, informed.reference());
        assertTrue(readOnly.html().contains("id=\"read-only\""), "an informed function may only read");
        assertFalse(readOnly.html().contains("id=\"note-text\""));
        assertFalse(readOnly.html().contains("id=\"status-to\""));

        // Another function's ticket is as unknown as a missing one: the API's 404, as a page.
        String hidden = signedIn(hrOfficer).get("/beheer/meldingen/{reference}", care.reference())
                .then().statusCode(404).contentType(containsString("text/html")).extract().asString();
        assertTrue(hidden.contains("Melding niet gevonden"), hidden);
        assertFalse(hidden.contains(care.reference()), "nothing tells it exists");
        signedIn(hrOfficer).get("/beheer/meldingen/{reference}", "SGL-1999-999999").then().statusCode(404);

        // Writing where one may only read: the API's 403, as a page, and nothing stored.
        Response refused = readOnly.send("notitie", Map.of("text", "Mag ik dit?"));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.asString().contains("Geen toegang"), refused.asString());
        Response otherRole = own.send("prioriteit", Map.of("priority", "URGENT"));
        assertEquals(403, otherRole.statusCode());
        assertTrue(otherRole.contentType().startsWith("text/html"));
        Response otherTicket = own.post(Map.of("version", "1", "text", "Mag ik dit?"))
                .post("/beheer/meldingen/" + care.reference() + "/notitie");
        assertEquals(404, otherTicket.statusCode());
        assertFalse(TicketsApi.events(informed.reference()).contains("Mag ik dit?"));
        assertEquals("NORMAL", TicketsApi.detail(hr.reference()).getString("priority"));

        // Without a role nothing at all.
        int anonymous = given().redirects().follow(false).get("/beheer/meldingen/{reference}", hr.reference()).statusCode();
        assertTrue(List.of(401, 302, 303).contains(anonymous), "not shown without signing in: " + anonymous);
    }

    @Test
    void shouldLetTheManagerItWasEscalatedToWorkOnItButNotEscalateFurther() {
        Filed filed = file("EMPLOYMENT", "FACEBOOK", null, true);
        String unit = unit();
        TestData.asCommunicatie().contentType(ContentType.JSON).body(Map.of("unit", unit, "reason", "Loopt uit de hand"))
                .post("/api/tickets/{reference}/escalations", filed.reference()).then().statusCode(201);
        String manager = TestData.createUser(List.of("leidinggevende"), null, unit);
        String otherManager = TestData.createUser(List.of("leidinggevende"), null, unit());

        Shown page = open(manager, filed.reference());
        assertTrue(page.html().contains("Loopt uit de hand"), "the escalation is on the page");
        for (String form : List.of("reply-text", "note-text", "status-to")) {
            assertTrue(page.html().contains("id=\"" + form + "\""), "the manager may work on it: " + form);
        }
        for (String form : List.of("escalate-reason", "reroute-function", "merge-into")) {
            assertFalse(page.html().contains("id=\"" + form + "\""), "but not " + form);
        }
        Response onward = page.send("escaleren", Map.of("unit", unit, "reason", "Verder"));
        assertEquals(403, onward.statusCode(), "as the API: only communicatie or the handling function escalates");
        assertEquals(303, page.send("notitie", Map.of("text", "Ik spreek de medewerker.")).statusCode());

        signedIn(otherManager).get("/beheer/meldingen/{reference}", filed.reference()).then().statusCode(404);
    }

    @Test
    void shouldReplyNoteAndMoveTheTicketWithAFlashLine() {
        Filed filed = file("EMPLOYMENT", "FACEBOOK", null, true);
        Shown page = open(TestData.ADMIN, filed.reference());

        Response reply = page.send("antwoord", Map.of("text", "Kun je zeggen wanneer je het zag?"));
        assertEquals(303, reply.statusCode());
        assertTrue(reply.header("Location").endsWith("/beheer/meldingen/" + filed.reference() + "?gedaan=antwoord"),
                reply.header("Location"));
        String after = signedIn(TestData.ADMIN).get(reply.header("Location")).then().statusCode(200).extract().asString();
        assertTrue(after.contains("Je antwoord is naar de melder gestuurd."), "the flash line");
        // The reporter sees the reply; the note that follows stays inside.
        assertTrue(track(filed).contains("Kun je zeggen wanneer je het zag?"));

        page = open(TestData.ADMIN, filed.reference());
        assertEquals(303, page.send("notitie", Map.of("text", "Intern: bekende melder")).statusCode());
        assertFalse(track(filed).contains("Intern: bekende melder"), "a note never reaches the reporter");
        page = open(TestData.ADMIN, filed.reference());
        assertTrue(page.html().contains("Intern: bekende melder"));

        assertEquals(303, page.send("status", Map.of("status", "IN_PROGRESS", "message", "")).statusCode());
        assertEquals("IN_PROGRESS", TicketsApi.detail(filed.reference()).getString("status"));

        page = open(TestData.ADMIN, filed.reference());
        assertEquals(303, page.send("status", Map.of("status", "WAITING", "message", "Stuur je een schermafbeelding?",
                "toReporter", "ja")).statusCode());
        assertTrue(track(filed).contains("Stuur je een schermafbeelding?"), "the message went to the reporter");
    }

    @Test
    void shouldRefuseBadInputNextToTheFieldKeepingWhatWasTyped() {
        Filed filed = file("EMPLOYMENT", "FACEBOOK", null, true);
        Shown page = open(TestData.ADMIN, filed.reference());

        String typed = "Wacht op <de> melder & \"zijn\" antwoord";
        Response noMessage = page.send("status", Map.of("status", "WAITING", "message", "   "));
        assertEquals(400, noMessage.statusCode());
        String html = noMessage.asString();
        assertTrue(html.contains("<title>Fout: Melding"), "the title says there is an error");
        assertTrue(html.contains("href=\"#status-message\""), "the summary links to the field");
        assertTrue(html.contains("id=\"status-message-error\""), "the error is next to the field");
        assertTrue(html.contains("<option value=\"WAITING\" selected>"), "the chosen status stays chosen");

        Response tooLong = page.send("notitie", Map.of("text", typed + "x".repeat(5000)));
        assertEquals(400, tooLong.statusCode());
        assertTrue(tooLong.asString().contains("Wacht op &lt;de&gt; melder &amp; &quot;zijn&quot; antwoord"),
                "what was typed is back in the box, escaped");
        assertTrue(tooLong.asString().contains("Hoogstens 5000 tekens."));

        Response unknown = page.send("samenvoegen", Map.of("into", "SGL-1999-999999"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.asString().contains("Er is geen melding met dit nummer die je mag zien."));
        assertTrue(unknown.asString().contains("value=\"SGL-1999-999999\""));

        Response notAllowed = page.send("status", Map.of("status", "CLOSED", "message", "Dicht"));
        assertEquals(409, notAllowed.statusCode(), "a move the lifecycle does not allow");
        assertTrue(notAllowed.asString().contains("Dicht"));

        assertEquals("NEW", TicketsApi.detail(filed.reference()).getString("status"), "nothing was stored");
        assertEquals(TicketsApi.version(filed.reference()), Long.parseLong(page.version()));
    }

    @Test
    void shouldApproveALocationPageRequestWithTheButtonAndRefuseItClearlyTheSecondTime() {
        String centre = "AC " + TestData.unique("Bureau");
        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Coördinator " + centre, "email", "ac.bureau@sgl-zorg.nl", "activityCentre", centre))
                .post("/api/functions/ACTIVITY_CENTRE/contacts").then().statusCode(201);
        Map<String, Object> request = TestData.signal("LOCATION_PAGE_REQUEST", "FACEBOOK");
        request.put("activityCentre", centre);
        String reference = given().contentType(ContentType.JSON).body(request).post("/api/signals")
                .then().statusCode(201).extract().path("reference");

        Shown page = open(TestData.ADMIN, reference);
        assertTrue(page.html().contains("id=\"location-page-approve\""), "communicatie sees the button");
        Response approved = page.send("locatiepagina", Map.of());
        assertEquals(303, approved.statusCode());
        String after = signedIn(TestData.ADMIN).get(approved.header("Location")).then().statusCode(200).extract().asString();
        assertTrue(after.contains("De locatiepagina staat nu in de accountstabel"), "the flash line");
        assertTrue(after.contains("Locatiepagina goedgekeurd"), "in the ticket's history");
        String table = signedIn(TestData.ADMIN).get("/beheer/organisatie").then().statusCode(200).extract().asString();
        assertTrue(table.contains("Locatiepagina goedgekeurd voor " + centre + " (" + reference + ")"),
                "in the table's history");

        Response again = open(TestData.ADMIN, reference).send("locatiepagina", Map.of());
        assertEquals(409, again.statusCode());
        assertTrue(again.asString().contains("id=\"location-page-error\""), "next to the button");
        assertTrue(again.asString().contains(centre + " heeft al een locatiepagina"), again.asString());

        // A functionaris never gets the button, nor may post it.
        String official = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);
        assertFalse(open(official, reference).html().contains("location-page-approve"));
    }

    @Test
    void shouldRecordTheRepostOfAPositivePostWhenResolvingIt() {
        Map<String, Object> signal = TestData.signal("POSITIVE_POST", "LINKEDIN");
        String reference = given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
        Shown page = open(TestData.ADMIN, reference);
        assertTrue(page.html().contains("Geen termijn"), "a positive post runs no deadlines");
        assertEquals(303, page.send("status", Map.of("status", "IN_PROGRESS", "message", "")).statusCode());

        page = open(TestData.ADMIN, reference);
        Response bad = page.send("status", Map.of("status", "RESOLVED", "message", "Gedeeld.", "repostUrl", "ftp://x"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.asString().contains("id=\"status-repost-url-error\""), "the error next to the field");
        assertTrue(bad.asString().contains("value=\"ftp://x\""), "what was typed is kept");

        String repost = "https://www.linkedin.com/feed/update/urn:li:activity:1";
        assertEquals(303, page.send("status", Map.of("status", "RESOLVED", "message", "Gedeeld.", "repostUrl", repost))
                .statusCode());
        String resolved = open(TestData.ADMIN, reference).html();
        assertTrue(resolved.contains("href=\"" + repost + "\""), "shown to staff");
        // A resolved ticket cannot be put before a manager: no form that could only be refused.
        assertFalse(resolved.contains("Voorleggen aan een leidinggevende"), resolved);
        assertTrue(page.html().contains("Voorleggen aan een leidinggevende"), "the open ticket had it");
    }

    @Test
    void shouldAnswerAStaleFormWith409AndKeepWhatWasTyped() {
        Filed filed = file("EMPLOYMENT", "FACEBOOK", null, true);
        Shown first = open(TestData.ADMIN, filed.reference());
        Shown second = open(TestData.ADMIN, filed.reference());
        assertEquals(303, first.send("notitie", Map.of("text", "Ik pak dit op.")).statusCode());

        String typed = "Mijn lange antwoord dat niet verloren mag gaan";
        Response stale = second.send("antwoord", Map.of("text", typed));
        assertEquals(409, stale.statusCode());
        String html = stale.asString();
        assertTrue(html.contains(STALE + " Bekijk de wijziging en probeer het opnieuw."), html);
        assertTrue(html.contains(">" + typed + "</textarea>"), "the reply is still in its box");
        assertTrue(html.contains("Ik pak dit op."), "the page is fresh: it shows what the other did");
        assertFalse(track(filed).contains(typed), "nothing was sent");

        // The fresh page carries the new version: sending again works.
        String fresh = match(VERSION, html);
        assertEquals(TicketsApi.version(filed.reference()), Long.parseLong(fresh));
        Map<String, String> again = Map.of("text", typed, "version", fresh);
        assertEquals(303, second.post("antwoord", again).statusCode());
        assertTrue(track(filed).contains(typed));

        // A form without any version never passes unchecked.
        Response noVersion = second.post("notitie", Map.of("text", "Zonder versie"));
        assertEquals(409, noVersion.statusCode());
        assertTrue(noVersion.asString().contains("Zonder versie"));

        // The same for every other action.
        for (Map.Entry<String, Map<String, String>> action : Map.of(
                "status", Map.of("status", "TRIAGED", "message", "Bekeken"),
                "prioriteit", Map.of("priority", "HIGH"),
                "doorsturen", Map.of("function", "CARE_BROKER", "reason", "Gaat over zorg"),
                "samenvoegen", Map.of("into", first.path().substring(first.path().lastIndexOf('/') + 1)),
                "escaleren", Map.of("unit", unit(), "reason", "Loopt uit de hand")).entrySet()) {
            Response refused = second.send(action.getKey(), action.getValue());
            assertEquals(409, refused.statusCode(), action.getKey());
            assertTrue(refused.asString().contains(STALE), action.getKey());
        }
        assertEquals("NEW", TicketsApi.detail(filed.reference()).getString("status"));
    }

    @Test
    void shouldRerouteChangePriorityMergeUnmergeAndEscalate() {
        Filed filed = file("EMPLOYMENT", "FACEBOOK", null, true);
        Filed other = file("EMPLOYMENT", "FACEBOOK", null, false);
        String reference = filed.reference();

        assertEquals(303, open(TestData.ADMIN, reference).send("prioriteit", Map.of("priority", "URGENT")).statusCode());
        assertEquals("URGENT", TicketsApi.detail(reference).getString("priority"));

        Response noReason = open(TestData.ADMIN, reference).send("doorsturen", Map.of("function", "CARE_BROKER", "reason", ""));
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.asString().contains("<option value=\"CARE_BROKER\" selected>"));
        assertEquals(303, open(TestData.ADMIN, reference)
                .send("doorsturen", Map.of("function", "CARE_BROKER", "reason", "Gaat over zorg")).statusCode());
        assertEquals("CARE_BROKER", TicketsApi.detail(reference).getString("routing.function"));

        String unit = unit();
        Response both = open(TestData.ADMIN, reference).send("escaleren",
                Map.of("unit", unit, "managerEmail", "iemand@sgl-zorg.nl", "reason", "Loopt uit de hand"));
        assertEquals(400, both.statusCode(), "a unit or an address, not both");
        assertEquals(303, open(TestData.ADMIN, reference)
                .send("escaleren", Map.of("unit", unit, "managerEmail", "", "reason", "Loopt uit de hand")).statusCode());
        JsonPath escalated = TicketsApi.detail(reference);
        assertEquals("ESCALATED", escalated.getString("status"));
        assertEquals("Loopt uit de hand", escalated.getString("escalations[0].reason"));
        assertTrue(open(TestData.ADMIN, reference).html().contains("Niveau 1"));

        Shown page = open(TestData.ADMIN, other.reference());
        assertEquals(303, page.send("samenvoegen", Map.of("into", reference)).statusCode());
        assertEquals("MERGED", TicketsApi.detail(other.reference()).getString("status"));
        Shown merged = open(TestData.ADMIN, other.reference());
        assertTrue(merged.html().contains("id=\"unmerge\""));
        assertEquals(303, merged.send("splitsen", Map.of()).statusCode());
        assertEquals("NEW", TicketsApi.detail(other.reference()).getString("status"));
    }

    @Test
    void shouldLogOneReadPerPageViewAndEachScreenshotAsTheApiDoes() {
        Filed filed = file("EMPLOYMENT", "FACEBOOK", null, true);
        TestData.api().header("X-Tracking-Token", filed.token())
                .multiPart("file", "bericht.png", TestImages.png(64, 40), "image/png")
                .post("/api/signals/{reference}/evidence", filed.reference()).then().statusCode(201);
        long evidenceId = TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", filed.reference())
                .then().statusCode(200).extract().jsonPath().getLong("[0].id");
        String user = TestData.createUser(List.of("communicatie"), null, null);

        Shown page = open(user, filed.reference());
        assertEquals(List.of("VIEW_TICKET"), log(user, filed.reference()), "one view, one entry");
        String thumbnail = "/beheer/meldingen/" + filed.reference() + "/bewijs/" + evidenceId;
        assertTrue(page.html().contains("src=\"" + thumbnail + "\""), page.html());

        // A successful action writes no read of its own; the page it leads to does.
        Response note = page.send("notitie", Map.of("text", "Gezien"));
        assertEquals(303, note.statusCode());
        assertEquals(List.of("VIEW_TICKET"), log(user, filed.reference()));
        signedIn(user).get(note.header("Location")).then().statusCode(200);
        assertEquals(List.of("VIEW_TICKET", "VIEW_TICKET"), log(user, filed.reference()));

        byte[] image = signedIn(user).header("Sec-Fetch-Site", "same-origin").get(thumbnail)
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertTrue(image.length > 0);
        assertEquals(List.of("VIEW_EVIDENCE", "VIEW_TICKET", "VIEW_TICKET"), log(user, filed.reference()));

        // Another site cannot make a browser load it (and write the log in this user's name).
        signedIn(user).header("Sec-Fetch-Site", "cross-site").get(thumbnail).then().statusCode(403);
        signedIn(user).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Dest", "image")
                .get("/beheer/meldingen/" + filed.reference()).then().statusCode(403);
        signedIn(user).get("/beheer/meldingen/" + filed.reference() + "/bewijs/999999999").then().statusCode(404);
        assertEquals(3, log(user, filed.reference()).size());
        // A link from elsewhere (an e-mail, a chat) still opens the page.
        signedIn(user).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Dest", "document")
                .get("/beheer/meldingen/" + filed.reference()).then().statusCode(200);
    }

    // -- helpers

    static RequestSpecification signedIn(String user) {
        String password = user.equals(TestData.ADMIN) ? TestData.ADMIN_PASSWORD : TestData.STAFF_PASSWORD;
        return given().auth().preemptive().basic(user, password);
    }

    static Shown open(String user, String reference) {
        String path = "/beheer/meldingen/" + reference;
        Response page = signedIn(user).get(path);
        page.then().statusCode(200).contentType(containsString("text/html"))
                .body(not(containsString("Exception")));
        String html = page.asString();
        Matcher version = VERSION.matcher(html);
        return new Shown(user, path, html, page.cookie("meldpunt-csrf"), match(TOKEN, html),
                version.find() ? version.group(1) : "");
    }

    static Filed file(String topic, String platform, String url, boolean named) {
        return file(topic, platform, url, named, TicketsApi.uniqueWord());
    }

    static Filed file(String topic, String platform, String url, boolean named, String word) {
        Map<String, Object> signal = TestData.signal("MENTION", platform);
        signal.put("topic", topic);
        signal.put("description", "Er wordt over SGL geschreven, kenmerk " + word + ".");
        if (url != null) {
            signal.put("url", url);
        }
        if (named) {
            signal.put("reporter", Map.of("name", "Melder Jansen", "email",
                    TestData.unique("melder").toLowerCase() + "@example.org", "relation", "EMPLOYEE"));
        }
        Response receipt = given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().response();
        return new Filed(receipt.path("reference"), receipt.path("trackingToken"));
    }

    static void reporterMessage(Filed filed, String text) {
        given().header("X-Tracking-Token", filed.token()).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/api/signals/{reference}/messages", filed.reference()).then().statusCode(201);
    }

    /** What the reporter sees with the tracking code. */
    static String track(Filed filed) {
        return given().header("X-Tracking-Token", filed.token()).get("/api/signals/{reference}", filed.reference())
                .then().statusCode(200).extract().asString();
    }

    static String unit() {
        return TestData.createUnit("Chef " + TestData.unique("chef"), TestData.unique("chef").toLowerCase() + "@sgl-zorg.nl");
    }

    /** This user's access-log entries on this ticket, newest first. */
    static List<String> log(String user, String reference) {
        return TestData.asCommunicatie().get("/api/access-log?user={user}&ticket={reference}", user, reference)
                .then().statusCode(200).extract().jsonPath().getList("action");
    }

    static String match(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        assertTrue(matcher.find(), "not on the page: " + pattern);
        return matcher.group(1);
    }

    /** The ticket as the API shows it to communicatie. */
    static final class TicketsApi {

        static String uniqueWord() {
            return "zw" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        }

        static JsonPath detail(String reference) {
            return TestData.asCommunicatie().get("/api/tickets/{reference}", reference).then().statusCode(200)
                    .extract().jsonPath();
        }

        static long version(String reference) {
            return detail(reference).getLong("version");
        }

        static String events(String reference) {
            return TestData.asCommunicatie().get("/api/tickets/{reference}/events", reference).then().statusCode(200)
                    .extract().asString();
        }
    }
}
