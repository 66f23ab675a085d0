package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.PageForms;
import org.junit.jupiter.api.Test;

/**
 * The queue page, {@code /beheer/wachtrij}: its filters, sorts, paging, counts, deadline badges and
 * saved views, and the access rule of the staff list. The database is shared, so each test finds its
 * own tickets by a word only they carry ({@code q}).
 */
@QuarkusTest
class QueuePageTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"" + PageForms.FIELD + "\" value=\"([^\"]+)\"");
    private static final Pattern REFERENCE = Pattern.compile("<a href=\"/beheer/meldingen/([^\"]+)\">");
    private static final Pattern DELETE = Pattern.compile("action=\"/beheer/wachtrij/weergaven/(\\d+)/verwijderen");

    @Test
    void shouldOpenCommunicatieOnNewAndUrgent() {
        TestData.asCommunicatie().redirects().follow(false).get("/beheer/wachtrij")
                .then().statusCode(303).header("Location", containsString("/beheer/wachtrij?status=NEW&sort=priority"));
        String page = page(TestData.asCommunicatie(), "status=NEW&sort=priority");
        assertTrue(page.contains("aria-current=\"page\">Nieuw en urgent</a>"), "the view is marked as open");
    }

    @Test
    void shouldFilterSortAndPageLikeTheStaffList() {
        String word = word();
        String normal = file("MENTION", "TWITTER", word, null);
        String urgent = file("CONFIDENTIAL_INFORMATION", "WHATSAPP", word, null);
        String low = file("BRAND_ASSET_REQUEST", "INSTAGRAM", word, null);

        assertEquals(List.of(low, urgent, normal), references(page(TestData.asCommunicatie(), "q=" + word)));
        assertEquals(List.of(urgent, normal, low),
                references(page(TestData.asCommunicatie(), "q=" + word + "&sort=priority")));
        assertEquals(List.of(urgent), references(page(TestData.asCommunicatie(), "q=" + word + "&platform=WHATSAPP")));
        assertEquals(List.of(urgent), references(page(TestData.asCommunicatie(), "q=" + word + "&priority=URGENT")));
        String none = page(TestData.asCommunicatie(), "q=" + word + "&status=TRIAGED,CLOSED");
        assertEquals(List.of(), references(none));
        assertTrue(none.contains("Er zijn geen meldingen die bij dit filter passen."));

        String first = page(TestData.asCommunicatie(), "q=" + word + "&limit=2&sort=priority");
        assertEquals(List.of(urgent, normal), references(first));
        assertTrue(first.contains("3 meldingen"), "the total over all pages");
        Matcher next = Pattern.compile("href=\"/beheer/wachtrij\\?([^\"]+)\" rel=\"next\"").matcher(first);
        assertTrue(next.find(), "a link to the next page");
        String second = page(TestData.asCommunicatie(), next.group(1).replace("&amp;", "&"));
        assertEquals(List.of(low), references(second));
        assertTrue(second.contains("Eerste pagina"));
        assertFalse(second.contains("rel=\"next\""), "the last page has no next");
    }

    @Test
    void shouldShowTheDeadlinesInWordsAndListWhatIsDueToday() {
        String word = word();
        Instant now = Instant.now();
        String breached = file("MENTION", "TWITTER", word, null);
        String warned = file("MENTION", "TWITTER", word, null);
        String later = file("MENTION", "TWITTER", word, null);
        setDeadline(breached, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(3)));
        setDeadline(warned, now.plus(Duration.ofMinutes(30)), now.minus(Duration.ofMinutes(5)));
        setDeadline(later, now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(2)));

        String page = page(TestData.asCommunicatie(), "q=" + word + "&sort=due");
        assertEquals(List.of(breached, warned, later), references(page));
        assertEquals("Te laat", badgeOf(page, breached));
        assertEquals("Bijna te laat", badgeOf(page, warned));
        assertEquals("", badgeOf(page, later));

        List<String> today = references(page(TestData.asCommunicatie(), "deadline=vandaag&sort=due&q=" + word));
        assertTrue(today.contains(breached), "a passed deadline is due today too");
        assertFalse(today.contains(later), "a deadline in three days is not");
    }

    @Test
    void shouldCountPerStatusWithLinksThatFilter() {
        String before = page(TestData.asCommunicatie(), "sort=newest");
        long newBefore = count(before, "Nieuw");
        file("MENTION", "TWITTER", word(), null);
        String after = page(TestData.asCommunicatie(), "sort=newest");
        // Past the cap (a database other tests filled) the count stays "1000+".
        assertEquals(newBefore == CAPPED ? CAPPED : newBefore + 1, count(after, "Nieuw"));
        assertTrue(after.contains("href=\"/beheer/wachtrij?status=NEW\""));
        assertTrue(after.matches("(?s).*<span>Gesloten</span> <span class=\"queue-count\">\\d+\\+?</span>.*"),
                "a closed status is counted, capped");
    }

    @Test
    void shouldSaveOpenAndDeleteAViewOfTheUsersOwn() {
        String user = TestData.createUser(List.of("communicatie"), null, null);
        String word = word();
        String name = "Urgent op WhatsApp " + word.substring(2, 8);
        Response saved = post(user, "/beheer/wachtrij/weergaven", "q=" + word + "&priority=URGENT&sort=due",
                Map.of("name", name));
        saved.then().statusCode(303);
        String location = saved.header("Location");
        assertTrue(location.contains("/beheer/wachtrij?priority=URGENT&q=" + word + "&sort=due&klaar=bewaard"), location);

        String page = page(TestData.as(user), location.substring(location.indexOf('?') + 1));
        assertTrue(page.contains("De weergave is bewaard."));
        assertTrue(page.contains("href=\"/beheer/wachtrij?priority=URGENT&amp;q=" + word + "&amp;sort=due\" aria-current=\"page\">"
                + name + "</a>"), "the view is listed, and open");

        // Another user neither sees it nor deletes it.
        String other = TestData.createUser(List.of("communicatie"), null, null);
        String id = viewId(page, name);
        assertFalse(page(TestData.as(other), "sort=newest").contains(name));
        post(other, "/beheer/wachtrij/weergaven/" + id + "/verwijderen", "", Map.of()).then().statusCode(404);
        assertTrue(page(TestData.as(user), "sort=newest").contains(name));

        Response deleted = post(user, "/beheer/wachtrij/weergaven/" + id + "/verwijderen", "sort=newest", Map.of());
        deleted.then().statusCode(303).header("Location", containsString("klaar=verwijderd"));
        String afterDelete = page(TestData.as(user), "sort=newest&klaar=verwijderd");
        assertTrue(afterDelete.contains("De weergave is verwijderd."));
        assertFalse(afterDelete.contains(name));
        // The built-in views have no delete button.
        assertFalse(afterDelete.contains("Verwijderen<span class=\"queue-hidden\"> weergave Nieuw en urgent"));
    }

    @Test
    void shouldRefuseABadViewNameNextToTheFieldAndKeepWhatWasTyped() {
        String user = TestData.createUser(List.of("communicatie"), null, null);
        assertNameRefused(user, "   ", "Geef de weergave een naam.");
        String tooLong = "x".repeat(61);
        String page = assertNameRefused(user, tooLong, "De naam is te lang. Gebruik hoogstens 60 tekens.");
        assertTrue(page.contains("value=\"" + tooLong + "\""), "what was typed is kept");
        assertNameRefused(user, "nieuw EN urgent", "Je hebt al een weergave met deze naam. Kies een andere naam.");

        post(user, "/beheer/wachtrij/weergaven", "sort=due", Map.of("name", "Mijn lijst")).then().statusCode(303);
        assertNameRefused(user, "MIJN LIJST", "Je hebt al een weergave met deze naam. Kies een andere naam.");
        // Sixty characters are fine, an emoji counting as one.
        post(user, "/beheer/wachtrij/weergaven", "sort=due", Map.of("name", "🙂".repeat(60))).then().statusCode(303);

        // Filters longer than a view keeps: named next to the field, not a 500 from the database.
        String tooMuch = post(user, "/beheer/wachtrij/weergaven", "sort=due&function=" + "A".repeat(2100),
                Map.of("name", "Te veel")).then().statusCode(400).extract().asString();
        assertTrue(tooMuch.contains("Deze filters zijn te lang om als weergave te bewaren."), tooMuch);
        assertTrue(tooMuch.contains("value=\"Te veel\""), "what was typed is kept");

        // Without the form's CSRF token nothing is saved.
        TestData.as(user).contentType("application/x-www-form-urlencoded; charset=UTF-8").redirects().follow(false)
                .formParam("name", "Zonder token").post("/beheer/wachtrij/weergaven?sort=due").then().statusCode(400);

        String views = page(TestData.as(user), "sort=newest");
        assertEquals(1, count(views, "Mijn lijst", "</a>"), "a refused name is not stored");
        assertFalse(views.contains("Zonder token"));
        assertFalse(views.contains("Te veel"));
    }

    @Test
    void shouldShowAFunctionarisOnlyWhatTheApiShowsThem() {
        String word = word();
        String mention = file("MENTION", "TWITTER", word, null);
        String care = file("MENTION", "FACEBOOK", word, "CARE");
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);

        String page = page(TestData.as(user), "q=" + word);
        List<String> api = TestData.as(user).get("/api/tickets?q=" + word).then().statusCode(200)
                .extract().jsonPath().getList("items.reference");
        assertEquals(api, references(page));
        assertEquals(List.of(care), references(page));
        assertFalse(page.contains(mention));
        assertTrue(page.contains(">Mijn functie</a>"), "a functionaris has the view of their function");
        // Their queue opens on all they may see, not on communicatie's view.
        TestData.as(user).redirects().follow(false).get("/beheer/wachtrij").then().statusCode(200);
    }

    @Test
    void shouldAnswerJunkInTheAddressWithAProblemOnThePageNotA500() {
        String page = TestData.asCommunicatie()
                .get("/beheer/wachtrij?status=BOGUS&sort=sideways&limit=abc&createdFrom=gisteren&deadline=morgen&x=1")
                .then().statusCode(400).contentType(containsString("text/html")).extract().asString();
        assertTrue(page.contains("<a href=\"#filter-status\">Kies de status uit de lijst.</a>"), page);
        assertTrue(page.contains("<a href=\"#filter-deadline\">"), "the deadline's mistake besides");
        assertFalse(page.contains("Exception"));
        TestData.asCommunicatie().get("/beheer/wachtrij?deadline=morgen").then().statusCode(400)
                .body(containsString("<a href=\"#filter-deadline\">"));
        TestData.asCommunicatie().get("/beheer/wachtrij?cursor=%21%21%21").then().statusCode(400)
                .body(containsString("De link naar deze pagina klopt niet meer."), not(containsString("Exception")));
        TestData.asCommunicatie().get("/beheer/wachtrij?q=" + "a ".repeat(20)).then().statusCode(400)
                .body(containsString("Zoek op hoogstens 10 woorden"));
    }

    // --- helpers

    private static String word() {
        return "zw" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    }

    private static String file(String category, String platform, String word, String topic) {
        Map<String, Object> signal = new HashMap<>(TestData.signal(category, platform));
        signal.put("description", "Er wordt over SGL geschreven, kenmerk " + word + ".");
        if (topic != null) {
            signal.put("topic", topic);
        }
        return given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
    }

    /** Moves a ticket's running first-response deadline and its warning. */
    static void setDeadline(String reference, Instant due, Instant warnAt) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "update ticket set first_response_due = ?1, first_response_warn_at = ?2, next_due = ?1,"
                        + " first_response_warned = true, first_response_breached = true where reference = ?3")
                .setParameter(1, OffsetDateTime.ofInstant(due, ZoneOffset.UTC))
                .setParameter(2, OffsetDateTime.ofInstant(warnAt, ZoneOffset.UTC))
                .setParameter(3, reference).executeUpdate());
    }

    private static String page(RequestSpecification as, String query) {
        return as.urlEncodingEnabled(false).get("/beheer/wachtrij?" + query).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
    }

    private static List<String> references(String page) {
        List<String> references = new ArrayList<>();
        Matcher m = REFERENCE.matcher(page);
        while (m.find()) {
            references.add(m.group(1));
        }
        return references;
    }

    /** The words of the deadline badge in a ticket's row, or "" without one. */
    private static String badgeOf(String page, String reference) {
        int row = page.indexOf("/beheer/meldingen/" + reference + "\"");
        String rest = page.substring(row, page.indexOf("</tr>", row));
        Matcher m = Pattern.compile("<span class=\"badge[^\"]*\">([^<]+)</span>").matcher(rest);
        return m.find() ? m.group(1) : "";
    }

    /** What {@link #count} answers for a count shown as "1000+". */
    private static final long CAPPED = -1;

    private static long count(String page, String status) {
        Matcher m = Pattern.compile("<span>" + status + "</span> <span class=\"queue-count\">(\\d+)(\\+?)</span>").matcher(page);
        assertTrue(m.find(), "a count for " + status);
        return m.group(2).isEmpty() ? Long.parseLong(m.group(1)) : CAPPED;
    }

    private static int count(String page, String text, String suffix) {
        return page.split(Pattern.quote(">" + text + suffix), -1).length - 1;
    }

    private static String viewId(String page, String name) {
        int at = page.indexOf(">" + name + "</a>");
        Matcher m = DELETE.matcher(page.substring(at));
        assertTrue(m.find(), "a delete button for " + name);
        return m.group(1);
    }

    /** A form post as a signed-in browser sends it: the CSRF cookie and token of a page it opened first. */
    private static Response post(String user, String path, String query, Map<String, String> fields) {
        Response opened = TestData.as(user).get("/beheer/wachtrij?sort=newest");
        opened.then().statusCode(200);
        RequestSpecification post = TestData.as(user).cookie(PageForms.COOKIE, opened.cookie(PageForms.COOKIE))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").redirects().follow(false)
                .formParam(PageForms.FIELD, PageForms.hidden(opened.asString(), TOKEN));
        fields.forEach(post::formParam);
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                post.queryParam(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return post.post(path);
    }

    private static String assertNameRefused(String user, String name, String message) {
        String page = post(user, "/beheer/wachtrij/weergaven", "sort=due", Map.of("name", name))
                .then().statusCode(400).extract().asString();
        assertTrue(page.contains("<a href=\"#view-name\">" + message + "</a>"), "in the summary: " + message);
        assertTrue(page.contains("id=\"view-name-error\"><span class=\"error-prefix\">Fout:</span> " + message),
                "next to the field: " + message);
        return page;
    }
}
