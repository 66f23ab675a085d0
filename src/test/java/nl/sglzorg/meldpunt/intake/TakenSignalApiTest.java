package nl.sglzorg.meldpunt.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import nl.sglzorg.meldpunt.support.Tickets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/tickets}: staff file a signal taken by phone or in person, for its reporter; and the
 * channel in the staff list and detail.
 */
@QuarkusTest
class TakenSignalApiTest {

    private static Map<String, Object> taken(String channel, String word) {
        Map<String, Object> signal = new HashMap<>(Tickets.signal(word));
        signal.put("channel", channel);
        return signal;
    }

    @Test
    void shouldFileForTheReporterAndSayWhoTookIt() {
        String functionaris = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);
        String word = Tickets.uniqueWord();
        JsonPath receipt = TestData.as(functionaris).contentType(ContentType.JSON).body(taken("PHONE", word))
                .post("/api/tickets")
                .then().statusCode(201).header("Location", containsString("/api/tickets/SGL-"))
                .body("trackingToken", notNullValue()).extract().jsonPath();
        String reference = receipt.getString("reference");

        JsonPath detail = Tickets.detail(reference);
        assertEquals("PHONE", detail.getString("channel"));
        assertEquals(functionaris, detail.getString("filedBy"));
        List<Map<String, Object>> filed = detail.getList("events.findAll { it.type == 'FILED' }");
        assertEquals(1, filed.size());
        assertEquals(functionaris, filed.get(0).get("actor"));
        assertEquals("aangenomen door " + functionaris + " (telefoon)", filed.get(0).get("text"));

        // The code the staff member read out works for the reporter.
        given().header(Tickets.TOKEN_HEADER, receipt.getString("trackingToken"))
                .get("/api/signals/{reference}", reference).then().statusCode(200);
    }

    @Test
    void shouldMailTheCodeToAReporterWhoWantsUpdatesAndNotShowItToStaff() throws Exception {
        String word = Tickets.uniqueWord();
        String address = "beller-" + word + "@example.org";
        Map<String, Object> signal = taken("IN_PERSON", word);
        signal.put("reporter", Map.of("name", "Beller", "email", address));
        signal.put("wantsUpdates", true);
        String reference = TestData.asCommunicatie().contentType(ContentType.JSON).body(signal).post("/api/tickets")
                .then().statusCode(201).body("trackingToken", nullValue()).extract().path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(address), 1, Duration.ofSeconds(20)).get(0);
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains(reference), text);
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("Je volgcode is: (\\S+)").matcher(text);
        assertTrue(code.find(), "the acknowledgement carries the tracking code: " + text);
        assertTrue(text.contains("/volgen"), "and where to follow it");
        given().header(Tickets.TOKEN_HEADER, code.group(1)).get("/api/signals/{reference}", reference)
                .then().statusCode(200);
        assertEquals("IN_PERSON", Tickets.detail(reference).getString("channel"));
    }

    @Test
    void shouldMailTheCodeToAReporterWhoseAddressAlsoGetsTheStaffEmail() {
        // A caller who gave communicatie's own mailbox: it gets the new-signal e-mail, and the code, which the
        // receipt does not show, must still reach it in the acknowledgement (it was folded into the other).
        String word = Tickets.uniqueWord();
        Map<String, Object> signal = taken("PHONE", word);
        signal.put("reporter", Map.of("email", "nieuws@sgl-zorg.nl"));
        signal.put("wantsUpdates", true);
        String reference = TestData.asCommunicatie().contentType(ContentType.JSON).body(signal).post("/api/tickets")
                .then().statusCode(201).body("trackingToken", nullValue()).extract().path("reference");

        List<MimeMessage> both = Mailbox.await(Mailbox.to("nieuws@sgl-zorg.nl").and(Mailbox.subjectContains(reference)), 2,
                Duration.ofSeconds(20));
        assertTrue(both.stream().map(m -> Mailbox.part(m, "text/plain")).anyMatch(t -> t != null && t.contains("Je volgcode is: ")),
                "one of the two is the acknowledgement with the code");
    }

    @Test
    void shouldSendNoAcknowledgementToACallerWhoWantsNoMail() {
        String word = Tickets.uniqueWord();
        String address = "stil-" + word + "@example.org";
        Map<String, Object> signal = taken("PHONE", word);
        signal.put("reporter", Map.of("email", address));
        String reference = TestData.asCommunicatie().contentType(ContentType.JSON).body(signal).post("/api/tickets")
                .then().statusCode(201).body("trackingToken", notNullValue()).extract().path("reference");
        // The e-mail to communicatie about the same signal is sent; the reporter's would have been by then.
        Mailbox.await(Mailbox.subjectContains(reference), 1, Duration.ofSeconds(20));
        assertEquals(List.of(), Mailbox.matching(Mailbox.to(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WEB", "API", "EMAIL"})
    void shouldRefuseAChannelStaffDoNotTake(String channel) {
        String word = Tickets.uniqueWord();
        TestData.asCommunicatie().contentType(ContentType.JSON).body(taken(channel, word)).post("/api/tickets")
                .then().statusCode(400).body("violations.field", hasItem("channel"));
        assertEquals(0, TestData.asCommunicatie().queryParam("q", word).get("/api/tickets")
                .then().statusCode(200).extract().jsonPath().getInt("total"));
    }

    @Test
    void shouldNameEveryMistakeAtOnce() {
        Map<String, Object> signal = taken("PHONE", Tickets.uniqueWord());
        signal.remove("channel");
        signal.put("description", "kort");
        TestData.asCommunicatie().contentType(ContentType.JSON).body(signal).post("/api/tickets")
                .then().statusCode(400).body("violations.field", hasItem("channel"))
                .body("violations.field", hasItem("description"));
        TestData.asCommunicatie().contentType(ContentType.JSON).body(Map.of("channel", "PIGEON"))
                .post("/api/tickets").then().statusCode(400);
    }

    @Test
    void shouldLimitEachStaffMemberNotTheirAddress() {
        String busy = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);
        String word = Tickets.uniqueWord();
        // MELDPUNT_LIMITS_STAFF_SIGNALS_PER_HOUR: 60, all from the tests' one address.
        for (int i = 0; i < 60; i++) {
            TestData.as(busy).contentType(ContentType.JSON).body(taken("PHONE", word)).post("/api/tickets")
                    .then().statusCode(201);
        }
        TestData.as(busy).contentType(ContentType.JSON).body(taken("PHONE", word)).post("/api/tickets")
                .then().statusCode(429).header("Retry-After", notNullValue());
        // Another staff member at the same address is not held up.
        TestData.asCommunicatie().contentType(ContentType.JSON).body(taken("IN_PERSON", word)).post("/api/tickets")
                .then().statusCode(201);
    }

    @Test
    void shouldAskForSignIn() {
        TestData.api().contentType(ContentType.JSON).body(taken("PHONE", Tickets.uniqueWord()))
                .post("/api/tickets").then().statusCode(401);
    }

    @Test
    void shouldFilterTheListByChannelAndShowWhoFiled() {
        String word = Tickets.uniqueWord();
        String byApi = Tickets.file(Tickets.signal(word)).reference();
        String byPhone = TestData.asCommunicatie().contentType(ContentType.JSON).body(taken("PHONE", word))
                .post("/api/tickets").then().statusCode(201).extract().path("reference");

        JsonPath phone = TestData.asCommunicatie().queryParam("q", word).queryParam("channel", "PHONE")
                .get("/api/tickets").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(byPhone), phone.getList("items.reference"));
        assertEquals("PHONE", phone.getString("items[0].channel"));
        assertEquals(TestData.ADMIN, phone.getString("items[0].filedBy"));

        JsonPath api = TestData.asCommunicatie().queryParam("q", word).queryParam("channel", "API")
                .get("/api/tickets").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(byApi), api.getList("items.reference"));
        assertFalse(api.getMap("items[0]").containsKey("filedBy"), "no filedBy on a reporter's own filing");

        TestData.asCommunicatie().queryParam("channel", "FAX").get("/api/tickets")
                .then().statusCode(400).body("violations.field", hasItem("channel"));
    }
}
