package nl.sglzorg.meldpunt.ticket;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Plans;
import nl.sglzorg.meldpunt.support.Signals.Filed;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Tickets;
import nl.sglzorg.meldpunt.webhook.HeldFiling;
import nl.sglzorg.meldpunt.webhook.Webhooks;

/**
 * Many reports of one post become one ticket: folding at filing by normalised URL, the duplicate's
 * reporter following the surviving ticket, and merging and unmerging by hand.
 */
@QuarkusTest
class DuplicatesAndMergeTest {

    private static final String MERGED_LABEL = "Samengevoegd met een andere melding";

    @Inject
    DataSource dataSource;

    @Inject
    Webhooks webhooks;

    @Test
    void shouldFoldVariantsOfOneFacebookPostIntoTheFirstTicket() {
        String post = Tickets.uniqueWord();
        Filed first = fileUrl("https://www.facebook.com/sglzorg/posts/" + post);
        first.receipt().then().body("status", equalTo("NEW")).body("joinedExisting", equalTo(false));

        List<String> variants = List.of(
                "http://www.facebook.com/sglzorg/posts/" + post,
                "https://WWW.FACEBOOK.COM/sglzorg/posts/" + post,
                "https://m.facebook.com/sglzorg/posts/" + post,
                "https://facebook.com/sglzorg/posts/" + post,
                "https://www.facebook.com/sglzorg/posts/" + post + "?utm_source=whatsapp&utm_medium=share",
                "https://www.facebook.com/sglzorg/posts/" + post + "?fbclid=IwAR0abcdefGHIJ",
                "https://www.facebook.com/sglzorg/posts/" + post + "/");
        List<String> duplicates = new ArrayList<>();
        for (String url : variants) {
            Filed duplicate = fileUrl(url);
            duplicate.receipt().then()
                    .body("joinedExisting", equalTo(true))
                    .body("status", equalTo("MERGED"))
                    .body("publicStatus", equalTo(MERGED_LABEL));
            assertNotEquals(first.reference(), duplicate.reference(), url);
            duplicates.add(duplicate.reference());
        }

        JsonPath survivor = Tickets.detail(first.reference());
        assertEquals("NEW", survivor.getString("status"));
        assertEquals(duplicates, survivor.getList("duplicates"));
        assertEquals(1 + variants.size(), survivor.getInt("reporterCount"));
        assertNull(survivor.get("duplicateOf"));
        assertEquals(duplicates, Tickets.events(first.reference()).stream()
                .filter(e -> "DUPLICATE_ATTACHED".equals(e.get("type"))).map(e -> e.get("newValue")).toList());
        // Each duplicate points at the survivor, and its history tells its filing before the fold.
        for (String duplicate : duplicates) {
            assertEquals(List.of("FILED", "ROUTED", "STATUS_CHANGED", "MERGED"), Tickets.events(duplicate).stream()
                    .map(e -> e.get("type")).filter(type -> !"EMAIL_QUEUED".equals(type)).limit(4).toList());
            JsonPath detail = Tickets.detail(duplicate);
            assertEquals("MERGED", detail.getString("status"));
            assertEquals(first.reference(), detail.getString("duplicateOf"));
            assertEquals(List.of(), detail.getList("duplicates"));
        }
        // The queue shows the same: found by the post's id in their URLs, newest first.
        JsonPath queue = asCommunicatie().queryParam("q", post).get("/api/tickets")
                .then().statusCode(200).extract().jsonPath();
        List<String> newestFirst = new ArrayList<>(duplicates);
        newestFirst.add(0, first.reference());
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, queue.getList("items.reference"));
        for (Map<String, Object> row : queue.<Map<String, Object>>getList("items")) {
            boolean isFirst = first.reference().equals(row.get("reference"));
            assertEquals(isFirst ? null : first.reference(), row.get("duplicateOf"));
            assertEquals(isFirst ? "NEW" : "MERGED", row.get("status"));
        }
    }

    @Test
    void shouldFoldTwitterAndXLinksOfOnePost() {
        String status = Long.toString(System.nanoTime());
        Filed first = fileUrl("https://twitter.com/sglzorg/status/" + status);

        for (String url : List.of("https://x.com/sglzorg/status/" + status,
                "https://mobile.twitter.com/sglzorg/status/" + status + "?s=20&t=AbCdEf",
                "https://www.x.com/sglzorg/status/" + status + "/")) {
            assertJoined(fileUrl(url), first.reference());
        }
        assertEquals(4, Tickets.detail(first.reference()).getInt("reporterCount"));
    }

    @Test
    void shouldNotFoldDifferentPostsOrSignalsWithoutUrl() {
        String post = Tickets.uniqueWord();
        Filed first = fileUrl("https://www.facebook.com/sglzorg/posts/" + post);

        fileUrl("https://www.facebook.com/sglzorg/posts/" + post + "0").receipt().then()
                .body("status", equalTo("NEW")).body("joinedExisting", equalTo(false));
        fileUrl("https://www.instagram.com/sglzorg/posts/" + post).receipt().then()
                .body("status", equalTo("NEW")).body("joinedExisting", equalTo(false));
        String word = Tickets.uniqueWord();
        Tickets.file(Tickets.signal(word)).receipt().then().body("status", equalTo("NEW"));
        Tickets.file(Tickets.signal(word)).receipt().then().body("status", equalTo("NEW"));

        assertEquals(1, Tickets.detail(first.reference()).getInt("reporterCount"));
    }

    @Test
    void shouldFoldOnlyTheSameSignalToTheSamePeopleIntoTheOpenTicketOfItsPost() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed mention = fileUrl(url);

        // A threat about the same post is a signal of its own: urgent, with its own deadlines and handlers.
        Map<String, Object> threat = Tickets.signal("THREAT", "FACEBOOK", Tickets.uniqueWord());
        threat.put("url", url);
        Filed threatened = Tickets.file(threat);
        threatened.receipt().then().body("joinedExisting", equalTo(false)).body("status", equalTo("NEW"));
        JsonPath ownTicket = Tickets.detail(threatened.reference());
        assertNull(ownTicket.get("duplicateOf"));
        assertNotEquals(Tickets.detail(mention.reference()).getString("priority"), ownTicket.getString("priority"),
                "the threat keeps its own priority");

        // So is a client's report of unwanted contact that names their begeleider, even a second one.
        Map<String, Object> contact = Tickets.signal("UNWANTED_CONTACT", "FACEBOOK", Tickets.uniqueWord());
        contact.put("url", url);
        contact.put("reporter", Map.of("relation", "CLIENT", "careWorkerEmail", "begeleider@sgl-zorg.nl"));
        Filed first = Tickets.file(contact);
        Tickets.file(contact).receipt().then().body("joinedExisting", equalTo(false));
        first.receipt().then().body("joinedExisting", equalTo(false));

        // Another mention of it joins the mention, though a newer ticket of the post is open too.
        assertJoined(fileUrl(url), mention.reference());
        assertEquals(2, Tickets.detail(mention.reference()).getInt("reporterCount"));
        assertEquals(1, Tickets.detail(threatened.reference()).getInt("reporterCount"));
    }

    @Test
    void shouldNotFoldAReportWhoseUnitManagerIsToldIntoOneWhoseIsNot() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Map<String, Object> derailed = Tickets.signal("DERAILED_DISCUSSION", "FACEBOOK", Tickets.uniqueWord());
        derailed.put("url", url);
        Filed anonymous = Tickets.file(derailed);

        // An employee of a unit reports the same discussion: their manager is to be told (policy:
        // "neem dan contact op met je leidinggevende"), so it is a ticket of its own.
        Map<String, Object> fromUnit = new java.util.HashMap<>(derailed);
        fromUnit.put("reporter", Map.of("relation", "EMPLOYEE",
                "unit", TestData.createUnit("Lia Leiding", "leiding." + System.nanoTime() + "@sgl-zorg.nl")));
        Filed employee = Tickets.file(fromUnit);
        employee.receipt().then().body("joinedExisting", equalTo(false));
        assertNull(Tickets.detail(employee.reference()).get("duplicateOf"));
        assertTrue(Tickets.detail(employee.reference()).getList("routing.informed.kind").contains("UNIT_MANAGER"),
                Tickets.detail(employee.reference()).prettify());

        // Another anonymous report of it, told to the same people, joins the first.
        assertJoined(Tickets.file(derailed), anonymous.reference());
    }

    @Test
    void shouldFoldAReportIntoTheTicketOfItsPostAfterStaffMovedIt() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed first = fileUrl(url);
        moveTo(first.reference(), "HR_REPRESENTATIVE");

        // Routed as the first report was filed, the next joins it where staff moved it, and nothing goes back.
        assertJoined(fileUrl(url), first.reference());
        JsonPath survivor = Tickets.detail(first.reference());
        assertEquals(2, survivor.getInt("reporterCount"));
        assertEquals("HR_REPRESENTATIVE", survivor.getString("routing.function"));

        // A report routed straight to where it was moved (the topic is HRM's) joins it too.
        Map<String, Object> aboutWork = signalWithUrl(url);
        aboutWork.put("topic", "EMPLOYMENT");
        Filed routedThere = Tickets.file(aboutWork);
        assertEquals("HR_REPRESENTATIVE", Tickets.detail(routedThere.reference()).getString("routing.function"));
        assertJoined(routedThere, first.reference());

        // Moved once more, it is still compared with its filing, not with the function it passed through.
        moveTo(first.reference(), "CARE_BROKER");
        assertJoined(fileUrl(url), first.reference());
        assertEquals(4, Tickets.detail(first.reference()).getInt("reporterCount"));
        Filed passedThrough = Tickets.file(aboutWork);
        passedThrough.receipt().then().body("joinedExisting", equalTo(false));
    }

    @Test
    void shouldLetEachDuplicateFollowTheSurvivingTicketWithItsOwnReferenceAndToken() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed first = fileUrl(url);
        Filed duplicate = fileUrl(url + "?fbclid=abc");
        assertJoined(duplicate, first.reference());

        Tickets.move(first.reference(), "TRIAGED");
        assertEquals("In behandeling", Tickets.track(duplicate).path("publicStatus"));
        assertEquals(duplicate.reference(), Tickets.track(duplicate).path("reference"));

        // The survivor waits for its own reporter, not for this one: to them it is being handled.
        Tickets.transition(first.reference(), "WAITING", "Wacht op meer informatie").then().statusCode(200);
        assertEquals("In behandeling", Tickets.track(duplicate).path("publicStatus"));
        assertEquals("Wacht op jouw reactie", Tickets.track(first).path("publicStatus"));

        // The duplicate's reporter adds something with their own token; staff see it on the survivor,
        // which keeps waiting for its own reporter (see the test below).
        Tickets.reporterMessage(duplicate, "Ik heb een schermafbeelding.").then().statusCode(201);
        assertEquals("WAITING", Tickets.status(first.reference()));
        assertTrue(Tickets.events(first.reference()).stream()
                .anyMatch(e -> "DUPLICATE_REPORTER_MESSAGE".equals(e.get("type"))
                        && duplicate.reference().equals(e.get("newValue"))
                        && "Ik heb een schermafbeelding.".equals(e.get("text"))));
        assertEquals("In behandeling", Tickets.track(duplicate).path("publicStatus"));

        Tickets.move(first.reference(), "IN_PROGRESS");
        Tickets.move(first.reference(), "RESOLVED");
        JsonPath tracked = Tickets.track(duplicate).jsonPath();
        assertEquals("Afgehandeld", tracked.getString("publicStatus"));
        assertEquals(List.of("Ontvangen", MERGED_LABEL, "In behandeling", "Afgehandeld"), tracked.<Map<String, Object>>getList("updates").stream()
                        .filter(u -> "STATUS".equals(u.get("kind"))).map(u -> u.get("publicStatus")).toList());

        // A token opens its own reference only.
        given().header(Tickets.TOKEN_HEADER, duplicate.token())
                .get("/api/signals/{reference}", first.reference())
                .then().statusCode(404);
    }

    @Test
    void shouldTellTheFilerOnlyThatTheirSignalJoinedAnExistingReport() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed first = fileUrl(url);
        first.receipt().then().body("joinedExisting", equalTo(false)).body("$", not(hasKey("duplicateOf")));

        Filed duplicate = fileUrl(url + "?utm_source=whatsapp");

        // Anyone can file: the receipt must not hand them another ticket's reference.
        assertJoined(duplicate, first.reference());
        duplicate.receipt().then().body("status", equalTo("MERGED")).body("publicStatus", equalTo(MERGED_LABEL));
    }

    @Test
    void shouldNotRestartTheSurvivorsClockWhenADuplicatesReporterWrites() {
        // The survivor waits for its own reporter; a message on a duplicate (folded at filing or
        // merged by hand) reaches staff but does not end that wait nor move the deadlines.
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed survivor = fileUrl(url);
        Filed folded = fileUrl(url);
        Filed merged = Tickets.file();
        Tickets.merge(merged.reference(), survivor.reference()).then().statusCode(200);
        Tickets.move(survivor.reference(), "WAITING");
        JsonPath waiting = Tickets.detail(survivor.reference());
        assertEquals("PAUSED", waiting.getString("resolutionStatus"));

        for (Filed duplicate : List.of(folded, merged)) {
            String text = "Nog een schermafbeelding van " + duplicate.reference();
            Tickets.reporterMessage(duplicate, text).then().statusCode(201);

            JsonPath after = Tickets.detail(survivor.reference());
            assertEquals("WAITING", after.getString("status"), duplicate.reference());
            assertEquals("PAUSED", after.getString("resolutionStatus"), duplicate.reference());
            assertEquals(waiting.getString("resolutionDue"), after.getString("resolutionDue"));
            assertEquals(waiting.getString("firstResponseDue"), after.getString("firstResponseDue"));
            List<Map<String, Object>> events = Tickets.events(survivor.reference());
            assertTrue(events.stream().anyMatch(e -> "DUPLICATE_REPORTER_MESSAGE".equals(e.get("type"))
                    && text.equals(e.get("text"))), "staff see the message on the survivor");
            assertTrue(events.stream().noneMatch(e -> "DEADLINES_SHIFTED".equals(e.get("type"))
                    || "STATUS_CHANGED".equals(e.get("type")) && "melder".equals(e.get("actor"))), events.toString());
        }

        // The survivor's own reporter does end the wait.
        Tickets.reporterMessage(survivor, "Hier is wat jullie vroegen.").then().statusCode(201);
        assertEquals("IN_PROGRESS", Tickets.status(survivor.reference()));
    }

    @Test
    void shouldNotFoldIntoARejectedResolvedOrClosedTicket() {
        for (String finalStatus : List.of("REJECTED", "RESOLVED", "CLOSED")) {
            String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
            Filed old = fileUrl(url);
            Tickets.bringTo(old.reference(), finalStatus);

            Filed again = fileUrl(url);
            again.receipt().then()
                    .body("status", equalTo("NEW"))
                    .body("joinedExisting", equalTo(false));
            // The new ticket is the open one now: the next report joins it, not the old one.
            assertJoined(fileUrl(url + "/"), again.reference());
            assertEquals(1, Tickets.detail(old.reference()).getInt("reporterCount"), finalStatus);
        }
    }

    @Test
    void shouldFoldIntoATicketThatIsStillOpen() {
        for (String openStatus : List.of("TRIAGED", "IN_PROGRESS", "WAITING")) {
            String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
            Filed first = fileUrl(url);
            Tickets.bringTo(first.reference(), openStatus);

            assertJoined(fileUrl(url), first.reference());
            // Folding writes only events to the survivor: its status stays.
            assertEquals(openStatus, Tickets.status(first.reference()));
        }
    }

    @Test
    void shouldFoldManySimultaneousReportsWithoutLosingOne() throws Exception {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed first = fileUrl(url);
        int reporters = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(reporters);
        try {
            List<Future<String>> duplicates = new ArrayList<>();
            for (int i = 0; i < reporters; i++) {
                Callable<String> report = () -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(signalWithUrl(url + "?utm_source=x"))
                            .post("/api/signals")
                            .then().statusCode(201)
                            .body("joinedExisting", equalTo(true))
                            .extract().path("reference");
                };
                duplicates.add(pool.submit(report));
            }
            start.countDown();
            List<String> references = new ArrayList<>();
            for (Future<String> duplicate : duplicates) {
                references.add(duplicate.get());
            }
            assertEquals(reporters, new HashSet<>(references).size());
            JsonPath survivor = Tickets.detail(first.reference());
            assertEquals(1 + reporters, survivor.getInt("reporterCount"));
            assertEquals(new HashSet<>(references), new HashSet<>(survivor.getList("duplicates")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldFoldAReportThatArrivesWhileTheFirstReportOfItsPostIsStillBeingFiled() throws Exception {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        HeldFiling held = HeldFiling.install(webhooks);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Filed> first = pool.submit(() -> fileUrl(url));
            held.awaitHeld();
            // It waits for the first, held for longer than H2's own lock wait, and then joins it.
            String second = given().contentType(ContentType.JSON).body(signalWithUrl(url)).post("/api/signals")
                    .then().statusCode(201).body("joinedExisting", equalTo(true))
                    .extract().path("reference");
            assertEquals(List.of(second), Tickets.detail(first.get().reference()).getList("duplicates"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldFoldSimultaneousFirstReportsOfOnePostIntoOneTicket() throws Exception {
        // A viral post: the first reports arrive together, before any ticket about it exists.
        for (int round = 0; round < 3; round++) {
            String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
            int reporters = 10;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(reporters);
            try {
                List<Future<JsonPath>> receipts = new ArrayList<>();
                for (int i = 0; i < reporters; i++) {
                    Callable<JsonPath> report = () -> {
                        start.await();
                        return given().contentType(ContentType.JSON).body(signalWithUrl(url))
                                .post("/api/signals")
                                .then().statusCode(201)
                                .extract().jsonPath();
                    };
                    receipts.add(pool.submit(report));
                }
                start.countDown();
                List<String> originals = new ArrayList<>();
                List<String> joined = new ArrayList<>();
                for (Future<JsonPath> receipt : receipts) {
                    JsonPath answer = receipt.get();
                    if (!answer.getBoolean("joinedExisting")) {
                        originals.add(answer.getString("reference"));
                    } else {
                        joined.add(Tickets.detail(answer.getString("reference")).getString("duplicateOf"));
                    }
                }
                assertEquals(1, originals.size(), "one ticket for one post, got " + originals);
                assertEquals(new HashSet<>(originals), new HashSet<>(joined), "every other report joins it");
                assertEquals(reporters, Tickets.detail(originals.get(0)).getInt("reporterCount"));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shouldMergeByHandAndLetTheReporterFollowTheSurvivor() {
        Filed survivor = Tickets.file();
        Filed merged = Tickets.file();
        Tickets.move(merged.reference(), "TRIAGED");

        Tickets.merge(merged.reference(), survivor.reference())
                .then().statusCode(200)
                .body("status", equalTo("MERGED"))
                .body("duplicateOf", equalTo(survivor.reference()));

        JsonPath detail = Tickets.detail(survivor.reference());
        assertEquals(List.of(merged.reference()), detail.getList("duplicates"));
        assertEquals(2, detail.getInt("reporterCount"));
        Map<String, Object> mergedEvent = last(Tickets.events(merged.reference()), "MERGED");
        assertEquals(survivor.reference(), mergedEvent.get("newValue"));
        assertEquals("communicatie", mergedEvent.get("actor"));
        assertEquals(merged.reference(), last(Tickets.events(survivor.reference()), "DUPLICATE_ATTACHED").get("newValue"));

        // The merged ticket's reporter now follows the survivor.
        assertEquals("Ontvangen", Tickets.track(merged).path("publicStatus"));
        Tickets.transition(survivor.reference(), "WAITING", "Graag meer informatie").then().statusCode(200);
        assertEquals("In behandeling", Tickets.track(merged).path("publicStatus"), "the wait is for the survivor's reporter");
    }

    @Test
    void shouldTakeTheDuplicatesOfAMergedTicketAlong() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed first = fileUrl(url);
        Filed folded = fileUrl(url);
        Filed target = Tickets.file();

        Tickets.merge(first.reference(), target.reference()).then().statusCode(200);

        JsonPath survivor = Tickets.detail(target.reference());
        assertEquals(new HashSet<>(List.of(first.reference(), folded.reference())),
                new HashSet<>(survivor.getList("duplicates")));
        assertEquals(3, survivor.getInt("reporterCount"));
        assertEquals(target.reference(), Tickets.detail(folded.reference()).getString("duplicateOf"));
        assertEquals(List.of(), Tickets.detail(first.reference()).getList("duplicates"));
        Tickets.move(target.reference(), "TRIAGED");
        assertEquals("In behandeling", Tickets.track(folded).path("publicStatus"));
    }

    @Test
    void shouldNeverMergeTwoTicketsIntoEachOther() throws Exception {
        // Two colleagues each merge one of a pair into the other at the same moment: one must win.
        // A race shows only now and then, so try many pairs.
        for (int round = 0; round < 20; round++) {
            String a = Tickets.file().reference();
            String b = Tickets.file().reference();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> aIntoB = pool.submit(() -> {
                    start.await();
                    return Tickets.merge(a, b).statusCode();
                });
                Future<Integer> bIntoA = pool.submit(() -> {
                    start.await();
                    return Tickets.merge(b, a).statusCode();
                });
                start.countDown();
                List<Integer> answers = List.of(aIntoB.get(), bIntoA.get());

                assertEquals(List.of(200, 409), answers.stream().sorted().toList(), "round " + round);
                List<String> statuses = List.of(Tickets.status(a), Tickets.status(b));
                assertEquals(List.of("MERGED", "NEW"), statuses.stream().sorted().toList(),
                        "exactly one survives, round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void shouldRefuseAMergeIntoItselfOrAnUnknownTicket() {
        String reference = Tickets.file().reference();
        long version = Tickets.version(reference);

        Tickets.merge(reference, reference).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("into"));
        Tickets.merge(reference, "SGL-1999-999999").then().statusCode(400)
                .body("violations.field", hasItem("into"));
        asCommunicatie().contentType(ContentType.JSON).body(Map.of())
                .post("/api/tickets/{reference}/merge", reference)
                .then().statusCode(400)
                .body("violations.field", hasItem("into"));

        assertEquals("NEW", Tickets.status(reference));
        assertEquals(version, Tickets.version(reference));
    }

    @Test
    void shouldRefuseToMergeATicketWhoseStatusDoesNotAllowIt() {
        String into = Tickets.file().reference();
        for (String status : List.of("RESOLVED", "REJECTED", "CLOSED", "MERGED")) {
            String reference = Tickets.file().reference();
            Tickets.bringTo(reference, status);
            long version = Tickets.version(reference);

            Tickets.merge(reference, into).then().statusCode(409)
                    .contentType("application/problem+json");

            assertEquals(status, Tickets.status(reference));
            assertEquals(version, Tickets.version(reference));
        }
        assertEquals(1, Tickets.detail(into).getInt("reporterCount"));
    }

    @Test
    void shouldRefuseToMergeIntoATicketThatIsItselfMerged() {
        String reference = Tickets.file().reference();
        String merged = Tickets.file().reference();
        Tickets.bringTo(merged, "MERGED");

        Tickets.merge(reference, merged).then().statusCode(409);
        assertEquals("NEW", Tickets.status(reference));
    }

    @Test
    void shouldLetOnlyCommunicatieMerge() {
        String into = Tickets.file().reference();
        String reference = Tickets.file().reference();
        String functionaris = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);

        TestData.as(functionaris).contentType(ContentType.JSON).body(Map.of("into", into))
                .post("/api/tickets/{reference}/merge", reference)
                .then().statusCode(403);
        assertEquals("NEW", Tickets.status(reference));

        Tickets.merge(reference, into).then().statusCode(200);
        TestData.as(functionaris).delete("/api/tickets/{reference}/merge", reference)
                .then().statusCode(403);
        assertEquals("MERGED", Tickets.status(reference));
    }

    @Test
    void shouldUndoAMergeRestoringThePreviousStatus() {
        Filed survivor = Tickets.file();
        Filed merged = Tickets.file();
        Tickets.move(merged.reference(), "IN_PROGRESS");
        Tickets.merge(merged.reference(), survivor.reference()).then().statusCode(200);

        Tickets.unmerge(merged.reference())
                .then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("duplicateOf", equalTo(null));

        JsonPath detail = Tickets.detail(survivor.reference());
        assertEquals(List.of(), detail.getList("duplicates"));
        assertEquals(1, detail.getInt("reporterCount"));
        assertEquals("UNMERGED", last(Tickets.events(merged.reference()), "UNMERGED").get("type"));
        assertEquals(merged.reference(),
                last(Tickets.events(survivor.reference()), "DUPLICATE_DETACHED").get("oldValue"));
        // The reporter follows their own ticket again, and it takes work again.
        Tickets.move(survivor.reference(), "REJECTED");
        assertEquals("In behandeling", Tickets.track(merged).path("publicStatus"));
        Tickets.move(merged.reference(), "RESOLVED");
        assertEquals("Afgehandeld", Tickets.track(merged).path("publicStatus"));
    }

    @Test
    void shouldUndoAFoldingAtFilingBackToNew() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Filed first = fileUrl(url);
        Filed folded = fileUrl(url);

        Tickets.unmerge(folded.reference()).then().statusCode(200).body("status", equalTo("NEW"));

        assertEquals(List.of(), Tickets.detail(first.reference()).getList("duplicates"));
        assertEquals("Ontvangen", Tickets.track(folded).path("publicStatus"));
    }

    @Test
    void shouldRefuseToUndoAMergeOfATicketThatIsNotMerged() {
        String reference = Tickets.file().reference();
        Tickets.move(reference, "TRIAGED");
        long version = Tickets.version(reference);

        Tickets.unmerge(reference).then().statusCode(409)
                .contentType("application/problem+json");

        assertEquals("TRIAGED", Tickets.status(reference));
        assertEquals(version, Tickets.version(reference));
        // Nor twice.
        String other = Tickets.file().reference();
        Tickets.merge(reference, other).then().statusCode(200);
        Tickets.unmerge(reference).then().statusCode(200);
        Tickets.unmerge(reference).then().statusCode(409);
    }

    // ------------------------------------------------------------------------------------------

    /** Staff move the ticket to {@code function} by hand. */
    private static void moveTo(String reference, String function) {
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("function", function, "reason", "Hoort bij " + function))
                .put("/api/tickets/{reference}/routing", reference).then().statusCode(200)
                .body("routing.function", equalTo(function));
    }

    private static Map<String, Object> signalWithUrl(String url) {
        Map<String, Object> signal = Tickets.signal("MENTION", "FACEBOOK", Tickets.uniqueWord());
        signal.put("url", url);
        return signal;
    }

    private static Filed fileUrl(String url) {
        return Tickets.file(signalWithUrl(url));
    }

    /** The receipt says only that the signal joined an open report; staff see which one. */
    private static void assertJoined(Filed duplicate, String survivor) {
        duplicate.receipt().then().body("joinedExisting", equalTo(true)).body("$", not(hasKey("duplicateOf")));
        assertFalse(duplicate.receipt().asString().contains(survivor),
                "the receipt names the other ticket: " + duplicate.receipt().asString());
        assertEquals(survivor, Tickets.detail(duplicate.reference()).getString("duplicateOf"));
    }

    private static Map<String, Object> last(List<Map<String, Object>> events, String type) {
        List<Map<String, Object>> matching = events.stream().filter(e -> type.equals(e.get("type"))).toList();
        assertTrue(!matching.isEmpty(), "no " + type + " event");
        return matching.get(matching.size() - 1);
    }

    /**
     * The look-up every filing with a URL makes (the oldest open ticket of the post) goes through the
     * index on the URL, also on a PostgreSQL table that has no statistics yet, as a new database has
     * until autovacuum first analyses it. Such a table is costed as tiny, every index alike: with the
     * open and no-duplicate conditions and {@code ORDER BY id} in the statement, PostgreSQL 15 walked
     * the index on {@code duplicate_of_id} at 1,000 tickets and the primary key at 20,000, reading
     * every ticket (V28's index alone did not settle it). A copy of the ticket table with its indexes,
     * never analysed, stands in for that database at both sizes; the statement is the one
     * {@code Ticket.findOpenWithUrl} runs.
     */
    @Test
    void shouldFindTheOpenTicketOfAPostThroughItsIndexOnATableWithoutStatistics() throws SQLException {
        Filed filed = fileUrl("https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord());
        List<String> plans = new ArrayList<>();
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            Assumptions.assumeTrue(db.getMetaData().getDatabaseProductName().equals("PostgreSQL"), "PostgreSQL's plans");
            statement.execute("CREATE TEMPORARY TABLE ticket_unanalysed (LIKE ticket INCLUDING INDEXES)");
            try {
                int copied = 0;
                for (int size : new int[] {1_000, 20_000}) {
                    statement.execute("INSERT INTO ticket_unanalysed SELECT (jsonb_populate_record(t, jsonb_build_object("
                            + "'id', g, 'reference', 'P-' || g, 'normalized_url', 'https://example.org/' || g))).*"
                            + " FROM ticket t, generate_series(" + (copied + 1) + ", " + size + ") g"
                            + " WHERE t.reference = '" + filed.reference() + "'");
                    copied = size;
                    plans.add(Plans.explain(statement, "SELECT id, status, duplicate_of_id, reference, category,"
                            + " routed_function, manager_unit FROM ticket_unanalysed"
                            + " WHERE normalized_url = 'https://example.org/nobody'"));
                }
            } finally {
                statement.execute("DROP TABLE ticket_unanalysed");
            }
        }
        for (String plan : plans) {
            assertTrue(plan.contains("Index Cond: ((normalized_url)::text = "), plan);
        }
    }
}
