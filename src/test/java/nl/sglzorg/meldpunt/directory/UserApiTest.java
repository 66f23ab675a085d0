package nl.sglzorg.meldpunt.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.CommunicatieUsers;
import nl.sglzorg.meldpunt.kernel.Roles;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static String newUsername() {
        return TestData.unique("user").toLowerCase();
    }

    private static Map<String, Object> user(String username, String password, List<String> roles, String function,
            String unit) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("roles", roles);
        body.put("function", function);
        body.put("unit", unit);
        body.put("email", username + "@sgl-zorg.nl");
        return body;
    }

    private static Response post(Map<String, Object> body) {
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(body).post("/api/users");
    }

    private static void assertNotStored(String username) {
        TestData.asCommunicatie().get("/api/users/{username}", username).then().statusCode(404);
    }

    /** A body that shows no trace of a password: no key, no bcrypt hash, not the password itself. */
    private static void assertNoPassword(String body, String password) {
        assertFalse(body.toLowerCase().contains("password"), body);
        assertFalse(body.contains("$2a$") || body.contains("$2b$") || body.contains("$2y$"), body);
        assertFalse(body.contains(password), body);
    }

    @Test
    void shouldCreateAUserAndNeverReturnThePassword() {
        String unit = TestData.createUnit("Hoofd", "hoofd@sgl-zorg.nl");
        String username = newUsername();

        Response created = post(user(username, TestData.STAFF_PASSWORD, List.of("leidinggevende"), null, unit))
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("leidinggevende")))
                .body("unit", equalTo(unit))
                .body("function", nullValue())
                .body("email", equalTo(username + "@sgl-zorg.nl"))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")))
                .extract().response();
        assertTrue(created.header("Location").endsWith("/api/users/" + username), created.header("Location"));
        assertEquals("\"" + created.path("version") + "\"", created.header("ETag"));
        assertNoPassword(created.asString(), TestData.STAFF_PASSWORD);

        String one = TestData.asCommunicatie().get("/api/users/{username}", username)
                .then().statusCode(200).body("username", equalTo(username)).extract().asString();
        assertNoPassword(one, TestData.STAFF_PASSWORD);

        // The list holds every user, the first one included: none of them shows a hash.
        String list = TestData.asCommunicatie().get("/api/users")
                .then().statusCode(200)
                .body("username", hasItem(username))
                .body("username", hasItem(TestData.ADMIN))
                .extract().asString();
        assertNoPassword(list, TestData.STAFF_PASSWORD);
        assertFalse(list.contains(TestData.ADMIN_PASSWORD), list);
    }

    @Test
    void shouldLetANewUserSignInWithTheirPassword() {
        String unit = TestData.createUnit("Hoofd", "hoofd@sgl-zorg.nl");
        String username = TestData.createUser(List.of("leidinggevende"), null, unit);

        TestData.as(username).get("/api/units").then().statusCode(200);
    }

    @Test
    void shouldAnswer401ProblemForAWrongPassword() {
        String unit = TestData.createUnit("Hoofd", "hoofd@sgl-zorg.nl");
        String username = TestData.createUser(List.of("leidinggevende"), null, unit);

        given().auth().preemptive().basic(username, TestData.STAFF_PASSWORD + "x")
                .get("/api/units")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("MeldpuntBasic"))
                .body("status", equalTo(401));
        given().auth().preemptive().basic(newUsername(), TestData.STAFF_PASSWORD)
                .get("/api/units")
                .then().statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void shouldRequireAFunctionForAFunctionaris() {
        String username = newUsername();

        post(user(username, TestData.STAFF_PASSWORD, List.of("functionaris"), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("function"));
        assertNotStored(username);
    }

    @Test
    void shouldRefuseAnUnknownFunction() {
        String username = newUsername();

        post(user(username, TestData.STAFF_PASSWORD, List.of("functionaris"), TestData.unique("NOPE"), null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("function"));
        assertNotStored(username);
    }

    @Test
    void shouldRequireAUnitForALeidinggevende() {
        String username = newUsername();

        post(user(username, TestData.STAFF_PASSWORD, List.of("leidinggevende"), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("unit"));
        assertNotStored(username);
    }

    @Test
    void shouldRefuseAnUnknownUnit() {
        String username = newUsername();

        post(user(username, TestData.STAFF_PASSWORD, List.of("leidinggevende"), null, TestData.unique("NOPE")))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("unit"));
        assertNotStored(username);
    }

    @Test
    void shouldRefuseAnUnknownRoleNamingTheRolesField() {
        String username = newUsername();

        post(user(username, TestData.STAFF_PASSWORD, List.of("beheerder"), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.find { it.field.startsWith('roles') }", notNullValue());
        assertNotStored(username);
    }

    @Test
    void shouldRefuseAUserWithoutRoles() {
        String username = newUsername();

        post(user(username, TestData.STAFF_PASSWORD, List.of(), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("roles"));
        assertNotStored(username);
    }

    @Test
    void shouldRefuseAPasswordShorterThanTwelveCharacters() {
        String username = newUsername();

        post(user(username, "elf-tekens1", List.of("communicatie"), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("password"));
        assertNotStored(username);
    }

    @Test
    void shouldRequireAPasswordOnCreate() {
        String username = newUsername();

        post(user(username, null, List.of("communicatie"), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("password"));
        assertNotStored(username);
    }

    @Test
    void shouldRefuseAPasswordEqualToTheUsername() {
        // Long enough that only the equality rule can be what refuses it.
        String username = "gelijk-aan-naam-" + newUsername();

        post(user(username, username, List.of("communicatie"), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("password"));
        post(user(username, username.toUpperCase(), List.of("communicatie"), null, null))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("password"));
        assertNotStored(username);
    }

    @Test
    void shouldRefuseADuplicateUsernameWith409() {
        String username = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);

        post(user(username, "een-ander-wachtwoord-456", List.of("communicatie"), null, null))
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("status", equalTo(409));

        // The first account is untouched: same roles, same password.
        TestData.asCommunicatie().get("/api/users/{username}", username)
                .then().statusCode(200)
                .body("roles", equalTo(List.of("functionaris")))
                .body("function", equalTo("CARE_BROKER"));
        TestData.as(username).get("/api/units").then().statusCode(200);
    }

    @Test
    void shouldKeepThePasswordWhenAPutLeavesItOut() {
        String username = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);

        Map<String, Object> body = user(username, null, List.of("functionaris"), "VOLUNTEER_COORDINATOR", null);
        body.remove("password");
        TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .put("/api/users/{username}", username)
                .then().statusCode(200)
                .body("function", equalTo("VOLUNTEER_COORDINATOR"))
                .body("$", not(hasKey("password")));

        TestData.as(username).get("/api/units").then().statusCode(200);
    }

    @Test
    void shouldReplaceThePasswordWithPut() {
        String username = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String newPassword = "nog-een-lang-wachtwoord-789";

        String response = TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(user(username, newPassword, List.of("functionaris"), "CARE_BROKER", null))
                .put("/api/users/{username}", username)
                .then().statusCode(200)
                .extract().asString();
        assertNoPassword(response, newPassword);

        given().auth().preemptive().basic(username, TestData.STAFF_PASSWORD)
                .get("/api/units").then().statusCode(401);
        given().auth().preemptive().basic(username, newPassword)
                .get("/api/units").then().statusCode(200);
    }

    @Test
    void shouldRefuseAPutWhoseBodyUsernameDiffersFromThePath() {
        String username = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);

        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(user(newUsername(), null, List.of("communicatie"), null, null))
                .put("/api/users/{username}", username)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("username"));
        TestData.asCommunicatie().get("/api/users/{username}", username)
                .then().statusCode(200)
                .body("roles", equalTo(List.of("functionaris")));
    }

    @Test
    void shouldRefuseAPutWithAStaleIfMatch() {
        String username = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        long version = TestData.asCommunicatie().get("/api/users/{username}", username)
                .then().statusCode(200).extract().<Number>path("version").longValue();

        TestData.asCommunicatie().contentType(ContentType.JSON)
                .header("If-Match", "\"" + (version + 3) + "\"")
                .body(user(username, null, List.of("functionaris"), "EXECUTIVE", null))
                .put("/api/users/{username}", username)
                .then().statusCode(412)
                .contentType(PROBLEM);
        TestData.asCommunicatie().get("/api/users/{username}", username)
                .then().statusCode(200)
                .body("function", equalTo("CARE_BROKER"));
    }

    @Test
    void shouldAnswer404ForAnUnknownUser() {
        TestData.asCommunicatie().get("/api/users/{username}", newUsername())
                .then().statusCode(404)
                .contentType(PROBLEM);
        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(user(null, null, List.of("communicatie"), null, null))
                .put("/api/users/{username}", newUsername())
                .then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void shouldKeepUsersFromStaffWithoutTheCommunicatieRole() {
        String unit = TestData.createUnit("Hoofd", "hoofd@sgl-zorg.nl");
        String functionaris = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);

        for (String username : List.of(functionaris, leidinggevende)) {
            TestData.as(username).get("/api/users")
                    .then().statusCode(403)
                    .contentType(PROBLEM)
                    .body("status", equalTo(403));
            TestData.as(username).get("/api/users/{username}", username)
                    .then().statusCode(403);
        }

        // Nor may they make themselves communicatie.
        String attempt = newUsername();
        TestData.as(functionaris).contentType(ContentType.JSON)
                .body(user(attempt, TestData.STAFF_PASSWORD, List.of("communicatie"), null, null))
                .post("/api/users")
                .then().statusCode(403);
        TestData.as(functionaris).contentType(ContentType.JSON)
                .body(user(functionaris, null, List.of("communicatie"), null, null))
                .put("/api/users/{username}", functionaris)
                .then().statusCode(403);
        assertNotStored(attempt);
        TestData.asCommunicatie().get("/api/users/{username}", functionaris)
                .then().statusCode(200)
                .body("roles", equalTo(List.of("functionaris")));
    }

    @Test
    void shouldAnswer401WithoutSignIn() {
        given().get("/api/users")
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", notNullValue());
    }

    @Test
    void shouldAllowDemotingACommunicatieUserWhileAnotherRemains() {
        String demoted = TestData.createUser(List.of("communicatie"), null, null);
        // Exactly two communicatie users: the first user and the one demoted here. With more, a
        // count that is off by one would go unnoticed.
        CommunicatieUsers.only(Set.of(TestData.ADMIN, demoted), () -> {
            TestData.asCommunicatie().contentType(ContentType.JSON)
                    .body(user(demoted, null, List.of("functionaris"), "COMMUNICATIONS", null))
                    .put("/api/users/{username}", demoted)
                    .then().statusCode(200)
                    .body("roles", equalTo(List.of("functionaris")));
            TestData.as(demoted).get("/api/users").then().statusCode(403);
            TestData.asCommunicatie().get("/api/users").then().statusCode(200);
        });
    }

    @Test
    void shouldRefuseToDemoteTheLastCommunicatieUser() {
        CommunicatieUsers.only(Set.of(TestData.ADMIN), () -> {
            // Nobody could keep the directory any more.
            TestData.asCommunicatie().contentType(ContentType.JSON)
                    .body(user(TestData.ADMIN, null, List.of("functionaris"), "COMMUNICATIONS", null))
                    .put("/api/users/{username}", TestData.ADMIN)
                    .then().statusCode(409)
                    .contentType(PROBLEM)
                    .body("detail", containsString("communicatie"));

            TestData.asCommunicatie().get("/api/users/{username}", TestData.ADMIN)
                    .then().statusCode(200)
                    .body("roles", equalTo(List.of("communicatie")))
                    .body("function", nullValue());
        });
    }

    @Test
    void shouldLetALastCommunicatieUserKeepTheRoleWhileGainingAnother() {
        String unit = TestData.createUnit("Hoofd", "hoofd@sgl-zorg.nl");
        String only = TestData.createUser(List.of("communicatie"), null, null);
        CommunicatieUsers.only(Set.of(only), () -> {
            // Still communicatie afterwards: the rule is about losing the role, not about any change.
            TestData.as(only).contentType(ContentType.JSON)
                    .body(user(only, null, List.of("communicatie", "leidinggevende"), null, unit))
                    .put("/api/users/{username}", only)
                    .then().statusCode(200)
                    .body("roles", equalTo(List.of("communicatie", "leidinggevende")));
        });
    }
}
