package nl.sglzorg.meldpunt.ticket;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * The staff queue, {@code GET /api/tickets}. The database is shared with every other test class, so
 * each test finds its own tickets by a word only they carry ({@code q}).
 */
@QuarkusTest
class TicketListTest {

    @Inject
    AgroalDataSource dataSource;

    /** Five tickets that differ in every filterable way, filed oldest first. */
    private record Family(String word, String urlWord, String a, String b, String c, String d, String e,
            Instant beforeAll, Instant betweenCAndD, Instant afterAll) {
    }

    private static Family family() throws InterruptedException {
        String word = Tickets.uniqueWord();
        String urlWord = Tickets.uniqueWord();
        Instant beforeAll = pause();
        // A: a plain mention → communicatie, NORMAL; moved on to TRIAGED.
        String a = Tickets.file(Tickets.signal("MENTION", "TWITTER", word)).reference();
        // B: a derailed discussion about work → HR, HIGH.
        Map<String, Object> derailed = Tickets.signal("DERAILED_DISCUSSION", "FACEBOOK", word);
        derailed.put("topic", "EMPLOYMENT");
        String b = Tickets.file(derailed).reference();
        // C: confidential information → communicatie, URGENT; moved on to IN_PROGRESS.
        String c = Tickets.file(Tickets.signal("CONFIDENTIAL_INFORMATION", "WHATSAPP", word)).reference();
        Instant betweenCAndD = pause();
        // D: a request for logos → communicatie, LOW; rejected.
        String d = Tickets.file(Tickets.signal("BRAND_ASSET_REQUEST", "INSTAGRAM", word)).reference();
        // E: a mention about care → care brokers, NORMAL; the second word only in its URL.
        Map<String, Object> care = Tickets.signal("MENTION", "FACEBOOK", word);
        care.put("topic", "CARE");
        care.put("url", "https://www.facebook.com/zorg/posts/" + urlWord.toUpperCase());
        String e = Tickets.file(care).reference();
        Instant afterAll = pause();

        Tickets.move(a, "TRIAGED");
        Tickets.move(c, "IN_PROGRESS");
        Tickets.move(d, "REJECTED");
        return new Family(word, urlWord, a, b, c, d, e, beforeAll, betweenCAndD, afterAll);
    }

    /**
     * An instant strictly between the filings around it. Deliberate waits, not polls: they put
     * clock time between two filings so a date filter can tell them apart.
     */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        Instant now = Instant.now();
        Thread.sleep(20);
        return now;
    }

    @Test
    void shouldListOnlyMatchingTicketsNewestFirstWithTheirTotal() throws InterruptedException {
        Family f = family();

        JsonPath page = list(Map.of("q", f.word()));
        assertEquals(List.of(f.e(), f.d(), f.c(), f.b(), f.a()), page.getList("items.reference"));
        assertEquals(5, page.getInt("total"));
        assertTrue(page.getBoolean("totalExact"));
        assertNull(page.get("nextCursor"));

        // A row carries what the queue shows.
        Map<String, Object> row = page.getMap("items[0]");
        assertEquals("NEW", row.get("status"));
        assertEquals("Ontvangen", row.get("publicStatus"));
        assertEquals("NORMAL", row.get("priority"));
        assertEquals("MENTION", row.get("category"));
        assertEquals("FACEBOOK", row.get("platform"));
        assertEquals("CARE", row.get("topic"));
        assertEquals("CARE_BROKER", row.get("function"));
        assertNotNull(row.get("createdAt"));
        assertNotNull(row.get("version"));
    }

    @Test
    void shouldCountExactlyUpToTheCapAndThenStopAndSaySo() {
        String word = Tickets.uniqueWord();
        String template = Tickets.file(Tickets.signal(word)).reference();
        StaffMember communicatie = new StaffMember(TestData.ADMIN, Set.of(Roles.COMMUNICATIE), null, null, null);
        TicketSearch.Filters filters = new TicketSearch.Filters(null, null, null, null, null, null, null, word, null,
                null, null, null, null);
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        // Copies of the ticket straight in the database, in a transaction that is rolled back: filing
        // more than the cap of signals through the API would be slow, and no other test sees the copies.
        QuarkusTransaction.begin();
        try {
            copy(template, 1, TicketSearch.TOTAL_CAP - 1);
            TicketPage atTheCap = TicketSearch.search(filters, communicatie, zone, Instant.now());
            assertEquals(TicketSearch.TOTAL_CAP, atTheCap.total());
            assertTrue(atTheCap.totalExact());
            assertEquals(TicketSearch.DEFAULT_LIMIT, atTheCap.items().size());

            copy(template, TicketSearch.TOTAL_CAP, TicketSearch.TOTAL_CAP);
            TicketPage overTheCap = TicketSearch.search(filters, communicatie, zone, Instant.now());
            assertEquals(TicketSearch.TOTAL_CAP, overTheCap.total());
            assertFalse(overTheCap.totalExact(), "more match than the total says");
        } finally {
            QuarkusTransaction.rollback();
        }
        // Rolled back: only the ticket filed through the API is left.
        JsonPath page = list(Map.of("q", word));
        assertEquals(List.of(template), page.getList("items.reference"));
        assertEquals(1, page.getInt("total"));
        assertTrue(page.getBoolean("totalExact"));
    }

    /** Copies {@code template} as tickets COPY-first .. COPY-last, in the current transaction. */
    private static void copy(String template, int first, int last) {
        Panache.getEntityManager().createNativeQuery("insert into ticket (reference, category, platform, topic,"
                + " description, wants_updates, language, status, priority, routed_function, routed_function_name,"
                + " respond_via, routing_reason, routing_table_revision, tracking_token_hash, created_at, updated_at)"
                + " with recursive copies(n) as"
                + " (select cast(?1 as integer) union all select n + 1 from copies where n < ?2)"
                + " select 'COPY-' || copies.n, category, platform, topic, description, wants_updates, language,"
                + " status, priority, routed_function, routed_function_name, respond_via, routing_reason,"
                + " routing_table_revision, 'copy-' || copies.n, created_at, updated_at"
                + " from ticket, copies where reference = ?3")
                .setParameter(1, first).setParameter(2, last).setParameter(3, template).executeUpdate();
    }

    @Test
    void shouldFilterByEveryField() throws InterruptedException {
        Family f = family();

        assertEquals(List.of(f.e(), f.b()), refs(Map.of("q", f.word(), "status", "NEW")));
        assertEquals(List.of(f.d()), refs(Map.of("q", f.word(), "status", "REJECTED")));
        assertEquals(List.of(f.b()), refs(Map.of("q", f.word(), "category", "DERAILED_DISCUSSION")));
        assertEquals(List.of(f.c()), refs(Map.of("q", f.word(), "category", "CONFIDENTIAL_INFORMATION")));
        assertEquals(List.of(f.e(), f.b()), refs(Map.of("q", f.word(), "platform", "FACEBOOK")));
        assertEquals(List.of(f.d()), refs(Map.of("q", f.word(), "platform", "INSTAGRAM")));
        assertEquals(List.of(f.e()), refs(Map.of("q", f.word(), "topic", "CARE")));
        assertEquals(List.of(f.d(), f.c(), f.a()), refs(Map.of("q", f.word(), "topic", "GENERAL")));
        assertEquals(List.of(f.b()), refs(Map.of("q", f.word(), "function", "HR_REPRESENTATIVE")));
        assertEquals(List.of(f.d(), f.c(), f.a()), refs(Map.of("q", f.word(), "function", "COMMUNICATIONS")));
        assertEquals(List.of(), refs(Map.of("q", f.word(), "function", "EXECUTIVE")));
        assertEquals(List.of(f.c()), refs(Map.of("q", f.word(), "priority", "URGENT")));
        assertEquals(List.of(f.b()), refs(Map.of("q", f.word(), "priority", "HIGH")));
        assertEquals(List.of(f.e(), f.a()), refs(Map.of("q", f.word(), "priority", "NORMAL")));
        assertEquals(List.of(f.d()), refs(Map.of("q", f.word(), "priority", "LOW")));
        // Filters combine.
        assertEquals(List.of(f.e()), refs(Map.of("q", f.word(), "platform", "FACEBOOK", "status", "NEW",
                "topic", "CARE")));
        assertEquals(List.of(), refs(Map.of("q", f.word(), "platform", "FACEBOOK", "priority", "URGENT")));
    }

    @Test
    void shouldTakeStatusRepeatedOrCommaSeparated() throws InterruptedException {
        Family f = family();

        JsonPath repeated = asCommunicatie().queryParam("q", f.word())
                .queryParam("status", "TRIAGED").queryParam("status", "IN_PROGRESS")
                .get("/api/tickets").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(f.c(), f.a()), repeated.getList("items.reference"));
        assertEquals(2, repeated.getInt("total"));

        assertEquals(List.of(f.d(), f.c(), f.a()), refs(Map.of("q", f.word(), "status", "TRIAGED,IN_PROGRESS,REJECTED")));
    }

    @Test
    void shouldFindWordsInTheDescriptionOrTheUrl() throws InterruptedException {
        Family f = family();

        // Only in the URL, and typed in another case than it was filed.
        assertEquals(List.of(f.e()), refs(Map.of("q", f.urlWord())));
        assertEquals(List.of(f.e()), refs(Map.of("q", f.word().toUpperCase() + " " + f.urlWord())));
        // Every word must occur.
        assertEquals(List.of(), refs(Map.of("q", f.word() + " " + Tickets.uniqueWord())));
        // Wildcards are text, not patterns.
        assertEquals(List.of(), refs(Map.of("q", f.word().substring(0, 4) + "%" + f.word().substring(5))));
        assertEquals(List.of(), refs(Map.of("q", f.word().substring(0, 4) + "_" + f.word().substring(5))));
    }

    @Test
    void shouldFilterByCreationTime() throws InterruptedException {
        Family f = family();

        assertEquals(List.of(f.e(), f.d()), refs(Map.of("q", f.word(), "createdFrom", f.betweenCAndD().toString())));
        assertEquals(List.of(f.c(), f.b(), f.a()), refs(Map.of("q", f.word(), "createdTo", f.betweenCAndD().toString())));
        assertEquals(5, refs(Map.of("q", f.word(), "createdFrom", f.beforeAll().toString(),
                "createdTo", f.afterAll().toString())).size());
        assertEquals(List.of(), refs(Map.of("q", f.word(), "createdFrom", f.afterAll().toString())));

        // A date is a whole day in SGL's time zone: createdTo includes it, createdFrom starts it.
        Instant createdA = Instant.parse(Tickets.detail(f.a()).getString("createdAt"));
        LocalDate day = createdA.atZone(ZoneId.of("Europe/Amsterdam")).toLocalDate();
        assertTrue(refs(Map.of("q", f.word(), "createdFrom", day.toString(), "createdTo", day.plusDays(1).toString()))
                .contains(f.a()));
        assertTrue(refs(Map.of("q", f.word(), "createdTo", day.toString())).contains(f.a()));
        assertEquals(List.of(), refs(Map.of("q", f.word(), "createdTo", day.minusDays(1).toString())));
        assertEquals(List.of(), refs(Map.of("q", f.word(), "createdFrom", day.plusDays(1).toString())));

        badRequest(Map.of("createdFrom", "gisteren"), "createdFrom");
        badRequest(Map.of("createdTo", "2026-13-45"), "createdTo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5"})
    void shouldRefuseALimitOutsideOneToHundred(String limit) {
        badRequest(Map.of("limit", limit), "limit");
    }

    @Test
    void shouldAcceptTheBoundsOfTheLimit() throws InterruptedException {
        Family f = family();

        JsonPath one = list(Map.of("q", f.word(), "limit", "1"));
        assertEquals(List.of(f.e()), one.getList("items.reference"));
        assertEquals(5, one.getInt("total"));
        assertNotNull(one.get("nextCursor"));
        assertEquals(5, list(Map.of("q", f.word(), "limit", "100")).getList("items").size());
    }

    @Test
    void shouldWalkEveryMatchingTicketExactlyOnceByCursor() {
        String word = Tickets.uniqueWord();
        List<String> filed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            filed.add(0, Tickets.file(Tickets.signal(word)).reference());
        }

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> params = cursor == null ? Map.of("q", word, "limit", "2")
                    : Map.of("q", word, "limit", "2", "cursor", cursor);
            JsonPath page = list(params);
            // total counts all pages; from page 2 on it includes the ticket filed during the walk.
            assertEquals(pages == 0 ? 7 : 8, page.getInt("total"));
            List<String> items = page.getList("items.reference");
            assertTrue(items.size() <= 2);
            walked.addAll(items);
            cursor = page.getString("nextCursor");
            pages++;
            if (pages == 1) {
                // A ticket filed while walking is newer than the cursor: it shows on a new walk, not this one.
                Tickets.file(Tickets.signal(word));
            }
        } while (cursor != null && pages < 10);

        assertEquals(4, pages);
        assertEquals(filed, walked, "newest first, each exactly once");
        assertEquals(walked.size(), new HashSet<>(walked).size());
    }

    @Test
    void shouldSortByPriorityUrgentFirstAndWalkThatOrderByCursor() throws InterruptedException {
        Family f = family();
        List<String> expected = List.of(f.c(), f.b(), f.e(), f.a(), f.d());

        assertEquals(expected, refs(Map.of("q", f.word(), "sort", "priority")));
        assertEquals(expected, walk(Map.of("q", f.word(), "sort", "priority"), 2));
        assertEquals(expected, walk(Map.of("q", f.word(), "sort", "priority"), 1));
        assertEquals(List.of(f.e(), f.d(), f.c(), f.b(), f.a()), refs(Map.of("q", f.word(), "sort", "newest")));

        // A changed priority moves the ticket: A becomes urgent, and among equals the newest comes first.
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("priority", "URGENT"))
                .put("/api/tickets/{reference}/priority", f.a()).then().statusCode(200);
        assertEquals(List.of(f.c(), f.a(), f.b(), f.e(), f.d()), walk(Map.of("q", f.word(), "sort", "priority"), 2));
    }

    /**
     * Page 1 of a sort by priority or deadline, filtered by status or function, walks the index of
     * that sort on H2, as the later pages do, instead of reading and sorting every ticket of the
     * status ({@code QueueIndexHints}; at 100 k tickets 40,000 rows and 1–2 s). The plan is H2's own
     * for the statement the list ran, read back from H2's query statistics. PostgreSQL plans by its
     * statistics of the data: {@code bench/run.sh --postgres} measures it.
     */
    @ParameterizedTest
    @CsvSource({
        "status=NEW&sort=due, ticket_status_due_idx",
        "function=COMMUNICATIONS&sort=due, ticket_function_due_idx",
        "status=NEW&sort=priority, ticket_status_priority_idx",
        "function=COMMUNICATIONS&sort=priority, ticket_function_priority_idx",
        "status=IN_PROGRESS&function=COMMUNICATIONS&sort=due, ticket_status_due_idx",
        "status=IN_PROGRESS&function=COMMUNICATIONS&sort=priority, ticket_status_priority_idx",
        // The view "Mijn functie": a function, every open status, by deadline.
        "'function=COMMUNICATIONS&status=NEW,TRIAGED,IN_PROGRESS,WAITING,ESCALATED&sort=due', ticket_function_due_idx"})
    void shouldWalkTheIndexOfTheSortFromTheFirstPageOnH2(String query, String index) throws SQLException {
        assertOnePageWalking(index, plansOnH2(query, PAGE).get(PAGE));
    }

    /**
     * Filtered by a function and a status, or by a platform and a category, the total is counted in
     * the index on both columns (V31) without reading a ticket row, and page 1, newest first, is a
     * walk of that index: with an index on each column alone, H2 read every ticket of one value to
     * test the other (at 100 k tickets 1,200-6,000 rows for the total; docs/benchmarks.md).
     */
    @ParameterizedTest
    @CsvSource({
        "status=IN_PROGRESS&function=COMMUNICATIONS, ticket_function_status_idx",
        "platform=TWITTER&category=MENTION, ticket_platform_category_idx"})
    void shouldCountAndPageTwoFiltersInTheIndexOnBothOnH2(String query, String index) throws SQLException {
        Map<String, List<String>> plans = plansOnH2(query, PAGE, COUNT);
        List<String> counts = plans.get(COUNT);
        assertEquals(1, counts.size(), "one count: " + counts);
        assertTrue(counts.get(0).contains("public." + index + ":"), counts.get(0));
        assertOnePageWalking(index, plans.get(PAGE));
    }

    /** The staff list's page query, as H2 records it: the one statement with an order. */
    private static final String PAGE = "%from ticket t1_0 where 1=1%order by%";

    /** The staff list's count of its total, as H2 records it: ids only. */
    private static final String COUNT = "select t1_0.id from ticket t1_0 where 1=1%";

    private static void assertOnePageWalking(String index, List<String> pages) {
        assertEquals(1, pages.size(), "one page query: " + pages);
        assertTrue(pages.get(0).contains("public." + index + ":"), pages.get(0));
        assertTrue(pages.get(0).contains("/* index sorted */"), "no sort left: " + pages.get(0));
    }

    /**
     * H2's plans, per pattern, for the statements like each of {@code patterns} that one request of
     * the staff list for {@code query} ran, read back from H2's query statistics. PostgreSQL plans by
     * its statistics of the data: {@code bench/run.sh --postgres} measures it.
     */
    private Map<String, List<String>> plansOnH2(String query, String... patterns) throws SQLException {
        Map<String, List<String>> recorded = new HashMap<>();
        Map<String, List<String>> plans = new HashMap<>();
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            Assumptions.assumeTrue(db.getMetaData().getDatabaseProductName().equals("H2"), "H2's plans only");
            statement.execute("SET QUERY_STATISTICS FALSE"); // forgets the statements recorded so far
            statement.execute("SET QUERY_STATISTICS TRUE");
            try {
                asCommunicatie().get("/api/tickets?" + query).then().statusCode(200);
                // All read before any is explained: an EXPLAIN is recorded too.
                for (String pattern : patterns) {
                    recorded.put(pattern, recordedLike(db, pattern));
                }
                for (String pattern : patterns) {
                    List<String> explained = new ArrayList<>();
                    for (String sql : recorded.get(pattern)) {
                        try (PreparedStatement explain = db.prepareStatement("EXPLAIN " + sql);
                                ResultSet plan = explain.executeQuery()) {
                            plan.next();
                            explained.add(plan.getString(1));
                        }
                    }
                    plans.put(pattern, explained);
                }
            } finally {
                statement.execute("SET QUERY_STATISTICS FALSE");
            }
        }
        return plans;
    }

    private static List<String> recordedLike(Connection db, String pattern) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement recordedLike = db.prepareStatement("SELECT sql_statement FROM"
                + " information_schema.query_statistics WHERE sql_statement LIKE ?")) {
            recordedLike.setString(1, pattern);
            try (ResultSet recorded = recordedLike.executeQuery()) {
                while (recorded.next()) {
                    statements.add(recorded.getString(1));
                }
            }
        }
        return statements;
    }

    @Test
    void shouldRefuseACursorThatIsNotOne() throws InterruptedException {
        Family f = family();
        String newestCursor = list(Map.of("q", f.word(), "limit", "1")).getString("nextCursor");
        String priorityCursor = list(Map.of("q", f.word(), "limit", "1", "sort", "priority")).getString("nextCursor");

        String notACursor = Base64.getUrlEncoder().encodeToString("niet-een-cursor".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("abc!", "%%%", notACursor, "bjphYmM")) {
            badRequest(Map.of("q", f.word(), "cursor", cursor), "cursor");
        }
        // A cursor belongs to the order it was made for.
        badRequest(Map.of("q", f.word(), "cursor", newestCursor, "sort", "priority"), "cursor");
        badRequest(Map.of("q", f.word(), "cursor", priorityCursor), "cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"d:9223372036854775807:1", "d:-9223372036854775808:1", "d:31556889864403199:1",
        "d:-31557014167219200:1", "d:99999999999999:1", "d:-99999999999999:1"})
    void shouldRefuseACursorWithATimeOutOfRangeNamingIt(String raw) {
        // Well-formed, but no deadline is ever that far: refused as a bad cursor, never a 500.
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        badRequest(Map.of("sort", "due", "cursor", cursor), "cursor");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+100000-01-01T00:00:00Z", "-100000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"})
    void shouldRefuseACreationTimeOutOfRangeNamingIt(String time) {
        badRequest(Map.of("createdFrom", time), "createdFrom");
        badRequest(Map.of("createdTo", time), "createdTo");
    }

    @ParameterizedTest
    @CsvSource({"status, DONE", "category, RUMOUR", "platform, TIKTOK", "topic, WEATHER", "priority, CRITICAL",
        "sort, oldest"})
    void shouldRefuseAnUnknownFilterValueNamingIt(String parameter, String value) {
        badRequest(Map.of(parameter, value), parameter);
    }

    @Test
    void shouldRefuseAQueryOfMoreThanTenWords() {
        badRequest(Map.of("q", "een twee drie vier vijf zes zeven acht negen tien elf"), "q");
    }

    @Test
    void shouldRequireSignInForTheQueue() {
        given().get("/api/tickets").then().statusCode(401);
    }

    // ------------------------------------------------------------------------------------------

    private static JsonPath list(Map<String, ?> params) {
        RequestSpecification request = asCommunicatie();
        params.forEach(request::queryParam);
        return request.get("/api/tickets")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
    }

    private static List<String> refs(Map<String, ?> params) {
        JsonPath page = list(params);
        List<String> items = page.getList("items.reference");
        assertEquals(items.size(), page.getInt("total"), "total for " + params);
        assertTrue(page.getBoolean("totalExact"), "totalExact for " + params);
        return items;
    }

    /** All references over every page of {@code limit}, following {@code nextCursor}. */
    private static List<String> walk(Map<String, String> params, int limit) {
        List<String> all = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            Map<String, String> query = new HashMap<>(params);
            query.put("limit", Integer.toString(limit));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = list(query);
            all.addAll(page.getList("items.reference"));
            cursor = page.getString("nextCursor");
            assertFalse(cursor != null && !cursors.add(cursor), "a cursor must never repeat");
        } while (cursor != null);
        return all;
    }

    private static void badRequest(Map<String, ?> params, String field) {
        RequestSpecification request = asCommunicatie();
        params.forEach(request::queryParam);
        request.get("/api/tickets")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
    }
}
