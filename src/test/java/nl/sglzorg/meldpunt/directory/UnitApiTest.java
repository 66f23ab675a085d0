package nl.sglzorg.meldpunt.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UnitApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static Map<String, Object> unit(String code, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("region", "Westelijke Mijnstreek");
        body.put("managerName", "Mieke Janssen");
        body.put("managerEmail", "m.janssen@sgl-zorg.nl");
        return body;
    }

    @Test
    void shouldCreateAUnitAndReturnItWithLocationAndETag() {
        String code = TestData.unique("UNIT");

        Response created = TestData.asCommunicatie().contentType(ContentType.JSON).body(unit(code, "  Team Sittard  "))
                .post("/api/units")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("name", equalTo("Team Sittard"))
                .body("region", equalTo("Westelijke Mijnstreek"))
                .body("managerName", equalTo("Mieke Janssen"))
                .body("managerEmail", equalTo("m.janssen@sgl-zorg.nl"))
                .body("version", notNullValue())
                .extract().response();

        assertTrue(created.header("Location").endsWith("/api/units/" + code), created.header("Location"));
        assertEquals("\"" + created.path("version") + "\"", created.header("ETag"));
    }

    @Test
    void shouldGetAUnitByCodeWithItsVersionAsETag() {
        String code = TestData.createUnit("Piet Hermans", "p.hermans@sgl-zorg.nl");

        Response response = TestData.asCommunicatie().get("/api/units/{code}", code)
                .then().statusCode(200)
                .body("code", equalTo(code))
                .body("name", equalTo("Team " + code))
                .body("managerName", equalTo("Piet Hermans"))
                .body("managerEmail", equalTo("p.hermans@sgl-zorg.nl"))
                .extract().response();
        assertEquals("\"" + response.path("version") + "\"", response.header("ETag"));
    }

    @Test
    void shouldAnswer404ForAnUnknownUnit() {
        TestData.asCommunicatie().get("/api/units/{code}", TestData.unique("NOPE"))
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
    }

    @Test
    void shouldListUnitsOrderedByCode() {
        // Codes sort by the counter in them only within one prefix; compare the list against its sorted self.
        String first = TestData.createUnit("A", "a@sgl-zorg.nl");
        String second = TestData.createUnit("B", "b@sgl-zorg.nl");

        List<String> codes = TestData.asCommunicatie().get("/api/units")
                .then().statusCode(200)
                .body("code", hasItems(first, second))
                .extract().path("code");
        assertEquals(codes.stream().sorted().toList(), codes);
    }

    @Test
    void shouldReplaceAUnitWithPutAndBumpItsVersion() {
        String code = TestData.createUnit("Oud Hoofd", "oud@sgl-zorg.nl");
        long before = TestData.asCommunicatie().get("/api/units/{code}", code).then().statusCode(200)
                .extract().<Number>path("version").longValue();

        // The code may be left out of the body on PUT: the path names the unit.
        Map<String, Object> body = unit(null, "Team Heerlen");
        body.remove("code");
        body.put("managerName", "Nieuw Hoofd");
        body.put("managerEmail", "nieuw@sgl-zorg.nl");
        body.put("region", null);
        Response replaced = TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .header("If-Match", "\"" + before + "\"")
                .put("/api/units/{code}", code)
                .then().statusCode(200)
                .body("code", equalTo(code))
                .body("name", equalTo("Team Heerlen"))
                .body("region", nullValue())
                .body("managerName", equalTo("Nieuw Hoofd"))
                .extract().response();
        assertTrue(replaced.<Number>path("version").longValue() > before);

        TestData.asCommunicatie().get("/api/units/{code}", code)
                .then().statusCode(200)
                .body("managerEmail", equalTo("nieuw@sgl-zorg.nl"));
    }

    @Test
    void shouldCreateAUnitWithPutWhenItDoesNotExist() {
        String code = TestData.unique("UNIT");

        Response response = TestData.asCommunicatie().contentType(ContentType.JSON).body(unit(code, "Team Venlo"))
                .put("/api/units/{code}", code)
                .then().statusCode(201)
                .body("code", equalTo(code))
                .extract().response();
        assertTrue(response.header("Location").endsWith("/api/units/" + code), response.header("Location"));
    }

    @Test
    void shouldRefuseAStaleIfMatchAndKeepTheUnit() {
        String code = TestData.createUnit("Blijft", "blijft@sgl-zorg.nl");
        long version = TestData.asCommunicatie().get("/api/units/{code}", code).then().statusCode(200)
                .extract().<Number>path("version").longValue();

        TestData.asCommunicatie().contentType(ContentType.JSON).body(unit(code, "Verloren wijziging"))
                .header("If-Match", "\"" + (version + 7) + "\"")
                .put("/api/units/{code}", code)
                .then().statusCode(412)
                .contentType(PROBLEM);

        TestData.asCommunicatie().get("/api/units/{code}", code)
                .then().statusCode(200)
                .body("name", equalTo("Team " + code))
                .body("managerName", equalTo("Blijft"));
    }

    @Test
    void shouldRefuseADuplicateUnitWith409AndKeepTheFirst() {
        String code = TestData.createUnit("Eerste", "eerste@sgl-zorg.nl");

        TestData.asCommunicatie().contentType(ContentType.JSON).body(unit(code, "Tweede"))
                .post("/api/units")
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("status", equalTo(409));

        TestData.asCommunicatie().get("/api/units/{code}", code)
                .then().statusCode(200)
                .body("name", equalTo("Team " + code));
    }

    @Test
    void shouldRefuseAUnitWithoutNameNamingTheField() {
        String code = TestData.unique("UNIT");
        Map<String, Object> body = unit(code, null);
        body.remove("name");

        TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/units")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("name"));

        // Nothing was stored.
        TestData.asCommunicatie().get("/api/units/{code}", code).then().statusCode(404);
    }

    @Test
    void shouldRefuseAUnitWithoutCodeOrWithABadCode() {
        Map<String, Object> noCode = unit(null, "Zonder code");
        noCode.remove("code");
        TestData.asCommunicatie().contentType(ContentType.JSON).body(noCode)
                .post("/api/units")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("code"));

        TestData.asCommunicatie().contentType(ContentType.JSON).body(unit("team sittard", "Kleine letters"))
                .post("/api/units")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("code"));
    }

    @Test
    void shouldRefuseAnInvalidManagerEmail() {
        Map<String, Object> body = unit(TestData.unique("UNIT"), "Team Roermond");
        body.put("managerEmail", "geen-adres");

        TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/units")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("managerEmail"));
    }

    @Test
    void shouldRefuseAPutWhoseBodyCodeDiffersFromThePath() {
        String code = TestData.createUnit("Pad", "pad@sgl-zorg.nl");
        String other = TestData.unique("UNIT");

        TestData.asCommunicatie().contentType(ContentType.JSON).body(unit(other, "Andere code"))
                .put("/api/units/{code}", code)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("code"));

        // Neither unit changed nor appeared.
        TestData.asCommunicatie().get("/api/units/{code}", code).then().statusCode(200)
                .body("name", equalTo("Team " + code));
        TestData.asCommunicatie().get("/api/units/{code}", other).then().statusCode(404);
    }

    @Test
    void shouldRefuseABadCodeInThePath() {
        TestData.asCommunicatie().contentType(ContentType.JSON).body(Map.of("name", "Kleine letters"))
                .put("/api/units/{code}", "team-sittard")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("code"));
    }

    @Test
    void shouldAnswer401WithAChallengeWithoutSignIn() {
        given().get("/api/units")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", notNullValue())
                .body("status", equalTo(401));

        String code = TestData.unique("UNIT");
        given().contentType(ContentType.JSON).body(unit(code, "Anoniem"))
                .post("/api/units")
                .then().statusCode(401)
                .contentType(PROBLEM);
        TestData.asCommunicatie().get("/api/units/{code}", code).then().statusCode(404);
    }

    @Test
    void shouldLetAFunctionarisReadButNotWriteUnits() {
        String existing = TestData.createUnit("Lezer", "lezer@sgl-zorg.nl");
        String functionaris = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);

        TestData.as(functionaris).get("/api/units")
                .then().statusCode(200)
                .body("code", hasItem(existing));
        TestData.as(functionaris).get("/api/units/{code}", existing)
                .then().statusCode(200)
                .body("code", equalTo(existing));

        String code = TestData.unique("UNIT");
        TestData.as(functionaris).contentType(ContentType.JSON).body(unit(code, "Niet toegestaan"))
                .post("/api/units")
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("status", equalTo(403));
        TestData.as(functionaris).contentType(ContentType.JSON).body(unit(existing, "Niet toegestaan"))
                .put("/api/units/{code}", existing)
                .then().statusCode(403)
                .contentType(PROBLEM);

        TestData.asCommunicatie().get("/api/units")
                .then().statusCode(200)
                .body("code", not(hasItem(code)));
        TestData.asCommunicatie().get("/api/units/{code}", existing)
                .then().statusCode(200)
                .body("name", equalTo("Team " + existing));
    }
}
