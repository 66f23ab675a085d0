package nl.sglzorg.meldpunt.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.webhook.DeliveryStatus;
import nl.sglzorg.meldpunt.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access matrix: every staff endpoint of {@code openapi/openapi.yaml} × every
 * role × a ticket inside and outside that role's reach. Anonymous: always {@code 401}. A role the
 * endpoint is not for: {@code 403} (whatever the ticket, so the answer says nothing about it). A
 * ticket out of reach: {@code 404}, answered exactly as for a reference that does not exist. In
 * reach: never {@code 401}, {@code 403} or {@code 404} — except a write on a ticket one may only
 * read, and the two actions the design reserves to someone in particular (escalating by hand:
 * communicatie and the handling function; acknowledging: the manager it was escalated to, or
 * communicatie — but never whoever raised it, and communicatie raised every escalation here).
 *
 * <p>Writes on tickets are sent with a stale {@code If-Match}: a caller who gets past the access
 * checks gets {@code 412}, so the matrix proves access without changing the tickets it runs on.
 * Escalating by hand and acknowledging are sent for real (their role check comes after the version
 * check); they escalate to a known manager whom no role in the matrix is (the manager of a third
 * unit, without an account), so no reach changes.
 *
 * <p>The expectations come from the table below (the test's own model of the rules), not from
 * the production code.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final String STALE = "\"999999\"";

    enum Role {
        ANONYMOUS, COMMUNICATIE, FUNCTIONARIS_HANDLING, FUNCTIONARIS_OTHER, LEIDINGGEVENDE_OWN_UNIT,
        LEIDINGGEVENDE_OTHER_UNIT
    }

    /**
     * The tickets: one HR handles (EMPLOYMENT on Facebook); unwanted contact from someone of unit 1
     * (communicatie handles, unit 1's manager works it); a derailed discussion from someone of unit 1
     * (communicatie handles, unit 1's manager is informed: read only); and a reference that does not exist.
     */
    enum Ticket {
        HR, UNWANTED_CONTACT, INFORMS_UNIT, UNKNOWN
    }

    enum Reach {
        NONE, READ, WORK
    }

    private static final Map<Role, Map<Ticket, Reach>> REACH = new EnumMap<>(Role.class);

    static {
        reach(Role.ANONYMOUS, Reach.NONE, Reach.NONE, Reach.NONE);
        reach(Role.COMMUNICATIE, Reach.WORK, Reach.WORK, Reach.WORK);
        reach(Role.FUNCTIONARIS_HANDLING, Reach.WORK, Reach.NONE, Reach.NONE);
        reach(Role.FUNCTIONARIS_OTHER, Reach.NONE, Reach.NONE, Reach.NONE);
        reach(Role.LEIDINGGEVENDE_OWN_UNIT, Reach.NONE, Reach.WORK, Reach.READ);
        reach(Role.LEIDINGGEVENDE_OTHER_UNIT, Reach.NONE, Reach.NONE, Reach.NONE);
    }

    private static void reach(Role role, Reach hr, Reach unwantedContact, Reach informsUnit) {
        Map<Ticket, Reach> row = new EnumMap<>(Ticket.class);
        row.put(Ticket.HR, hr);
        row.put(Ticket.UNWANTED_CONTACT, unwantedContact);
        row.put(Ticket.INFORMS_UNIT, informsUnit);
        row.put(Ticket.UNKNOWN, Reach.NONE);
        REACH.put(role, row);
    }

    private static final Set<Role> STAFF = EnumSet.complementOf(EnumSet.of(Role.ANONYMOUS));
    private static final Set<Role> COMMUNICATIE = EnumSet.of(Role.COMMUNICATIE);

    // ---------------------------------------------------------------------------------------------
    // the world the matrix runs in, made once
    // ---------------------------------------------------------------------------------------------

    /** Users, tickets and directory entries the requests refer to. */
    record World(Map<Role, String> users, Map<Ticket, String> references, Map<Ticket, Long> escalations,
            Map<Ticket, Long> evidence, String word, String unit1, String unit2, String function, long contact,
            long notification, String outsideManager) {
    }

    private static World world;

    private static synchronized World world() {
        if (world != null) {
            return world;
        }
        String unit1 = TestData.createUnit("Hoofd Eenheid Een", TestData.unique("hoofd1").toLowerCase() + "@sgl-zorg.nl");
        String unit2 = TestData.createUnit("Hoofd Eenheid Twee", TestData.unique("hoofd2").toLowerCase() + "@sgl-zorg.nl");
        String outsideManager = TestData.unique("hoofd3").toLowerCase() + "@sgl-zorg.nl";
        TestData.createUnit("Hoofd Eenheid Drie", outsideManager);
        Map<Role, String> users = new EnumMap<>(Role.class);
        users.put(Role.COMMUNICATIE, TestData.ADMIN);
        users.put(Role.FUNCTIONARIS_HANDLING, TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null));
        users.put(Role.FUNCTIONARIS_OTHER, TestData.createUser(List.of("functionaris"), "CARE_BROKER", null));
        users.put(Role.LEIDINGGEVENDE_OWN_UNIT, TestData.createUser(List.of("leidinggevende"), null, unit1));
        users.put(Role.LEIDINGGEVENDE_OTHER_UNIT, TestData.createUser(List.of("leidinggevende"), null, unit2));

        String word = "matrix" + Long.toString(System.nanoTime(), 36);
        Map<Ticket, String> references = new EnumMap<>(Ticket.class);
        Map<Ticket, Long> evidence = new EnumMap<>(Ticket.class);
        for (var filed : Map.of(Ticket.HR, file("MENTION", "FACEBOOK", "EMPLOYMENT", null, word),
                Ticket.UNWANTED_CONTACT, file("UNWANTED_CONTACT", "WHATSAPP", null, unit1, word),
                Ticket.INFORMS_UNIT, file("DERAILED_DISCUSSION", "FACEBOOK", "GENERAL", unit1, word)).entrySet()) {
            references.put(filed.getKey(), filed.getValue().path("reference"));
            // one screenshot per ticket, attached by its reporter
            evidence.put(filed.getKey(), TestData.api().header("X-Tracking-Token", filed.getValue().<String>path("trackingToken"))
                    .multiPart("file", "scherm.png", TestImages.png(16, 16), "image/png")
                    .post("/api/signals/{reference}/evidence", filed.getValue().<String>path("reference"))
                    .then().statusCode(201).extract().<Number>path("id").longValue());
        }
        references.put(Ticket.UNKNOWN, "SGL-1999-999999");
        evidence.put(Ticket.UNKNOWN, evidence.get(Ticket.HR));

        // one escalation per ticket: unwanted contact to unit 1 (whose manager works it already), the
        // others to the address of unit 3's manager, whom no role is
        Map<Ticket, Long> escalations = new EnumMap<>(Ticket.class);
        escalations.put(Ticket.HR, escalate(references.get(Ticket.HR), Map.of("managerEmail", outsideManager)));
        escalations.put(Ticket.UNWANTED_CONTACT, escalate(references.get(Ticket.UNWANTED_CONTACT), Map.of("unit", unit1)));
        escalations.put(Ticket.INFORMS_UNIT,
                escalate(references.get(Ticket.INFORMS_UNIT), Map.of("managerEmail", outsideManager)));
        escalations.put(Ticket.UNKNOWN, escalations.get(Ticket.HR));

        String function = TestData.unique("FN");
        Map<String, Object> functionBody = new HashMap<>();
        functionBody.put("name", "Functie " + function);
        functionBody.put("topics", List.of());
        TestData.asCommunicatie().contentType(ContentType.JSON).body(functionBody)
                .put("/api/functions/{code}", function).then().statusCode(201);
        long contact = TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Contact Matrix", "email", TestData.unique("contact").toLowerCase() + "@sgl-zorg.nl"))
                .post("/api/functions/{code}/contacts", function)
                .then().statusCode(201).extract().<Number>path("id").longValue();
        long notification = TestData.asCommunicatie().get("/api/notifications?limit=1")
                .then().statusCode(200).extract().<Number>path("id[0]").longValue();

        world = new World(users, references, escalations, evidence, word, unit1, unit2, function, contact,
                notification, outsideManager);
        return world;
    }

    /** Files a signal; the answer holds its reference and tracking token. */
    private static Response file(String category, String platform, String topic, String unit, String word) {
        Map<String, Object> signal = TestData.signal(category, platform);
        signal.put("description", "Signaal voor de toegangsmatrix " + word + ".");
        if (topic != null) {
            signal.put("topic", topic);
        }
        Map<String, Object> reporter = new HashMap<>(Map.of("name", "Matrix Melder", "email", "matrix@example.org"));
        reporter.put("relation", "EMPLOYEE");
        if (unit != null) {
            reporter.put("unit", unit);
        }
        signal.put("reporter", reporter);
        return given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().response();
    }

    private static long escalate(String reference, Map<String, String> manager) {
        Map<String, Object> body = new HashMap<>(manager);
        body.put("reason", "Voor de toegangsmatrix");
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/escalations", reference)
                .then().statusCode(201).extract().<Number>path("id").longValue();
    }

    // ---------------------------------------------------------------------------------------------
    // the endpoints
    // ---------------------------------------------------------------------------------------------

    /** Who may call it beyond reach: the handling function and communicatie, or one manager. */
    enum Rule {
        NONE, ESCALATE_BY_HAND, ACKNOWLEDGE
    }

    /**
     * A staff endpoint: how to call it for a ticket (or without one), which roles it is for, whether
     * it needs working access to the ticket or reading is enough.
     */
    record Endpoint(String name, Set<Role> roles, Reach needs, Rule rule,
            BiFunction<RequestSpecification, Ticket, Response> call) {
        boolean onTicket() {
            return needs != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static String ref(Ticket ticket) {
        return world().references().get(ticket);
    }

    private static String other(Ticket ticket) {
        return ref(ticket == Ticket.HR ? Ticket.UNWANTED_CONTACT : Ticket.HR);
    }

    /** A webhook that is off (its address is not reachable from the tests). */
    private static Map<String, Object> webhook() {
        return Map.of("url", "https://203.0.113.10/matrix", "events", List.of("ticket.filed"), "enabled", false);
    }

    private static Long webhookId;

    private static long webhookId() {
        if (webhookId == null) {
            webhookId = newWebhook();
        }
        return webhookId;
    }

    private static long newWebhook() {
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(webhook()).post("/api/webhooks")
                .then().statusCode(201).extract().<Number>path("id").longValue();
    }

    private static RequestSpecification json(RequestSpecification request, Object body) {
        return request.contentType(ContentType.JSON).body(body);
    }

    private static Endpoint onTicket(String name, Set<Role> roles, Reach needs,
            BiFunction<RequestSpecification, Ticket, Response> call) {
        return new Endpoint(name, roles, needs, Rule.NONE, call);
    }

    private static Endpoint general(String name, Set<Role> roles, Function<RequestSpecification, Response> call) {
        return new Endpoint(name, roles, null, Rule.NONE, (request, ticket) -> call.apply(request));
    }

    static List<Endpoint> endpoints() {
        String tickets = "/api/tickets/{reference}";
        return List.of(
                onTicket("GET /api/tickets/{reference}", STAFF, Reach.READ, (r, t) -> r.get(tickets, ref(t))),
                onTicket("GET /api/tickets/{reference}/events", STAFF, Reach.READ,
                        (r, t) -> r.get(tickets + "/events", ref(t))),
                onTicket("POST /api/tickets/{reference}/transitions", STAFF, Reach.WORK,
                        (r, t) -> json(r, Map.of("status", "IN_PROGRESS")).header("If-Match", STALE)
                                .post(tickets + "/transitions", ref(t))),
                onTicket("POST /api/tickets/{reference}/notes", STAFF, Reach.WORK,
                        (r, t) -> json(r, Map.of("text", "Notitie uit de matrix")).header("If-Match", STALE)
                                .post(tickets + "/notes", ref(t))),
                onTicket("PUT /api/tickets/{reference}/routing", COMMUNICATIE, Reach.WORK,
                        (r, t) -> json(r, Map.of("function", "CARE_BROKER", "reason", "Matrix")).header("If-Match", STALE)
                                .put(tickets + "/routing", ref(t))),
                onTicket("PUT /api/tickets/{reference}/priority", COMMUNICATIE, Reach.WORK,
                        (r, t) -> json(r, Map.of("priority", "LOW")).header("If-Match", STALE)
                                .put(tickets + "/priority", ref(t))),
                onTicket("POST /api/tickets/{reference}/merge", COMMUNICATIE, Reach.WORK,
                        (r, t) -> json(r, Map.of("into", other(t))).header("If-Match", STALE)
                                .post(tickets + "/merge", ref(t))),
                onTicket("DELETE /api/tickets/{reference}/merge", COMMUNICATIE, Reach.WORK,
                        (r, t) -> r.header("If-Match", STALE).delete(tickets + "/merge", ref(t))),
                onTicket("GET /api/tickets/{reference}/escalations", STAFF, Reach.READ,
                        (r, t) -> r.get(tickets + "/escalations", ref(t))),
                new Endpoint("POST /api/tickets/{reference}/escalations", STAFF, Reach.WORK, Rule.ESCALATE_BY_HAND,
                        (r, t) -> json(r, Map.of("managerEmail", world().outsideManager(), "reason", "Matrix"))
                                .post(tickets + "/escalations", ref(t))),
                onTicket("GET /api/tickets/{reference}/escalations/{id}", STAFF, Reach.READ,
                        (r, t) -> r.get(tickets + "/escalations/{id}", ref(t), world().escalations().get(t))),
                new Endpoint("POST /api/tickets/{reference}/escalations/{id}/acknowledge", STAFF, Reach.READ,
                        Rule.ACKNOWLEDGE, (r, t) -> r.post(tickets + "/escalations/{id}/acknowledge", ref(t),
                                world().escalations().get(t))),
                onTicket("GET /api/tickets/{reference}/evidence", STAFF, Reach.READ,
                        (r, t) -> r.get(tickets + "/evidence", ref(t))),
                onTicket("GET /api/tickets/{reference}/evidence/{id}", STAFF, Reach.READ,
                        (r, t) -> r.get(tickets + "/evidence/{id}", ref(t), world().evidence().get(t))),
                onTicket("GET /api/tickets/{reference}/reporter-data", COMMUNICATIE, Reach.READ,
                        (r, t) -> r.get(tickets + "/reporter-data", ref(t))),
                onTicket("POST /api/tickets/{reference}/erase-reporter", COMMUNICATIE, Reach.WORK,
                        (r, t) -> r.post(tickets + "/erase-reporter", ref(t))),
                onTicket("POST /api/tickets/{reference}/location-page", COMMUNICATIE, Reach.WORK,
                        (r, t) -> r.header("X-Requested-By", "matrix").post(tickets + "/location-page", ref(t))),

                general("GET /api/tickets", STAFF, r -> r.get("/api/tickets?q=" + world().word())),
                // A signal taken by phone, without its fields: every staff member may file one (400 here).
                general("POST /api/tickets", STAFF, r -> json(r, Map.of("channel", "PHONE")).post("/api/tickets")),
                general("GET /api/accounts-table/history", STAFF, r -> r.get("/api/accounts-table/history")),
                general("GET /api/units", STAFF, r -> r.get("/api/units")),
                general("GET /api/units/{code}", STAFF, r -> r.get("/api/units/{code}", world().unit1())),
                general("POST /api/units", COMMUNICATIE, r -> json(r, Map.of("code", TestData.unique("UNIT"),
                        "name", "Eenheid uit de matrix")).post("/api/units")),
                general("PUT /api/units/{code}", COMMUNICATIE, r -> json(r, Map.of("name", "Eenheid Twee"))
                        .header("If-Match", STALE).put("/api/units/{code}", world().unit2())),
                general("GET /api/users", COMMUNICATIE, r -> r.get("/api/users")),
                general("POST /api/users", COMMUNICATIE, r -> json(r, Map.of("username",
                        TestData.unique("matrix").toLowerCase(), "password", TestData.STAFF_PASSWORD,
                        "roles", List.of("functionaris"), "function", "CARE_BROKER")).post("/api/users")),
                general("GET /api/users/{username}", COMMUNICATIE,
                        r -> r.get("/api/users/{username}", world().users().get(Role.FUNCTIONARIS_OTHER))),
                general("PUT /api/users/{username}", COMMUNICATIE, r -> json(r, Map.of("roles", List.of("functionaris"),
                        "function", "CARE_BROKER")).header("If-Match", STALE)
                        .put("/api/users/{username}", world().users().get(Role.FUNCTIONARIS_OTHER))),
                general("PUT /api/functions/{code}", COMMUNICATIE, r -> json(r, Map.of("name", "Functie",
                        "topics", List.of())).header("If-Match", STALE).put("/api/functions/{code}", world().function())),
                general("GET /api/functions/{code}/contacts", STAFF,
                        r -> r.get("/api/functions/{code}/contacts", world().function())),
                general("GET /api/functions/{code}/contacts/{id}", STAFF,
                        r -> r.get("/api/functions/{code}/contacts/{id}", world().function(), world().contact())),
                general("POST /api/functions/{code}/contacts", COMMUNICATIE, r -> json(r, Map.of("name", "Nog Een",
                        "email", TestData.unique("c").toLowerCase() + "@sgl-zorg.nl"))
                        .post("/api/functions/{code}/contacts", world().function())),
                general("PUT /api/functions/{code}/contacts/{id}", COMMUNICATIE, r -> json(r, Map.of("name", "Contact",
                        "email", "contact.matrix@sgl-zorg.nl")).header("If-Match", STALE)
                        .put("/api/functions/{code}/contacts/{id}", world().function(), world().contact())),
                general("DELETE /api/functions/{code}/contacts/{id}", COMMUNICATIE, r -> r.header("If-Match", STALE)
                        .delete("/api/functions/{code}/contacts/{id}", world().function(), world().contact())),
                general("GET /api/notifications", COMMUNICATIE, r -> r.get("/api/notifications")),
                general("POST /api/notifications/{id}/retry", COMMUNICATIE,
                        r -> r.post("/api/notifications/{id}/retry", world().notification())),
                general("GET /api/webhooks", COMMUNICATIE, r -> r.get("/api/webhooks")),
                general("POST /api/webhooks", COMMUNICATIE, r -> json(r, webhook()).post("/api/webhooks")),
                general("GET /api/webhooks/{id}", COMMUNICATIE, r -> r.get("/api/webhooks/{id}", webhookId())),
                general("PUT /api/webhooks/{id}", COMMUNICATIE,
                        r -> json(r, webhook()).put("/api/webhooks/{id}", webhookId())),
                // A webhook of its own for every call: communicatie's removes it.
                general("DELETE /api/webhooks/{id}", COMMUNICATIE, r -> r.delete("/api/webhooks/{id}", newWebhook())),
                general("GET /api/webhooks/{id}/deliveries", COMMUNICATIE,
                        r -> r.get("/api/webhooks/{id}/deliveries", webhookId())),
                general("POST /api/webhooks/{id}/deliveries/{deliveryId}/retry", COMMUNICATIE,
                        r -> r.post("/api/webhooks/{id}/deliveries/{d}/retry", webhookId(), WebhookReceiver.delivery(
                                webhookId(), "SGL-2026-999999", DeliveryStatus.FAILED))),
                general("GET /api/stats", COMMUNICATIE, r -> r.get("/api/stats")),
                general("GET /api/access-log", COMMUNICATIE, r -> r.get("/api/access-log")));
    }

    // ---------------------------------------------------------------------------------------------
    // the matrix
    // ---------------------------------------------------------------------------------------------

    /** One row: an endpoint called by one role, for every ticket. */
    record Row(Endpoint endpoint, Role role) {
        @Override
        public String toString() {
            return endpoint.name() + " as " + role.name().toLowerCase();
        }
    }

    static Stream<Row> matrix() {
        return endpoints().stream().flatMap(e -> Stream.of(Role.values()).map(role -> new Row(e, role)));
    }

    /** What the rules say: 401, 403, 404, or 0 for "allowed" (anything but those and 5xx). */
    static int expected(Endpoint endpoint, Role role, Ticket ticket) {
        if (role == Role.ANONYMOUS) {
            return 401;
        }
        if (!endpoint.roles().contains(role)) {
            return 403;
        }
        if (!endpoint.onTicket()) {
            return 0;
        }
        Reach reach = REACH.get(role).get(ticket);
        if (reach == Reach.NONE) {
            return 404;
        }
        if (endpoint.needs() == Reach.WORK && reach == Reach.READ) {
            return 403;
        }
        return switch (endpoint.rule()) {
            case ESCALATE_BY_HAND -> role == Role.COMMUNICATIE
                    || role == Role.FUNCTIONARIS_HANDLING && ticket == Ticket.HR ? 0 : 403;
            // communicatie may acknowledge, but not these: it raised them itself
            case ACKNOWLEDGE -> role == Role.LEIDINGGEVENDE_OWN_UNIT && ticket == Ticket.UNWANTED_CONTACT ? 0 : 403;
            case NONE -> 0;
        };
    }

    private static RequestSpecification as(Role role) {
        return switch (role) {
            case ANONYMOUS -> TestData.api();
            case COMMUNICATIE -> TestData.asCommunicatie();
            default -> TestData.as(world().users().get(role));
        };
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("matrix")
    void shouldAnswerEveryRoleAsItsReachAllows(Row row) {
        world();
        List<Ticket> tickets = row.endpoint().onTicket() ? List.of(Ticket.values()) : List.of(Ticket.HR);
        Map<Ticket, Response> answers = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Ticket ticket : tickets) {
            Response response = row.endpoint().call().apply(as(row.role()), ticket);
            answers.put(ticket, response);
            int status = response.statusCode();
            int expected = expected(row.endpoint(), row.role(), ticket);
            String where = row.endpoint().onTicket() ? "ticket " + ticket + ": " : "";
            if (expected == 0 ? status == 401 || status == 403 || status == 404 || status >= 500 : status != expected) {
                wrong.add(where + "expected " + (expected == 0 ? "access" : expected) + ", got " + status + " "
                        + abbreviate(response.asString()));
            } else if (expected != 0 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                wrong.add(where + status + " is no problem: " + response.contentType());
            }
        }
        if (row.endpoint().onTicket()) {
            // out of reach is answered exactly like a reference that does not exist
            String unknown = shape(answers.get(Ticket.UNKNOWN), ref(Ticket.UNKNOWN));
            for (Ticket ticket : tickets) {
                if (ticket != Ticket.UNKNOWN && REACH.get(row.role()).get(ticket) == Reach.NONE) {
                    String shape = shape(answers.get(ticket), ref(ticket));
                    if (!shape.equals(unknown)) {
                        wrong.add("ticket " + ticket + " is told apart from an unknown reference: " + shape
                                + " vs " + unknown);
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), () -> row + ":\n" + String.join("\n", wrong));
    }

    /** Status, headers that could differ, and body, without the path asked for ("instance"). */
    private static String shape(Response response, String reference) {
        String body = response.asString();
        String member = "\"instance\":\"";
        int start = body.indexOf(member);
        if (start >= 0) {
            int end = body.indexOf('"', start + member.length());
            body = body.substring(0, start + member.length()) + body.substring(end < 0 ? body.length() : end);
        }
        return response.statusCode() + " " + response.contentType() + " WWW-Authenticate="
                + response.header("WWW-Authenticate") + " " + body.replace(reference, "{reference}");
    }

    @Test
    void shouldListToEachRoleExactlyTheTicketsWithinItsReach() {
        World w = world();
        for (Role role : STAFF) {
            List<String> listed = as(role).get("/api/tickets?limit=100&q=" + w.word())
                    .then().statusCode(200).extract().path("items.reference");
            List<String> expected = new ArrayList<>();
            for (Ticket ticket : List.of(Ticket.INFORMS_UNIT, Ticket.UNWANTED_CONTACT, Ticket.HR)) {
                if (REACH.get(role).get(ticket) != Reach.NONE) {
                    expected.add(ref(ticket));
                }
            }
            assertEquals(expected, listed, role + " sees");
        }
    }

    @Test
    void shouldCoverEveryStaffOperationOfTheContract() throws Exception {
        // Every operation in openapi.yaml that needs sign-in is in the matrix, so none is forgotten.
        List<String> inMatrix = endpoints().stream().map(Endpoint::name).toList();
        List<String> missing = new ArrayList<>();
        String path = null;
        boolean publicOperation;
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("openapi/openapi.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.matches("^  /api/.*:\\s*$")) {
                path = line.strip().replaceAll(":$", "");
            } else if (path != null && line.matches("^    (get|post|put|delete|patch):\\s*$")) {
                String method = line.strip().replace(":", "").toUpperCase(java.util.Locale.ROOT);
                publicOperation = false;
                for (int j = i + 1; j < lines.size() && !lines.get(j).matches("^    \\S.*|^  \\S.*"); j++) {
                    if (lines.get(j).strip().equals("security: []")) {
                        publicOperation = true;
                    }
                }
                String name = method + " " + path;
                if (!publicOperation && !inMatrix.contains(name)) {
                    missing.add(name);
                }
            } else if (line.matches("^\\S.*")) {
                path = null;
            }
        }
        assertTrue(missing.isEmpty(), () -> "staff operations missing from the matrix: " + missing);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
