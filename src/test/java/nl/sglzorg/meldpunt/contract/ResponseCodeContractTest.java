package nl.sglzorg.meldpunt.contract;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.as;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static nl.sglzorg.meldpunt.TestData.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.SlowUploads;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.notification.EmailStatus;
import nl.sglzorg.meldpunt.notification.OutboxEmail;
import nl.sglzorg.meldpunt.webhook.DeliveryStatus;
import nl.sglzorg.meldpunt.webhook.WebhookReceiver;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import nl.sglzorg.meldpunt.support.Signals;

/**
 * The status codes of {@code openapi/openapi.yaml} are exactly the ones the application gives.
 * <ol>
 * <li>Every documented code of every operation is provoked here by a concrete request (or is
 * {@link #EXEMPT exempt}, with the reason), so a code added to the contract without a way to get it
 * fails.</li>
 * <li>Every answer the application gives to any test class ({@link ResponseRecorder}) is documented
 * for its operation: checked after each class by {@link UndocumentedAnswers}, whatever the order, and
 * here for the check itself.</li>
 * </ol>
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResponseCodeContractTest {

    /** Documented codes no test can provoke on demand, with the reason. */
    static final Map<String, String> EXEMPT = Map.of(
            "POST /api/tickets/{reference}/notes 409",
            "concurrent-edit: only when someone else changes the ticket in the same moment",
            "PUT /api/tickets/{reference}/priority 409",
            "concurrent-edit: only when someone else changes the ticket in the same moment",
            "PUT /api/users/{username} 409",
            "only for the last account with role communicatie; every test run has several",
            "POST /api/signals 503",
            "only while the database cannot be reached: DatabaseUnreachableTest and the fault run of the benchmark");

    private static final String TOKEN = "X-Tracking-Token";
    private static final String PROBLEM_JSON = ProblemAssertions.PROBLEM_JSON;
    private static final String UNKNOWN_REFERENCE = "SGL-2000-999999";
    private static final String STALE = "\"999999\"";

    @Inject
    ResponseRecorder recorder;

    private final Contract contract = Contract.read();

    /** Where a request goes: a path with its values filled in, and headers it needs (a tracking token). */
    record Target(String path, Map<String, String> headers) {
        static Target of(String path) {
            return new Target(path, Map.of());
        }
    }

    /**
     * One operation, as this test drives it: a fresh valid target and body for each call, a target
     * that does not exist, and the status a valid request as communicatie gets.
     */
    record Op(String operation, Supplier<Target> fresh, Target unknown, Supplier<Map<String, Object>> body,
            int success) {

        String method() {
            return operation.substring(0, operation.indexOf(' '));
        }
    }

    /** One documented code and the request that provokes it. */
    record Row(String operation, int status, Supplier<Response> request) {
        String key() {
            return operation + " " + status;
        }
    }

    // --- fixtures, made once per run of this class ------------------------------------------------

    private String functionaris;
    private String informedExecutive;
    private Locked locked;
    private String contactFunction;

    @Test
    @Order(1)
    void shouldGiveEveryDocumentedCode() {
        functionaris = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);
        informedExecutive = TestData.createUser(List.of("functionaris"), "EXECUTIVE", null);
        locked = lockedUser();
        contactFunction = createFunction();

        List<Row> rows = rows();
        List<String> failures = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (Row row : rows) {
            covered.add(row.key());
            Response response = row.request().get();
            if (response.statusCode() != row.status()) {
                failures.add(row.key() + " got " + response.statusCode() + ": " + response.asString());
            } else if (row.status() >= 400 && !String.valueOf(response.contentType()).startsWith(PROBLEM_JSON)) {
                failures.add(row.key() + " is not " + PROBLEM_JSON + " but " + response.contentType());
            }
        }
        assertTrue(failures.isEmpty(), () -> "documented codes not given as documented:\n" + String.join("\n", failures));

        Set<String> documented = new TreeSet<>();
        contract.operations().forEach(op -> contract.codes(op).forEach(code -> documented.add(op + " " + code)));
        Set<String> withoutRow = new TreeSet<>(documented);
        withoutRow.removeAll(covered);
        withoutRow.removeAll(EXEMPT.keySet());
        assertEquals(Set.of(), withoutRow, "documented codes this test cannot provoke; add a row or an exemption");
        Set<String> rowWithoutCode = new TreeSet<>(covered);
        rowWithoutCode.addAll(EXEMPT.keySet());
        rowWithoutCode.removeAll(documented);
        assertEquals(Set.of(), rowWithoutCode, "rows and exemptions for codes openapi.yaml does not list");
    }

    @Test
    @Order(2)
    void shouldHaveRecordedTheAnswersAndFindAnUndocumentedCode() {
        Set<ResponseRecorder.Answer> seen = recorder.answers().keySet();
        assertTrue(seen.stream().anyMatch(a -> contract.operationOf(a.method(), a.path()).isPresent()),
                "the recorder saw no request to a documented operation");
        // What UndocumentedAnswers does after each class: a code the contract does not list is named.
        assertEquals(Map.of("GET /api/tickets 418", "/api/tickets"), UndocumentedAnswers.of(contract,
                List.of(new ResponseRecorder.Answer("GET", "/api/tickets", 418),
                        new ResponseRecorder.Answer("GET", "/api/tickets", 200),
                        new ResponseRecorder.Answer("GET", "/elsewhere", 418))));
    }

    // --- the table -----------------------------------------------------------------------------------

    /** One row per documented code; a specific row replaces the generic one for the same code. */
    private List<Row> rows() {
        Map<String, Op> ops = new LinkedHashMap<>();
        for (Op op : operations()) {
            ops.put(op.operation(), op);
        }
        assertEquals(contract.operations(), new TreeSet<>(ops.keySet()), "every operation has an Op");

        Map<String, Row> rows = new LinkedHashMap<>();
        for (Op op : ops.values()) {
            generic(op).forEach(row -> rows.put(row.key(), row));
        }
        specific(ops).forEach(row -> rows.put(row.key(), row));
        return List.copyOf(rows.values());
    }

    /** A target made once per operation, for the requests that are refused before they change anything. */
    private final Map<String, Target> shared = new HashMap<>();

    private Target shared(Op op) {
        return shared.computeIfAbsent(op.operation(), ignored -> {
            String template = op.operation().substring(op.method().length() + 1);
            if (template.startsWith("/api/tickets/{reference}")) {
                // Refused before anything changes, so one ticket serves every ticket operation; an
                // {id} is only looked up after the refusals these rows are about.
                return Target.of(template.replace("{reference}", sharedTicket()).replace("{id}", "1"));
            }
            if (template.equals("/api/notifications/{id}/retry")) {
                return Target.of("/api/notifications/1/retry");
            }
            return op.fresh().get();
        });
    }

    private String sharedTicket;

    private String sharedTicket() {
        if (sharedTicket == null) {
            sharedTicket = fileSignal();
        }
        return sharedTicket;
    }

    /** The codes every operation of a kind gives the same way. */
    private List<Row> generic(Op op) {
        String name = op.operation();
        Set<Integer> codes = contract.codes(name);
        boolean secured = !contract.isPublic(name);
        boolean hasBody = contract.hasBody(name);
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(name, op.success(), () -> send(asCommunicatie(), op, op.fresh().get(), op.body().get())));
        // A request a page on another site made: refused before anything else on every operation
        // (a specific 403 row below, or the role's, replaces this one).
        rows.add(new Row(name, 403, () -> send(asCommunicatie().header("Origin", "https://elders.example"), op,
                shared(op), op.body().get())));
        if (secured) {
            rows.add(new Row(name, 401, () -> send(TestData.api(), op, shared(op), op.body().get())));
            // A lock holds for the user name at the address it was earned from, never for the name alone.
            rows.add(new Row(name, 429, () -> send(as(locked.name()).header("X-Forwarded-For", locked.client()),
                    op, shared(op), op.body().get())));
            if (COMMUNICATIE_ONLY.contains(name)) {
                rows.add(new Row(name, 403, () -> send(as(functionaris), op, shared(op), op.body().get())));
            }
        }
        if (op.unknown() != null) {
            rows.add(new Row(name, 404, () -> send(asCommunicatie(), op, op.unknown(), op.body().get())));
        }
        if (codes.contains(412)) {
            rows.add(new Row(name, 412, () -> send(asCommunicatie().header("If-Match", STALE), op, shared(op),
                    op.body().get())));
        }
        // A NUL character anywhere in the address is refused before routing, on every operation.
        rows.add(new Row(name, 400, () -> send(asCommunicatie().urlEncodingEnabled(false), op,
                new Target(shared(op).path() + "?q=%00", shared(op).headers()), op.body().get())));
        if (hasBody && contract.isUpload(name)) {
            // No file part; an image over the size limit; a body that is not multipart.
            rows.add(new Row(name, 400, () -> asCommunicatie().headers(shared(op).headers())
                    .multiPart("opmerking", "geen bestand").request(op.method(), shared(op).path())));
            rows.add(new Row(name, 413, () -> asCommunicatie().headers(shared(op).headers())
                    .multiPart("file", "groot.png", Arrays.copyOf(TestImages.png(8, 8), 10 * 1024 * 1024 + 1),
                            "image/png")
                    .request(op.method(), shared(op).path())));
            rows.add(new Row(name, 415, () -> sendRaw(asCommunicatie().contentType(ContentType.TEXT), op,
                    shared(op), "Dit is geen afbeelding.")));
        } else if (hasBody) {
            rows.add(new Row(name, 400, () -> {
                Map<String, Object> body = new HashMap<>(op.body().get());
                body.put("onbekendVeld", 1);
                return send(asCommunicatie(), op, shared(op), body);
            }));
            rows.add(new Row(name, 413, () -> sendRaw(asCommunicatie().contentType(ContentType.JSON), op,
                    shared(op), "{\"text\":\"" + "x".repeat(70 * 1024) + "\"}")));
            rows.add(new Row(name, 415, () -> sendRaw(asCommunicatie().contentType(ContentType.TEXT), op,
                    shared(op), "Dit is geen JSON.")));
        }
        return rows;
    }

    /** Operations only communicatie may use: a functionaris gets 403. */
    private static final Set<String> COMMUNICATIE_ONLY = Set.of(
            "PUT /api/functions/{code}", "POST /api/functions/{code}/contacts",
            "PUT /api/functions/{code}/contacts/{id}", "DELETE /api/functions/{code}/contacts/{id}",
            "POST /api/units", "PUT /api/units/{code}",
            "GET /api/users", "POST /api/users", "GET /api/users/{username}", "PUT /api/users/{username}",
            "PUT /api/tickets/{reference}/routing", "PUT /api/tickets/{reference}/priority",
            "POST /api/tickets/{reference}/merge", "DELETE /api/tickets/{reference}/merge",
            "POST /api/tickets/{reference}/location-page",
            "GET /api/tickets/{reference}/reporter-data", "POST /api/tickets/{reference}/erase-reporter",
            "GET /api/access-log", "GET /api/stats", "GET /api/notifications", "POST /api/notifications/{id}/retry",
            "GET /api/webhooks", "POST /api/webhooks", "GET /api/webhooks/{id}", "PUT /api/webhooks/{id}",
            "DELETE /api/webhooks/{id}", "GET /api/webhooks/{id}/deliveries",
            "POST /api/webhooks/{id}/deliveries/{deliveryId}/retry");

    private List<Op> operations() {
        Supplier<Map<String, Object>> none = Map::of;
        Supplier<Map<String, Object>> signal = () -> TestData.signal("MENTION", "TWITTER");
        String unknownTicket = "/api/tickets/" + UNKNOWN_REFERENCE;
        return List.of(
                new Op("POST /api/signals", () -> Target.of("/api/signals"), null, signal, 201),
                new Op("GET /api/signals/{reference}", ResponseCodeContractTest::tracking,
                        new Target("/api/signals/" + UNKNOWN_REFERENCE, Map.of(TOKEN, "onbekend")), none, 200),
                new Op("POST /api/signals/{reference}/messages",
                        () -> withSuffix(tracking(), "/messages"),
                        new Target("/api/signals/" + UNKNOWN_REFERENCE + "/messages", Map.of(TOKEN, "onbekend")),
                        () -> Map.of("text", "Het bericht is inmiddels verwijderd."), 201),
                new Op("POST /api/signals/{reference}/evidence", () -> withSuffix(tracking(), "/evidence"),
                        new Target("/api/signals/" + UNKNOWN_REFERENCE + "/evidence", Map.of(TOKEN, "onbekend")),
                        none, 201),
                new Op("POST /api/routing/preview", () -> Target.of("/api/routing/preview"), null, signal, 200),

                new Op("GET /api/functions", () -> Target.of("/api/functions"), null, none, 200),
                new Op("GET /api/functions/{code}", () -> Target.of("/api/functions/COMMUNICATIONS"),
                        Target.of("/api/functions/ONBEKEND"), none, 200),
                // A fresh code: created (201); a stale If-Match only matters for an existing one (412 below).
                new Op("PUT /api/functions/{code}", () -> Target.of("/api/functions/" + unique("FN")), null,
                        () -> Map.of("name", "Testfunctie"), 201),
                new Op("GET /api/accounts-table/history", () -> Target.of("/api/accounts-table/history"), null, none,
                        200),
                new Op("GET /api/functions/{code}/contacts",
                        () -> Target.of("/api/functions/" + contactFunction + "/contacts"),
                        Target.of("/api/functions/ONBEKEND/contacts"), none, 200),
                new Op("POST /api/functions/{code}/contacts",
                        () -> Target.of("/api/functions/" + contactFunction + "/contacts"),
                        Target.of("/api/functions/ONBEKEND/contacts"), ResponseCodeContractTest::contact, 201),
                new Op("GET /api/functions/{code}/contacts/{id}", () -> Target.of(createContact()),
                        Target.of("/api/functions/" + contactFunction + "/contacts/999999999"), none, 200),
                new Op("PUT /api/functions/{code}/contacts/{id}", () -> Target.of(createContact()),
                        Target.of("/api/functions/" + contactFunction + "/contacts/999999999"),
                        ResponseCodeContractTest::contact, 200),
                new Op("DELETE /api/functions/{code}/contacts/{id}", () -> Target.of(createContact()),
                        Target.of("/api/functions/" + contactFunction + "/contacts/999999999"), none, 204),

                new Op("GET /api/units", () -> Target.of("/api/units"), null, none, 200),
                new Op("POST /api/units", () -> Target.of("/api/units"), null,
                        () -> Map.of("code", unique("UNIT"), "name", "Team Contract"), 201),
                new Op("GET /api/units/{code}", () -> Target.of("/api/units/" + createUnit()),
                        Target.of("/api/units/ONBEKEND"), none, 200),
                new Op("PUT /api/units/{code}", () -> Target.of("/api/units/" + createUnit()), null,
                        () -> Map.of("name", "Team Contract"), 200),

                new Op("GET /api/users", () -> Target.of("/api/users"), null, none, 200),
                new Op("POST /api/users", () -> Target.of("/api/users"), null, ResponseCodeContractTest::user, 201),
                new Op("GET /api/users/{username}", () -> Target.of("/api/users/" + functionaris),
                        Target.of("/api/users/niemand.onbekend"), none, 200),
                new Op("PUT /api/users/{username}", () -> Target.of("/api/users/" + createCommunicatie()),
                        Target.of("/api/users/niemand.onbekend"), () -> Map.of("roles", List.of("communicatie")), 200),

                new Op("GET /api/tickets", () -> Target.of("/api/tickets"), null, none, 200),
                new Op("POST /api/tickets", () -> Target.of("/api/tickets"), null, () -> {
                    Map<String, Object> taken = new HashMap<>(TestData.signal("MENTION", "TWITTER"));
                    taken.put("channel", "PHONE");
                    return taken;
                }, 201),
                new Op("GET /api/tickets/{reference}", () -> ticket(""), Target.of(unknownTicket), none, 200),
                new Op("GET /api/tickets/{reference}/events", () -> ticket("/events"),
                        Target.of(unknownTicket + "/events"), none, 200),
                new Op("GET /api/tickets/{reference}/evidence", () -> ticket("/evidence"),
                        Target.of(unknownTicket + "/evidence"), none, 200),
                new Op("GET /api/tickets/{reference}/evidence/{id}", ResponseCodeContractTest::evidence,
                        Target.of(unknownTicket + "/evidence/999999999"), none, 200),
                new Op("POST /api/tickets/{reference}/transitions", () -> ticket("/transitions"),
                        Target.of(unknownTicket + "/transitions"), () -> Map.of("status", "TRIAGED"), 200),
                new Op("POST /api/tickets/{reference}/notes", () -> ticket("/notes"),
                        Target.of(unknownTicket + "/notes"), () -> Map.of("text", "Doorgestuurd naar de locatie."), 201),
                new Op("PUT /api/tickets/{reference}/routing", () -> ticket("/routing"),
                        Target.of(unknownTicket + "/routing"),
                        () -> Map.of("function", "HR_REPRESENTATIVE", "reason", "Gaat over werk."), 200),
                new Op("PUT /api/tickets/{reference}/priority", () -> ticket("/priority"),
                        Target.of(unknownTicket + "/priority"), () -> Map.of("priority", "HIGH"), 200),
                new Op("POST /api/tickets/{reference}/merge", () -> ticket("/merge"),
                        Target.of(unknownTicket + "/merge"), () -> Map.of("into", fileSignal()), 200),
                new Op("DELETE /api/tickets/{reference}/merge", () -> Target.of(mergedTicket() + "/merge"),
                        Target.of(unknownTicket + "/merge"), none, 200),
                new Op("GET /api/tickets/{reference}/escalations", () -> ticket("/escalations"),
                        Target.of(unknownTicket + "/escalations"), none, 200),
                new Op("POST /api/tickets/{reference}/escalations", () -> ticket("/escalations"),
                        Target.of(unknownTicket + "/escalations"), ResponseCodeContractTest::escalation, 201),
                new Op("GET /api/tickets/{reference}/escalations/{id}", () -> Target.of(escalate(null)),
                        Target.of(unknownTicket + "/escalations/999999999"), none, 200),
                // The success of an acknowledgement needs the manager it is for: below.
                new Op("POST /api/tickets/{reference}/escalations/{id}/acknowledge",
                        () -> Target.of(escalate(null) + "/acknowledge"),
                        Target.of(unknownTicket + "/escalations/999999999/acknowledge"), none, 403),
                new Op("POST /api/tickets/{reference}/location-page", ResponseCodeContractTest::locationPageRequest,
                        Target.of(unknownTicket + "/location-page"), none, 200),
                new Op("GET /api/tickets/{reference}/reporter-data", () -> ticket("/reporter-data"),
                        Target.of(unknownTicket + "/reporter-data"), none, 200),
                new Op("POST /api/tickets/{reference}/erase-reporter", () -> ticket("/erase-reporter"),
                        Target.of(unknownTicket + "/erase-reporter"), none, 200),

                new Op("GET /api/access-log", () -> Target.of("/api/access-log"), null, none, 200),
                new Op("GET /api/stats", () -> Target.of("/api/stats"), null, none, 200),
                new Op("GET /api/notifications", () -> Target.of("/api/notifications"), null, none, 200),
                // A failed e-mail, as the dispatcher leaves it after its last attempt.
                new Op("POST /api/notifications/{id}/retry",
                        () -> Target.of("/api/notifications/" + failedEmail() + "/retry"),
                        Target.of("/api/notifications/999999999/retry"), none, 200),

                new Op("GET /api/webhooks", () -> Target.of("/api/webhooks"), null, none, 200),
                new Op("POST /api/webhooks", () -> Target.of("/api/webhooks"), null,
                        ResponseCodeContractTest::webhook, 201),
                new Op("GET /api/webhooks/{id}", () -> Target.of(createWebhook()),
                        Target.of("/api/webhooks/999999999"), none, 200),
                new Op("PUT /api/webhooks/{id}", () -> Target.of(createWebhook()),
                        Target.of("/api/webhooks/999999999"), ResponseCodeContractTest::webhook, 200),
                new Op("DELETE /api/webhooks/{id}", () -> Target.of(createWebhook()),
                        Target.of("/api/webhooks/999999999"), none, 204),
                new Op("GET /api/webhooks/{id}/deliveries", () -> Target.of(createWebhook() + "/deliveries"),
                        Target.of("/api/webhooks/999999999/deliveries"), none, 200),
                new Op("POST /api/webhooks/{id}/deliveries/{deliveryId}/retry",
                        () -> Target.of(enabledWebhookDelivery() + "/retry"),
                        Target.of("/api/webhooks/999999999/deliveries/1/retry"), none, 200));
    }

    /** A webhook that is off, so no other test's tickets are sent to its (unreachable) address. */
    private static Map<String, Object> webhook() {
        return Map.of("url", "https://203.0.113.10/meldpunt", "events", List.of("ticket.filed"), "enabled", false);
    }

    private static String createWebhook() {
        int id = asCommunicatie().contentType(ContentType.JSON).body(webhook()).post("/api/webhooks")
                .then().statusCode(201).extract().path("id");
        return "/api/webhooks/" + id;
    }

    /**
     * A parked delivery of a webhook that is on, as a retry needs (one of a webhook that is off is a
     * 409); its path. The webhook points at a loopback port nobody listens on, so whatever is sent to it
     * is refused at once, and it hears only of deadlines passed, which few tests make.
     */
    private static String enabledWebhookDelivery() {
        int id = asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/meldpunt", "events", List.of("ticket.deadline_breached")))
                .post("/api/webhooks").then().statusCode(201).extract().path("id");
        return "/api/webhooks/" + id + "/deliveries/" + WebhookReceiver.delivery(id, UNKNOWN_REFERENCE,
                DeliveryStatus.FAILED);
    }

    /** A delivery of a fresh webhook in {@code status}, as the dispatcher leaves it; its path. */
    private static String webhookDelivery(DeliveryStatus status) {
        String webhook = createWebhook();
        long webhookId = Long.parseLong(webhook.substring(webhook.lastIndexOf('/') + 1));
        return webhook + "/deliveries/" + WebhookReceiver.delivery(webhookId, UNKNOWN_REFERENCE, status);
    }

    /** What a generic row cannot show: codes that need a particular state. */
    private List<Row> specific(Map<String, Op> ops) {
        List<Row> rows = new ArrayList<>();
        // The public limits, each from a client address of its own.
        rows.add(new Row("POST /api/signals", 429, () -> overLimit(11, () -> given()
                .contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER")), "post", "/api/signals")));
        rows.add(new Row("POST /api/routing/preview", 429, () -> overLimit(21, () -> given()
                .contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER")), "post", "/api/routing/preview")));
        rows.add(new Row("GET /api/signals/{reference}", 429, () -> overLimit(8, () -> given()
                .header(TOKEN, "fout"), "get", "/api/signals/" + UNKNOWN_REFERENCE)));
        rows.add(new Row("POST /api/signals/{reference}/messages", 429, () -> {
            Target target = withSuffix(tracking(), "/messages");
            return overLimit(21, () -> given().headers(target.headers()).contentType(ContentType.JSON)
                    .body(Map.of("text", "Nog een aanvulling.")), "post", target.path());
        }));
        rows.add(new Row("POST /api/signals/{reference}/messages", 409, () -> {
            Target target = tracking();
            String reference = target.path().substring("/api/signals/".length());
            for (String step : List.of("TRIAGED", "RESOLVED", "CLOSED")) {
                asCommunicatie().contentType(ContentType.JSON)
                        .body(Map.of("status", step, "message", "Afgehandeld."))
                        .post("/api/tickets/{reference}/transitions", reference).then().statusCode(200);
            }
            return given().headers(target.headers()).contentType(ContentType.JSON)
                    .body(Map.of("text", "Nog iets.")).post(target.path() + "/messages");
        }));

        // Evidence: a signal that holds the most images it may; a token guessed again and again.
        rows.add(new Row("POST /api/signals/{reference}/evidence", 409, () -> {
            Target target = withSuffix(tracking(), "/evidence");
            for (int i = 0; i < 5; i++) {
                TestData.api().headers(target.headers()).multiPart("file", "scherm.png", TestImages.png(10 + i, 10), "image/png")
                        .post(target.path()).then().statusCode(201);
            }
            return TestData.api().headers(target.headers()).multiPart("file", "scherm.png", TestImages.png(20, 10),
                    "image/png").post(target.path());
        }));
        // Every upload slot held by an upload still sending its body: the next is answered at once.
        rows.add(new Row("POST /api/signals/{reference}/evidence", 503, () -> {
            Target target = withSuffix(tracking(), "/evidence");
            try (SlowUploads slow = SlowUploads.takeEverySlot(target.path())) {
                return TestData.api().headers(target.headers())
                        .multiPart("file", "scherm.png", TestImages.png(10, 10), "image/png").post(target.path());
            }
        }));
        rows.add(new Row("POST /api/signals/{reference}/evidence", 429, () -> overLimit(5, () -> TestData.api()
                .header(TOKEN, "fout").multiPart("file", "scherm.png", TestImages.png(10, 10), "image/png"), "post",
                "/api/signals/" + UNKNOWN_REFERENCE + "/evidence")));

        // The accounts table.
        rows.add(new Row("PUT /api/functions/{code}", 200, () -> {
            String code = createFunction();
            return asCommunicatie().contentType(ContentType.JSON).body(Map.of("name", "Hernoemd"))
                    .put("/api/functions/{code}", code);
        }));
        rows.add(new Row("PUT /api/functions/{code}", 412, () -> asCommunicatie().header("If-Match", STALE)
                .contentType(ContentType.JSON).body(Map.of("name", "Hernoemd"))
                .put("/api/functions/{code}", createFunction())));
        rows.add(new Row("PUT /api/functions/{code}", 409, () -> asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Tweede HRM", "topics", List.of("EMPLOYMENT")))
                .put("/api/functions/{code}", unique("FN"))));

        // The directory.
        rows.add(new Row("POST /api/units", 409, () -> asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("code", createUnit(), "name", "Dubbel")).post("/api/units")));
        rows.add(new Row("PUT /api/units/{code}", 201, () -> asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Nieuw team")).put("/api/units/{code}", unique("UNIT"))));
        rows.add(new Row("POST /api/users", 409, () -> asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("username", functionaris, "password", TestData.STAFF_PASSWORD,
                        "roles", List.of("communicatie")))
                .post("/api/users")));

        // Tickets.
        rows.add(new Row("GET /api/tickets", 400, () -> asCommunicatie().get("/api/tickets?limit=0")));
        rows.add(new Row("POST /api/tickets/{reference}/transitions", 409, () -> asCommunicatie()
                .contentType(ContentType.JSON).body(Map.of("status", "CLOSED"))
                .post(ticket("/transitions").path())));
        for (String worked : List.of("transitions", "notes", "escalations")) {
            Op op = ops.get("POST /api/tickets/{reference}/" + worked);
            // A functionaris may read a ticket their function is only informed of, not work on it.
            rows.add(new Row(op.operation(), 403, () -> as(informedExecutive).contentType(ContentType.JSON)
                    .body(op.body().get()).post(informedTicket() + "/" + worked)));
        }
        rows.add(new Row("PUT /api/tickets/{reference}/routing", 409, () -> asCommunicatie()
                .contentType(ContentType.JSON).body(Map.of("function", "COMMUNICATIONS", "reason", "Blijft hier."))
                .put(ticket("/routing").path())));
        rows.add(new Row("POST /api/tickets/{reference}/merge", 409, () -> asCommunicatie()
                .contentType(ContentType.JSON).body(Map.of("into", mergedTicket().substring("/api/tickets/".length())))
                .post(ticket("/merge").path())));
        // Approving a location page for a signal that is no such request.
        rows.add(new Row("POST /api/tickets/{reference}/location-page", 409,
                () -> asCommunicatie().post(ticket("/location-page").path())));
        rows.add(new Row("DELETE /api/tickets/{reference}/merge", 409,
                () -> asCommunicatie().delete(ticket("/merge").path())));
        rows.add(new Row("POST /api/tickets/{reference}/escalations", 409, () -> asCommunicatie()
                .contentType(ContentType.JSON).body(escalation())
                .post(mergedTicket() + "/escalations")));
        // The manager an escalation is for takes it up, once.
        String[] acknowledged = new String[2];
        rows.add(new Row("POST /api/tickets/{reference}/escalations/{id}/acknowledge", 200, () -> {
            String unit = createUnit();
            acknowledged[0] = TestData.createUser(List.of("leidinggevende"), null, unit);
            acknowledged[1] = escalate(unit) + "/acknowledge";
            return as(acknowledged[0]).post(acknowledged[1]);
        }));
        rows.add(new Row("POST /api/tickets/{reference}/escalations/{id}/acknowledge", 409,
                () -> as(acknowledged[0]).post(acknowledged[1])));
        rows.add(new Row("POST /api/tickets/{reference}/erase-reporter", 409, () -> {
            String path = ticket("/erase-reporter").path();
            asCommunicatie().post(path).then().statusCode(200);
            return asCommunicatie().post(path);
        }));

        // Lists with a query.
        rows.add(new Row("GET /api/access-log", 400, () -> asCommunicatie().get("/api/access-log?limit=0")));
        rows.add(new Row("GET /api/stats", 400, () -> asCommunicatie().get("/api/stats?from=gisteren")));
        rows.add(new Row("GET /api/notifications", 400, () -> asCommunicatie().get("/api/notifications?status=OUD")));
        rows.add(new Row("POST /api/notifications/{id}/retry", 409,
                () -> asCommunicatie().post("/api/notifications/" + sentEmail() + "/retry")));
        rows.add(new Row("POST /api/webhooks", 400, () -> asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("url", "https://127.0.0.1.nip.invalid/x", "events", List.of("ticket.filed")))
                .post("/api/webhooks")));
        rows.add(new Row("GET /api/webhooks/{id}/deliveries", 400,
                () -> asCommunicatie().get(createWebhook() + "/deliveries?status=OUD")));
        rows.add(new Row("POST /api/webhooks/{id}/deliveries/{deliveryId}/retry", 409,
                () -> asCommunicatie().post(webhookDelivery(DeliveryStatus.DELIVERED) + "/retry")));
        return rows;
    }

    // --- sending -----------------------------------------------------------------------------------

    private Response send(RequestSpecification spec, Op op, Target target, Map<String, Object> body) {
        spec.headers(target.headers());
        if (contract.isUpload(op.operation())) {
            // An upload is not JSON: an API client names itself, as the cross-site guard wants.
            spec.header(TestData.REQUESTED_BY, "meldpunt-tests").multiPart("file", "scherm.png", TestImages.png(40, 30), "image/png");
        } else if (contract.hasBody(op.operation())) {
            spec.contentType(ContentType.JSON).body(body);
        }
        return spec.request(op.method(), target.path());
    }

    private static Response sendRaw(RequestSpecification spec, Op op, Target target, String body) {
        return spec.headers(target.headers()).body(body).request(op.method(), target.path());
    }

    /**
     * The last of {@code times} requests from one fresh client address, or of up to five more while it
     * was not refused: a pause on a busy host can let the budget refill by one before the last request
     * (RateLimitTest counts the budgets exactly; this table checks the refusal's answer).
     */
    private static Response overLimit(int times, Supplier<RequestSpecification> request, String method, String path) {
        String client = TestData.freshClient();
        Response last = null;
        for (int i = 0; i < times + 5 && (i < times || last.statusCode() != 429); i++) {
            last = request.get().header("X-Forwarded-For", client).request(method, path);
        }
        return last;
    }

    // --- data --------------------------------------------------------------------------------------

    /** A user name locked at a client address, and only there. */
    private record Locked(String name, String client) {
    }

    /** A user name locked, at an address no other test uses, after too many wrong passwords from there. */
    private static Locked lockedUser() {
        Locked locked = new Locked(unique("slot").toLowerCase(), TestData.freshClient());
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic(locked.name(), "fout-wachtwoord").header("X-Forwarded-For", locked.client())
                    .get("/api/units").then().statusCode(401);
        }
        return locked;
    }

    private static String fileSignal() {
        return Signals.file().reference();
    }

    private static Target ticket(String suffix) {
        return Target.of("/api/tickets/" + fileSignal() + suffix);
    }

    /** A location-page request of a centre the accounts table has, without a page yet. */
    private static Target locationPageRequest() {
        String centre = "AC " + unique("Contract");
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Coördinator " + centre, "email", "ac@sgl-zorg.nl", "activityCentre", centre))
                .post("/api/functions/ACTIVITY_CENTRE/contacts").then().statusCode(201);
        Map<String, Object> request = TestData.signal("LOCATION_PAGE_REQUEST", "FACEBOOK");
        request.put("activityCentre", centre);
        return Target.of("/api/tickets/" + Signals.file(request).reference() + "/location-page");
    }

    private static Target tracking() {
        Signals.Filed filed = Signals.file();
        return new Target("/api/signals/" + filed.reference(), Map.of(TOKEN, filed.token()));
    }

    private static Target withSuffix(Target target, String suffix) {
        return new Target(target.path() + suffix, target.headers());
    }

    /** The download of a screenshot just attached to a fresh signal. */
    private static Target evidence() {
        Target signal = tracking();
        int id = TestData.api().headers(signal.headers()).multiPart("file", "scherm.png", TestImages.png(40, 30), "image/png")
                .post(signal.path() + "/evidence").then().statusCode(201).extract().path("id");
        return Target.of(signal.path().replace("/api/signals/", "/api/tickets/") + "/evidence/" + id);
    }

        /** A ticket the executive's function is informed of, but communicatie handles. */
    private static String informedTicket() {
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "GOVERNANCE");
        return "/api/tickets/" + given().contentType(ContentType.JSON).body(signal)
                .post("/api/signals").then().statusCode(201).extract().path("reference");
    }

    /** The path of a ticket merged into another. */
    private static String mergedTicket() {
        String reference = fileSignal();
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("into", fileSignal()))
                .post("/api/tickets/{reference}/merge", reference).then().statusCode(200);
        return "/api/tickets/" + reference;
    }

    private static Map<String, Object> escalation() {
        // An address escalated to by hand must be a known manager's: here a unit's.
        String managerEmail = unique("leiding").toLowerCase() + "@sgl-zorg.nl";
        TestData.createUnit("Lia Leiding", managerEmail);
        return Map.of("managerEmail", managerEmail, "reason", "De discussie loopt uit de hand.");
    }

    /** The path of a fresh escalation: to the unit's manager, or to an address when {@code unit} is null. */
    private static String escalate(String unit) {
        String ticket = ticket("").path();
        Map<String, Object> body = unit == null ? escalation() : Map.of("unit", unit, "reason", "Graag oppakken.");
        int id = asCommunicatie().contentType(ContentType.JSON).body(body).post(ticket + "/escalations")
                .then().statusCode(201).extract().path("id");
        return ticket + "/escalations/" + id;
    }

    private static String createFunction() {
        String code = unique("FN");
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("name", "Testfunctie " + code))
                .put("/api/functions/{code}", code).then().statusCode(201);
        return code;
    }

    private static Map<String, Object> contact() {
        return Map.of("name", "Anna Peters", "email", "a.peters@sgl-zorg.nl");
    }

    private String createContact() {
        int id = asCommunicatie().contentType(ContentType.JSON).body(contact())
                .post("/api/functions/{code}/contacts", contactFunction).then().statusCode(201).extract().path("id");
        return "/api/functions/" + contactFunction + "/contacts/" + id;
    }

    private static String createUnit() {
        return TestData.createUnit("Els Hermans", "e.hermans@sgl-zorg.nl");
    }

    private static Map<String, Object> user() {
        return Map.of("username", unique("user").toLowerCase(), "password", TestData.STAFF_PASSWORD,
                "roles", List.of("communicatie"));
    }

    private static String createCommunicatie() {
        return TestData.createUser(List.of("communicatie"), null, null);
    }

    /** An e-mail the dispatcher has sent; waits for one when none is sent yet. */
    private static long sentEmail() {
        List<Integer> ids = Awaitility.await("an e-mail sent").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    List<Integer> sent = asCommunicatie().get("/api/notifications?status=SENT&limit=1")
                            .then().statusCode(200).extract().path("id");
                    if (sent.isEmpty()) {
                        fileSignal();
                    }
                    return sent;
                }, sent -> !sent.isEmpty());
        return ids.get(0);
    }

    /** A sent e-mail made FAILED, as the dispatcher parks one after its last attempt. */
    private static long failedEmail() {
        long id = sentEmail();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxEmail email = OutboxEmail.findById(id);
            email.status = EmailStatus.FAILED;
            email.sentAt = null;
        });
        return id;
    }
}
