package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * The access rule's two forms agree: for every role and ticket shape, the staff list (the query)
 * shows exactly the tickets the detail (the check on one ticket) opens, and both are what the rule says.
 */
@QuarkusTest
class TicketAccessAgreementTest {

    @Test
    void shouldListExactlyTheTicketsEachStaffMemberMayOpen() {
        String word = Tickets.uniqueWord();
        String unitA = TestData.createUnit("Anna Hoofd", unique("anna"));
        String unitB = TestData.createUnit("Bert Hoofd", unique("bert"));
        String unitD = TestData.createUnit("Dirk Hoofd", unique("dirk"));
        String managerD = TestData.createUser(List.of("leidinggevende"), null, unitD);

        // The ticket shapes, by what makes a ticket someone's.
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("routed to HR", file(word, "MENTION", "FACEBOOK", "EMPLOYMENT", null));
        shapes.put("informs the executive", file(word, "MENTION", "FACEBOOK", "GOVERNANCE", null));
        shapes.put("manager unit A", file(word, "UNWANTED_CONTACT", "WHATSAPP", null, unitA));
        shapes.put("informs unit A", file(word, "DERAILED_DISCUSSION", "FACEBOOK", null, unitA));
        shapes.put("plain mention from unit A", file(word, "MENTION", "FACEBOOK", null, unitA));
        shapes.put("escalated to unit B", escalated(file(word, "MENTION", "TWITTER", null, null), Map.of("unit", unitB)));
        shapes.put("escalated to D's address", escalated(file(word, "MENTION", "TWITTER", null, null),
                Map.of("managerEmail", managerD + "@sgl-zorg.nl")));

        // Who, and what the rule lets them see.
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put(TestData.ADMIN, shapes.keySet());
        expected.put(TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null), Set.of("routed to HR"));
        expected.put(TestData.createUser(List.of("functionaris"), "EXECUTIVE", null), Set.of("informs the executive"));
        expected.put(TestData.createUser(List.of("functionaris"), "CARE_BROKER", unitA), Set.of());
        expected.put(TestData.createUser(List.of("leidinggevende"), null, unitA),
                Set.of("manager unit A", "informs unit A"));
        expected.put(TestData.createUser(List.of("leidinggevende"), null, unitB), Set.of("escalated to unit B"));
        expected.put(managerD, Set.of("escalated to D's address"));
        expected.put(TestData.createUser(List.of("functionaris", "leidinggevende"), "EXECUTIVE", unitB),
                Set.of("informs the executive", "escalated to unit B"));

        expected.forEach((user, shapesSeen) -> {
            Set<String> listed = listed(user, word).stream()
                    .map(reference -> shapeOf(shapes, reference)).collect(Collectors.toCollection(TreeSet::new));
            Set<String> opened = shapes.entrySet().stream().filter(shape -> opens(user, shape.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(opened, listed, user + ": the list and the detail disagree");
            assertEquals(new TreeSet<>(shapesSeen), opened, user + ": not what the rule says");
        });
    }

    private static String unique(String name) {
        return TestData.unique(name).toLowerCase() + "@sgl-zorg.nl";
    }

    private static String file(String word, String category, String platform, String topic, String unit) {
        Map<String, Object> signal = Tickets.signal(category, platform, word);
        if (topic != null) {
            signal.put("topic", topic);
        }
        if (unit != null) {
            signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
        }
        return Tickets.file(signal).reference();
    }

    private static String escalated(String reference, Map<String, Object> to) {
        Map<String, Object> body = new LinkedHashMap<>(to);
        body.put("reason", "Om de toegangsregel te toetsen");
        TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/escalations", reference).then().statusCode(201);
        return reference;
    }

    private static List<String> listed(String user, String word) {
        return as(user).queryParam("q", word).queryParam("limit", 100).get("/api/tickets")
                .then().statusCode(200).extract().jsonPath().getList("items.reference", String.class);
    }

    private static boolean opens(String user, String reference) {
        int status = as(user).get("/api/tickets/{reference}", reference).statusCode();
        if (status != 200 && status != 404) {
            throw new AssertionError(user + " got " + status + " for " + reference);
        }
        return status == 200;
    }

    private static io.restassured.specification.RequestSpecification as(String user) {
        return user.equals(TestData.ADMIN) ? TestData.asCommunicatie() : TestData.as(user);
    }

    private static String shapeOf(Map<String, String> shapes, String reference) {
        return shapes.entrySet().stream().filter(e -> e.getValue().equals(reference)).map(Map.Entry::getKey)
                .findFirst().orElse("a stranger: " + reference);
    }
}
