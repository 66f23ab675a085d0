package nl.sglzorg.meldpunt.evidence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.SlowUploads;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.TestImages;
import nl.sglzorg.meldpunt.privacy.ReporterData;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.support.Signals.Filed;

/**
 * Screenshots as evidence: what a reporter sends is re-encoded (no EXIF, no GPS) with its original's
 * SHA-256 kept; anything else is refused with nothing stored; evidence is reporter data.
 */
@QuarkusTest
class EvidenceTest {

    private static final String TOKEN = "X-Tracking-Token";
    private static final String PROBLEM_JSON = ProblemAssertions.PROBLEM_JSON;

    @Inject
    ReporterData reporterData;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URI base;


    private static Response upload(Filed filed, String name, byte[] bytes, String contentType) {
        return TestData.api().header(TOKEN, filed.token()).multiPart("file", name, bytes, contentType)
                .post("/api/signals/{reference}/evidence", filed.reference());
    }

    private static List<Map<String, Object>> list(String reference) {
        return TestData.asCommunicatie().get("/api/tickets/{reference}/evidence", reference)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static byte[] download(String reference, Object id) {
        return TestData.asCommunicatie().get("/api/tickets/{reference}/evidence/{id}", reference, id)
                .then().statusCode(200).extract().asByteArray();
    }

    private static void assertRefused(Response response, int status, String detail) {
        assertEquals(status, response.statusCode(), response::asString);
        assertThat(response.contentType(), startsWith(PROBLEM_JSON));
        assertThat(response.<String>path("detail"), containsString(detail));
        assertEquals(List.of("file"), response.path("violations.field"), response::asString);
        ProblemAssertions.assertNoInternals(response.asString());
    }

    @Test
    void shouldHandStaffAJpegWithoutItsGpsExifAndShowTheOriginalsHash() {
        Filed filed = Signals.file();
        byte[] original = TestImages.jpegWithGps(320, 200);
        assertTrue(TestImages.contains(original, "Exif".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(TestImages.hasApp1(original));
        assertTrue(TestImages.contains(original, new byte[] {(byte) 0x88, 0x25}), "the GPSInfo tag");
        assertNotNull(TestImages.decode(original), "the test image itself is a valid JPEG");

        Response uploaded = upload(filed, "IMG_2041.jpg", original, "image/jpeg");

        uploaded.then().statusCode(201).body("contentType", equalTo("image/jpeg"))
                .body("sha256", equalTo(TestImages.sha256(original)));
        List<Map<String, Object>> evidence = list(filed.reference());
        assertThat(evidence, hasSize(1));
        Map<String, Object> entry = evidence.get(0);
        assertEquals(TestImages.sha256(original), entry.get("sha256"));
        assertEquals("image/jpeg", entry.get("contentType"));
        assertEquals(320, entry.get("width"));
        assertEquals(200, entry.get("height"));
        assertEquals(filed.reference(), entry.get("ticket"));
        assertThat(entry.get("uploadedAt").toString(), startsWith("20"));

        Response response = TestData.asCommunicatie()
                .get("/api/tickets/{reference}/evidence/{id}", filed.reference(), entry.get("id"));
        response.then().statusCode(200).contentType("image/jpeg").header("Cache-Control", "no-store");
        byte[] served = response.asByteArray();
        assertEquals(((Number) entry.get("size")).longValue(), served.length);
        assertFalse(TestImages.hasApp1(served), "no APP1 segment left");
        assertFalse(TestImages.contains(served, "Exif".getBytes(StandardCharsets.US_ASCII)), "no EXIF left");
        assertFalse(TestImages.contains(served, new byte[] {(byte) 0x88, 0x25, 0, 4}), "no GPSInfo tag left");
        BufferedImage image = TestImages.decode(served);
        assertNotNull(image, "the served bytes are a JPEG");
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
    }

    @Test
    void shouldRefuseAnHtmlFileNamedJpgAndStoreNothing() {
        Filed filed = Signals.file();
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);

        assertRefused(upload(filed, "foto.jpg", html, "image/jpeg"), 415, "geen JPEG-, PNG- of WebP-afbeelding");

        assertThat(list(filed.reference()), empty());
    }

    @Test
    void shouldRefuseATruncatedImageAndStoreNothing() {
        Filed filed = Signals.file();
        byte[] jpeg = TestImages.jpeg(200, 120);
        byte[] png = TestImages.png(200, 120);

        assertRefused(upload(filed, "half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2), "image/jpeg"), 415,
                "beschadigd");
        assertRefused(upload(filed, "half.png", Arrays.copyOf(png, png.length / 2), "image/png"), 415, "beschadigd");

        assertThat(list(filed.reference()), empty());
    }

    @Test
    void shouldKeepAPngAsPngAndReencodeAWebpAsPng() {
        Filed filed = Signals.file();
        byte[] png = TestImages.png(64, 40);
        byte[] webp = TestImages.webp();

        // The name and the header are ignored: the bytes say what it is.
        upload(filed, "scherm.webp", png, "application/octet-stream").then().statusCode(201)
                .body("contentType", equalTo("image/png")).body("originalContentType", equalTo("image/png"));
        upload(filed, "scherm.png", webp, "image/png").then().statusCode(201)
                .body("contentType", equalTo("image/png")).body("originalContentType", equalTo("image/webp"))
                .body("width", equalTo(48)).body("height", equalTo(32));

        List<Map<String, Object>> evidence = list(filed.reference());
        assertThat(evidence, hasSize(2));
        assertEquals(TestImages.sha256(webp), evidence.get(1).get("sha256"));
        BufferedImage fromWebp = TestImages.decode(download(filed.reference(), evidence.get(1).get("id")));
        assertEquals(48, fromWebp.getWidth());
        assertEquals(32, fromWebp.getHeight());
        BufferedImage fromPng = TestImages.decode(download(filed.reference(), evidence.get(0).get("id")));
        assertEquals(TestImages.picture(64, 40).getRGB(20, 12), fromPng.getRGB(20, 12), "PNG is lossless");
    }

    @Test
    void shouldRefuseAnImageOverTheSizeLimitAndStoreNothing() {
        Filed filed = Signals.file();
        byte[] tooLarge = Arrays.copyOf(TestImages.jpeg(100, 100), 10 * 1024 * 1024 + 1);

        assertRefused(upload(filed, "groot.jpg", tooLarge, "image/jpeg"), 413, "10 MB");

        // A request whose Content-Length is over the image limit and the multipart framing is refused
        // before its body is read.
        HttpResponse<String> wholeRequest = postWithLength("/api/signals/" + filed.reference() + "/evidence",
                filed.token(), 10 * 1024 * 1024 + 70 * 1024);
        assertEquals(413, wholeRequest.statusCode());
        assertThat(wholeRequest.headers().firstValue("Content-Type").orElse(""), startsWith(PROBLEM_JSON));
        assertThat(wholeRequest.body(), containsString("10 MB"));
        assertThat(list(filed.reference()), empty());
    }

    /** A multipart upload of {@code size} zero bytes, sent with its Content-Length (not chunked). */
    private HttpResponse<String> postWithLength(String path, String token, int size) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--grens\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groot.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(new byte[size]);
        body.writeBytes("\r\n--grens--\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header(TOKEN, token).header(TestData.REQUESTED_BY, "meldpunt-tests")
                .header("Content-Type", "multipart/form-data; boundary=grens")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldAnswer503AtOnceWhenEveryUploadSlotIsTakenAndFreeTheSlotsOfAbortedUploads() {
        Filed filed = Signals.file();
        Filed other = Signals.file();
        try (SlowUploads slow = SlowUploads.takeEverySlot("/api/signals/" + other.reference() + "/evidence")) {
            // Every slot is held by an upload still sending its body: the next is refused before its
            // body is read, whatever its reference or token.
            Response busy = upload(filed, "scherm.png", TestImages.png(30, 30), "image/png");

            ProblemAssertions.assertProblem(busy, 503, "busy", "Even bezet", "/api/signals/" + filed.reference()
                    + "/evidence");
            assertEquals("5", busy.header("Retry-After"));
            // A page form with screenshots waits for the same slots, and a person gets a page.
            Response page = given().multiPart("file", "scherm.png", TestImages.png(30, 30), "image/png")
                    .post("/melden/versturen");
            assertEquals(503, page.statusCode());
            assertThat(page.contentType(), containsString("text/html"));
            assertThat(page.asString(), containsString("Even wachten"));
        }
        // The slow uploads were dropped half-way; their slots are free again (SlowUploads waited for it).
        assertThat(list(filed.reference()), empty());
        assertThat(list(other.reference()), empty());
        upload(filed, "scherm.png", TestImages.png(30, 30), "image/png").then().statusCode(201);
    }

    @Test
    void shouldRefuseAnImageWhoseHeaderClaimsTooManyPixelsBeforeDecodingIt() {
        Filed filed = Signals.file();
        byte[] bomb = TestImages.pngClaiming(50_000, 50_000);

        assertRefused(upload(filed, "bom.png", bomb, "image/png"), 413, "50000 × 50000");

        assertThat(list(filed.reference()), empty());
    }

    @Test
    void shouldRefuseTheSixthImageOfASignal() {
        Filed filed = Signals.file();
        for (int i = 0; i < 5; i++) {
            upload(filed, "scherm" + i + ".png", TestImages.png(20 + i, 20), "image/png").then().statusCode(201);
        }

        Response sixth = upload(filed, "scherm5.png", TestImages.png(30, 20), "image/png");

        ProblemAssertions.assertProblem(sixth, 409, "conflict", "Conflict",
                "/api/signals/" + filed.reference() + "/evidence");
        assertThat(sixth.<String>path("detail"), containsString("5 afbeeldingen"));
        assertThat(list(filed.reference()), hasSize(5));
    }

    @Test
    void shouldRefuseAWrongTokenAndStoreNothing() {
        Filed filed = Signals.file();

        Response wrong = TestData.api().header(TOKEN, "geraden-token").multiPart("file", "scherm.png", TestImages.png(20, 20),
                "image/png").post("/api/signals/{reference}/evidence", filed.reference());
        Response none = TestData.api().multiPart("file", "scherm.png", TestImages.png(20, 20), "image/png")
                .post("/api/signals/{reference}/evidence", filed.reference());

        ProblemAssertions.assertProblem(wrong, 404, "not-found", "Niet gevonden",
                "/api/signals/" + filed.reference() + "/evidence");
        assertEquals(404, none.statusCode());
        assertThat(list(filed.reference()), empty());
    }

    @Test
    void shouldLimitGuessingTokensOnUploadsAsOnTrackingLookUps() {
        Filed filed = Signals.file();
        String client = TestData.freshClient();
        // 20 reporter messages an hour; a wrong token costs 5 of them.
        for (int i = 0; i < 4; i++) {
            TestData.api().header(TOKEN, "fout-" + i).header("X-Forwarded-For", client)
                    .multiPart("file", "scherm.png", TestImages.png(20, 20), "image/png")
                    .post("/api/signals/{reference}/evidence", filed.reference()).then().statusCode(404);
        }

        TestData.api().header(TOKEN, filed.token()).header("X-Forwarded-For", client)
                .multiPart("file", "scherm.png", TestImages.png(20, 20), "image/png")
                .post("/api/signals/{reference}/evidence", filed.reference())
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertThat(list(filed.reference()), empty());
    }

    @Test
    void shouldRecordEveryDownloadInTheAccessLog() {
        Filed filed = Signals.file();
        upload(filed, "scherm.png", TestImages.png(30, 30), "image/png").then().statusCode(201);
        Object id = list(filed.reference()).get(0).get("id");

        download(filed.reference(), id);
        download(filed.reference(), id);

        List<String> actions = TestData.asCommunicatie().get("/api/access-log?ticket=" + filed.reference())
                .then().statusCode(200).extract().path("action");
        assertEquals(2, actions.stream().filter("VIEW_EVIDENCE"::equals).count(), actions::toString);
    }

    @Test
    void shouldShowEvidenceOnlyToStaffWhoMayReadTheTicket() {
        Filed filed = Signals.file(); // MENTION on Twitter, topic GENERAL: communicatie's
        upload(filed, "scherm.png", TestImages.png(30, 30), "image/png").then().statusCode(201);
        Object id = list(filed.reference()).get(0).get("id");
        String outsider = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);
        Filed other = Signals.file();

        TestData.as(outsider).get("/api/tickets/{reference}/evidence", filed.reference()).then().statusCode(404);
        TestData.as(outsider).get("/api/tickets/{reference}/evidence/{id}", filed.reference(), id)
                .then().statusCode(404);
        // Evidence of one ticket is not found under another.
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence/{id}", other.reference(), id)
                .then().statusCode(404);
        TestData.api().get("/api/tickets/{reference}/evidence/{id}", filed.reference(), id).then().statusCode(401);
    }

    @Test
    void shouldShowADuplicatesEvidenceOnTheSurvivor() {
        String url = "https://twitter.com/iemand/status/" + System.nanoTime();
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("url", url);
        Filed survivor = Signals.file(signal);
        Filed duplicate = Signals.file(signal);
        TestData.asCommunicatie().get("/api/tickets/{reference}", duplicate.reference()).then().statusCode(200)
                .body("status", equalTo("MERGED"));
        upload(survivor, "eerste.png", TestImages.png(30, 30), "image/png").then().statusCode(201);

        upload(duplicate, "tweede.png", TestImages.png(40, 30), "image/png").then().statusCode(201);

        List<Map<String, Object>> onSurvivor = list(survivor.reference());
        assertEquals(List.of(survivor.reference(), duplicate.reference()),
                onSurvivor.stream().map(e -> e.get("ticket")).toList());
        BufferedImage fromDuplicate = TestImages.decode(download(survivor.reference(), onSurvivor.get(1).get("id")));
        assertEquals(40, fromDuplicate.getWidth());
        assertThat(list(duplicate.reference()), hasSize(1));
        TestData.asCommunicatie().get("/api/tickets/{reference}/events", survivor.reference()).then().statusCode(200)
                .body("findAll { it.type == 'EVIDENCE_ADDED' }.oldValue", hasItem(duplicate.reference()));
    }

    @Test
    void shouldShowAMergedTicketsEvidenceOnTheSurvivorUntilTheMergeIsUndone() {
        Filed merged = Signals.file();
        Filed survivor = Signals.file();
        upload(merged, "scherm.png", TestImages.png(30, 30), "image/png").then().statusCode(201);
        TestData.asCommunicatie().contentType(ContentType.JSON).body(Map.of("into", survivor.reference()))
                .post("/api/tickets/{reference}/merge", merged.reference()).then().statusCode(200);

        List<Map<String, Object>> onSurvivor = list(survivor.reference());

        assertEquals(List.of(merged.reference()), onSurvivor.stream().map(e -> e.get("ticket")).toList());
        download(survivor.reference(), onSurvivor.get(0).get("id"));
        TestData.asCommunicatie().delete("/api/tickets/{reference}/merge", merged.reference()).then().statusCode(200);
        assertThat(list(survivor.reference()), empty());
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence/{id}", survivor.reference(),
                onSurvivor.get(0).get("id")).then().statusCode(404);
        assertThat(list(merged.reference()), hasSize(1));
    }

    @Test
    void shouldExportTheEvidenceWithTheReporterData() {
        Filed filed = Signals.file();
        byte[] png = TestImages.png(30, 30);
        upload(filed, "scherm.png", png, "image/png").then().statusCode(201);

        TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", filed.reference())
                .then().statusCode(200)
                .body("evidence", hasSize(1))
                .body("evidence[0].sha256", equalTo(TestImages.sha256(png)))
                .body("evidence[0].contentType", equalTo("image/png"));
    }

    @Test
    void shouldEraseTheEvidenceWhenTheReporterAsks() {
        Filed filed = Signals.file();
        upload(filed, "scherm.png", TestImages.png(30, 30), "image/png").then().statusCode(201);
        Object id = list(filed.reference()).get(0).get("id");

        TestData.asCommunicatie().post("/api/tickets/{reference}/erase-reporter", filed.reference())
                .then().statusCode(200);

        assertThat(list(filed.reference()), empty());
        TestData.asCommunicatie().get("/api/tickets/{reference}/evidence/{id}", filed.reference(), id)
                .then().statusCode(404);
        TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", filed.reference())
                .then().statusCode(200).body("evidence", empty());
    }

    @Test
    void shouldEraseTheEvidenceWithTheRestWhenTheRetentionPeriodEnds() {
        try {
            Filed filed = Signals.file();
            upload(filed, "scherm.png", TestImages.png(30, 30), "image/png").then().statusCode(201);
            TestData.asCommunicatie().contentType(ContentType.JSON)
                    .body(Map.of("status", "REJECTED", "message", "Geen signaal over SGL."))
                    .post("/api/tickets/{reference}/transitions", filed.reference()).then().statusCode(200);
            TestClock.INSTANCE.advance(Duration.ofDays(91));

            reporterData.applyRetention();

            assertThat(list(filed.reference()), empty());
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @Test
    void shouldTakeTheTicketUpAgainWhenTheReporterSendsWhatWasAskedFor() {
        Filed filed = Signals.file();
        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("status", "WAITING", "message", "Kun je een schermafbeelding sturen?",
                        "visibleToReporter", true))
                .post("/api/tickets/{reference}/transitions", filed.reference()).then().statusCode(200);

        upload(filed, "scherm.png", TestImages.png(30, 30), "image/png").then().statusCode(201);

        TestData.asCommunicatie().get("/api/tickets/{reference}", filed.reference()).then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void shouldStoreTheReencodedImageNotTheOriginal() {
        Filed filed = Signals.file();
        byte[] png = TestImages.png(30, 30);
        // A payload after the image's end: a viewer ignores it, the re-encoding drops it.
        byte[] smuggled = Arrays.copyOf(png, png.length + 20);
        System.arraycopy("<?php system($x); ?>".getBytes(StandardCharsets.US_ASCII), 0, smuggled, png.length, 20);

        upload(filed, "scherm.png", smuggled, "image/png").then().statusCode(201);

        byte[] served = download(filed.reference(), list(filed.reference()).get(0).get("id"));
        assertFalse(TestImages.contains(served, "<?php".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(Arrays.equals(smuggled, served));
        assertArrayEquals(Arrays.copyOf(served, 8), Arrays.copyOf(png, 8), "still a PNG");
    }

    @Test
    void shouldKeepTheImagesApartFromTheirRows() throws SQLException {
        // H2 keeps a BLOB apart from the row (migration 30, a Java migration that Flyway must find);
        // PostgreSQL keeps a BYTEA this large apart by itself.
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement();
                ResultSet type = statement.executeQuery("SELECT data_type FROM information_schema.columns"
                        + " WHERE table_name = 'evidence' AND column_name = 'data'")) {
            type.next();
            boolean h2 = db.getMetaData().getDatabaseProductName().equals("H2");
            assertEquals(h2 ? "binary large object" : "bytea", type.getString(1));
        }
    }
}
