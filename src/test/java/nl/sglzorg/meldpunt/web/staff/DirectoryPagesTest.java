package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.CommunicatieUsers;
import nl.sglzorg.meldpunt.notification.EmailStatus;
import nl.sglzorg.meldpunt.notification.OutboxEmail;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.web.PageForms;
import org.junit.jupiter.api.Test;

/**
 * The staff desk's e-mail and directory pages through HTTP, as a browser without JavaScript uses
 * them: Basic sign-in, the CSRF cookie and token from a GET, post/redirect/get, errors next to the
 * field with what was typed kept, and the same rules and answers as the API.
 */
@QuarkusTest
class DirectoryPagesTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"" + PageForms.FIELD + "\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");

    /** A signed-in browser's side of one page: its CSRF cookie and token. */
    record Desk(String user, String password, String cookie, String token, String html) {

        static Desk open(String path) {
            return open(path, TestData.ADMIN, TestData.ADMIN_PASSWORD);
        }

        static Desk open(String path, String user, String password) {
            Response page = given().auth().preemptive().basic(user, password).get(path);
            page.then().statusCode(200).contentType(ContentType.HTML);
            return new Desk(user, password, page.cookie(PageForms.COOKIE), PageForms.hidden(page.asString(), TOKEN),
                    page.asString());
        }

        RequestSpecification post() {
            return given().auth().preemptive().basic(user, password).cookie(PageForms.COOKIE, cookie)
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8").redirects().follow(false)
                    .formParam(PageForms.FIELD, token);
        }

        String version() {
            return PageForms.hidden(html, VERSION);
        }
    }

    private static Response page(String path) {
        return given().auth().preemptive().basic(TestData.ADMIN, TestData.ADMIN_PASSWORD).get(path);
    }

    // --- e-mails ---------------------------------------------------------------------------------

    @Test
    void shouldListAFailedEmailAndSendItAgain() {
        String reference = fileSignal();
        long id = parkFirstEmailOf(reference, "MailConnectionException: Connection refused");

        String list = page("/beheer/e-mails").then().statusCode(200).extract().asString();
        assertTrue(list.contains("id=\"email-" + id + "\""), "a parked e-mail is listed");
        assertTrue(list.contains("href=\"/beheer/meldingen/" + reference + "\""), list);
        assertTrue(list.contains("De mailserver was niet bereikbaar."), "the error in plain words");
        assertTrue(list.contains("nieuws@sgl-zorg.nl"), "the recipient as the API shows it");

        Desk desk = Desk.open("/beheer/e-mails");
        desk.post().post("/beheer/e-mails/{id}/opnieuw", id).then().statusCode(303)
                .header("Location", containsString("opnieuw=" + id));
        assertTrue(page("/beheer/e-mails?status=ALL&opnieuw=" + id).asString()
                .contains("staat klaar om opnieuw te worden verstuurd"));
        EmailStatus after = QuarkusTransaction.requiringNew().call(() -> OutboxEmail.<OutboxEmail>findById(id).status);
        assertTrue(after == EmailStatus.PENDING || after == EmailStatus.SENT, "queued again: " + after);

        // Again: it is waiting or sent by now; a clear message, nothing sent twice, no 500.
        String again = desk.post().post("/beheer/e-mails/{id}/opnieuw", id).then().statusCode(303)
                .extract().header("Location");
        assertTrue(again.contains("fout="), again);
        String shown = page(again.replaceFirst("^https?://[^/]+", "")).then().statusCode(200).extract().asString();
        assertTrue(shown.contains("al verstuurd") || shown.contains("al klaar"), shown);
    }

    @Test
    void shouldSaySoForAnUnknownEmail() {
        Desk desk = Desk.open("/beheer/e-mails");
        String location = desk.post().post("/beheer/e-mails/{id}/opnieuw", Long.MAX_VALUE).then().statusCode(303)
                .extract().header("Location");
        page(location.replaceFirst("^https?://[^/]+", "")).then().statusCode(200)
                .body(containsString("Deze e-mail bestaat niet (meer)."));
    }

    @Test
    void shouldSaySoForAnUnknownUnitUserFunctionOrContact() {
        asCommunicatie().get("/beheer/organisatie/eenheden/BESTAAT-NIET").then().statusCode(404)
                .body(containsString("Deze eenheid bestaat niet (meer).")).body(containsString("<h1>Organisatie</h1>"));
        asCommunicatie().get("/beheer/organisatie/gebruikers/bestaat-niet").then().statusCode(404)
                .body(containsString("Deze gebruiker bestaat niet (meer)."));
        asCommunicatie().get("/beheer/organisatie/functies/BESTAAT-NIET").then().statusCode(404)
                .body(containsString("Deze functie of contactpersoon bestaat niet (meer)."));
        asCommunicatie().get("/beheer/organisatie/functies/HR_REPRESENTATIVE/contactpersonen/{id}", Long.MAX_VALUE).then().statusCode(404)
                .body(containsString("Deze functie of contactpersoon bestaat niet (meer)."));
    }

    @Test
    void shouldRefuseTheEmailsToOtherRolesAndAFormWithoutItsToken() {
        String reference = fileSignal();
        long id = parkFirstEmailOf(reference, "550 5.1.1 Recipient address rejected");
        String officer = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);
        given().auth().preemptive().basic(officer, TestData.STAFF_PASSWORD).get("/beheer/e-mails")
                .then().statusCode(403).contentType(ContentType.HTML).body(containsString("Geen toegang"));
        Desk theirs = Desk.open("/beheer/organisatie", officer, TestData.STAFF_PASSWORD);
        theirs.post().post("/beheer/e-mails/{id}/opnieuw", id).then().statusCode(403);

        // Communicatie's own browser, but the form did not come from Meldpunt.
        given().auth().preemptive().basic(TestData.ADMIN, TestData.ADMIN_PASSWORD)
                .contentType("application/x-www-form-urlencoded").redirects().follow(false)
                .formParam("status", "FAILED").post("/beheer/e-mails/{id}/opnieuw", id)
                .then().statusCode(400);
        assertEquals(EmailStatus.FAILED,
                QuarkusTransaction.requiringNew().call(() -> OutboxEmail.<OutboxEmail>findById(id).status));
        assertTrue(page("/beheer/e-mails").asString().contains("De mailserver weigerde het adres van de ontvanger."));
    }

    // --- units -----------------------------------------------------------------------------------

    @Test
    void shouldAddAndChangeAUnit() {
        String code = TestData.unique("EENH");
        Desk desk = Desk.open("/beheer/organisatie/eenheden/nieuw");
        desk.post().formParam("code", code).formParam("name", "Team Noord").formParam("region", "Parkstad")
                .formParam("managerName", "Els Jansen").formParam("managerEmail", "els.jansen@sgl-zorg.nl")
                .post("/beheer/organisatie/eenheden")
                .then().statusCode(303).header("Location", endsWith("/beheer/organisatie/eenheden?opgeslagen=" + code));
        page("/beheer/organisatie/eenheden").then().statusCode(200).body(containsString("Team Noord"))
                .body(containsString("els.jansen@sgl-zorg.nl"));

        Desk edit = Desk.open("/beheer/organisatie/eenheden/" + code);
        edit.post().formParam("name", "Team Noord-Oost").formParam("managerEmail", "piet@sgl-zorg.nl")
                .formParam("version", edit.version()).post("/beheer/organisatie/eenheden/" + code)
                .then().statusCode(303);
        asCommunicatie().get("/api/units/{code}", code).then().statusCode(200)
                .body("name", equalTo("Team Noord-Oost")).body("managerEmail", equalTo("piet@sgl-zorg.nl"));
    }

    @Test
    void shouldShowMistakesNextToTheFieldsKeepWhatWasTypedAndStoreNothing() {
        String code = TestData.unique("EENH");
        Desk desk = Desk.open("/beheer/organisatie/eenheden/nieuw");
        String html = desk.post().formParam("code", code).formParam("name", " ")
                .formParam("managerName", "Getypte Naam").formParam("managerEmail", "geen-adres")
                .post("/beheer/organisatie/eenheden")
                .then().statusCode(400).contentType(ContentType.HTML).extract().asString();
        assertTrue(html.contains("id=\"name-error\""), html);
        assertTrue(html.contains("Vul naam in."), html);
        assertTrue(html.contains("id=\"managerEmail-error\""), html);
        assertTrue(html.contains("href=\"#name\""), "the summary links to the field");
        assertTrue(html.contains("href=\"#managerEmail\""));
        assertTrue(html.contains("value=\"Getypte Naam\""), "typed values are kept");
        assertTrue(html.contains("value=\"geen-adres\""));
        assertTrue(html.contains("value=\"" + code + "\""));
        asCommunicatie().get("/api/units/{code}", code).then().statusCode(404);
    }

    @Test
    void shouldRefuseAStaleUnitFormAndKeepWhatWasTyped() {
        String code = TestData.createUnit("Anna Smit", "anna@sgl-zorg.nl");
        Desk edit = Desk.open("/beheer/organisatie/eenheden/" + code);
        // Someone else changes the unit after the form was opened.
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("name", "Door iemand anders"))
                .put("/api/units/{code}", code).then().statusCode(200);

        String html = edit.post().formParam("name", "Mijn versie").formParam("version", edit.version())
                .post("/beheer/organisatie/eenheden/" + code)
                .then().statusCode(409).extract().asString();
        assertTrue(html.contains("Iemand anders heeft dit net gewijzigd"), html);
        assertTrue(html.contains("value=\"Mijn versie\""));
        asCommunicatie().get("/api/units/{code}", code).then().body("name", equalTo("Door iemand anders"));
    }

    @Test
    void shouldLetOnlyCommunicatieChangeTheDirectory() {
        String manager = TestData.createUser(List.of("leidinggevende"), null,
                TestData.createUnit("Bram Vos", "bram@sgl-zorg.nl"));
        Desk theirs = Desk.open("/beheer/organisatie/eenheden", manager, TestData.STAFF_PASSWORD);
        assertFalse(theirs.html().contains("Nieuwe eenheid"), "no button they cannot use");
        String code = TestData.unique("EENH");
        theirs.post().formParam("code", code).formParam("name", "Niet van mij").post("/beheer/organisatie/eenheden")
                .then().statusCode(403).body(containsString("Geen toegang"));
        asCommunicatie().get("/api/units/{code}", code).then().statusCode(404);
        given().auth().preemptive().basic(manager, TestData.STAFF_PASSWORD).get("/beheer/organisatie/gebruikers")
                .then().statusCode(403);
        theirs.post().formParam("name", "x").formParam("version", "0")
                .post("/beheer/organisatie/functies/COMMUNICATIONS").then().statusCode(403);
    }

    // --- functions and contacts ------------------------------------------------------------------

    @Test
    void shouldRouteTheNextSignalByAContactChangedOnThePage() {
        String before = "Regio " + TestData.unique("R");
        String after = "Regio " + TestData.unique("R");
        Desk add = Desk.open("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen/nieuw");

        // The region is required for a regional manager: the error is next to it, nothing is stored.
        String html = add.post().formParam("name", "Rita Regio").formParam("email", "rita@sgl-zorg.nl")
                .post("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen")
                .then().statusCode(400).extract().asString();
        assertTrue(html.contains("id=\"region-error\""), html);
        assertTrue(html.contains("value=\"Rita Regio\""));

        add.post().formParam("name", "Rita Regio").formParam("email", "rita@sgl-zorg.nl").formParam("region", before)
                .post("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen")
                .then().statusCode(303);
        long id = asCommunicatie().get("/api/functions/REGIONAL_MANAGER/contacts").jsonPath()
                .<Map<String, Object>>getList("$").stream().filter(c -> before.equals(c.get("region")))
                .map(c -> ((Number) c.get("id")).longValue()).findFirst().orElseThrow();
        try {
            assertEquals("COMMUNICATIONS", routedTo(after));

            Desk edit = Desk.open("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen/" + id);
            assertTrue(edit.html().contains("value=\"" + before + "\""));
            edit.post().formParam("name", "Rita Regio").formParam("email", "rita@sgl-zorg.nl")
                    .formParam("region", after).formParam("version", edit.version())
                    .post("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen/" + id)
                    .then().statusCode(303).header("Location", containsString("contact=opgeslagen"));
            assertEquals("REGIONAL_MANAGER", routedTo(after), "the next signal routes by the new table");

            // A stale delete changes nothing and says why.
            edit.post().formParam("version", edit.version())
                    .post("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen/" + id + "/verwijderen")
                    .then().statusCode(409).body(containsString("Iemand anders heeft deze contactpersoon net gewijzigd"));
            Desk fresh = Desk.open("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen/" + id);
            fresh.post().formParam("version", fresh.version())
                    .post("/beheer/organisatie/functies/REGIONAL_MANAGER/contactpersonen/" + id + "/verwijderen")
                    .then().statusCode(303).header("Location", containsString("contact=verwijderd"));
            asCommunicatie().get("/api/functions/REGIONAL_MANAGER/contacts/{id}", id).then().statusCode(404);
        } finally {
            asCommunicatie().delete("/api/functions/REGIONAL_MANAGER/contacts/{id}", id);
        }
    }

    @Test
    void shouldCreateAndEditAFunctionWithErrorsNextToTheField() {
        String code = TestData.unique("FN").replace('-', '_');
        Desk desk = Desk.open("/beheer/organisatie/functies/nieuw");
        // Provisional platforms must be personal ones too; GENERAL belongs to communicatie.
        String html = desk.post().formParam("code", code).formParam("name", "Proef")
                .formParam("provisionalPlatforms", "TWITTER").formParam("topics", "GENERAL")
                .formParam("escalationManager.name", "Zonder Adres")
                .post("/beheer/organisatie/functies").then().statusCode(400).extract().asString();
        assertTrue(html.contains("id=\"provisionalPlatforms-error\""), html);
        assertTrue(html.contains("id=\"topics-error\""), html);
        assertTrue(html.contains("id=\"escalationManager-email-error\""), html);
        assertTrue(html.contains("value=\"Zonder Adres\""));
        assertTrue(html.contains("id=\"topics-GENERAL\" name=\"topics\" value=\"GENERAL\" checked"), "ticks kept");
        given().get("/api/functions/{code}", code).then().statusCode(404);

        desk.post().formParam("code", code).formParam("name", "Proef").formParam("personalPlatforms", "LINKEDIN")
                .formParam("provisionalPlatforms", "LINKEDIN")
                .post("/beheer/organisatie/functies").then().statusCode(303);
        given().get("/api/functions/{code}", code).then().statusCode(200).body("name", equalTo("Proef"));

        Desk edit = Desk.open("/beheer/organisatie/functies/" + code);
        edit.post().formParam("name", "Proef bewerkt").formParam("corporatePlatforms", "YOUTUBE")
                .formParam("version", edit.version()).post("/beheer/organisatie/functies/" + code)
                .then().statusCode(303);
        given().get("/api/functions/{code}", code).then().body("name", equalTo("Proef bewerkt"))
                .body("corporatePlatforms", equalTo(List.of("YOUTUBE")))
                .body("personalPlatforms", equalTo(List.of()));
        page("/beheer/organisatie").then().statusCode(200).body(containsString("Proef bewerkt"))
                .body(containsString("bedrijfsaccount op YouTube"));

        // Someone else changed it meanwhile: refused, what was typed kept.
        String stale = edit.post().formParam("name", "Oude versie").formParam("version", edit.version())
                .post("/beheer/organisatie/functies/" + code).then().statusCode(409).extract().asString();
        assertTrue(stale.contains("Iemand anders heeft dit net gewijzigd"));
        assertTrue(stale.contains("value=\"Oude versie\""));
        given().get("/api/functions/{code}", code).then().body("name", equalTo("Proef bewerkt"));
    }

    // --- users -----------------------------------------------------------------------------------

    @Test
    void shouldCreateAUserByThePasswordRulesThenDisableAndResetIt() {
        String username = TestData.unique("page").toLowerCase();
        Desk desk = Desk.open("/beheer/organisatie/gebruikers/nieuw");
        String html = desk.post().formParam("username", username).formParam("password", "te-kort")
                .formParam("roles", "functionaris").formParam("email", username + "@sgl-zorg.nl")
                .post("/beheer/organisatie/gebruikers").then().statusCode(400).extract().asString();
        assertTrue(html.contains("id=\"password-error\""), html);
        assertTrue(html.contains("12 tot 72 tekens"), html);
        assertTrue(html.contains("id=\"function-error\""), "a functionaris needs a function");
        assertTrue(html.contains("value=\"" + username + "\""), "typed values kept");
        assertFalse(html.contains("te-kort"), "a password is never shown again");
        asCommunicatie().get("/api/users/{u}", username).then().statusCode(404);

        desk.post().formParam("username", username).formParam("password", TestData.STAFF_PASSWORD)
                .formParam("roles", "functionaris").formParam("function", "COMMUNICATIONS")
                .post("/beheer/organisatie/gebruikers").then().statusCode(303)
                .header("Location", endsWith("/beheer/organisatie/gebruikers/" + username + "?opgeslagen=nieuw"));
        asCommunicatie().get("/api/users/{u}", username).then().statusCode(200)
                .body("roles", equalTo(List.of("functionaris"))).body("function", equalTo("COMMUNICATIONS"));

        Desk edit = Desk.open("/beheer/organisatie/gebruikers/" + username);
        edit.post().formParam("enabled", "false").formParam("version", edit.version())
                .post("/beheer/organisatie/gebruikers/" + username + "/actief").then().statusCode(303);
        asCommunicatie().get("/api/users/{u}", username).then().body("enabled", equalTo(false));
        given().header("X-Forwarded-For", TestData.freshClient()).auth().preemptive()
                .basic(username, TestData.STAFF_PASSWORD).get("/beheer/organisatie").then().statusCode(401);

        Desk again = Desk.open("/beheer/organisatie/gebruikers/" + username);
        again.post().formParam("enabled", "true").formParam("version", again.version())
                .post("/beheer/organisatie/gebruikers/" + username + "/actief").then().statusCode(303);
        Desk reset = Desk.open("/beheer/organisatie/gebruikers/" + username);
        reset.post().formParam("password", username).formParam("version", reset.version())
                .post("/beheer/organisatie/gebruikers/" + username + "/wachtwoord").then().statusCode(400)
                .body(containsString("id=\"password-error\""));
        String fresh = "een-nieuw-wachtwoord-456";
        reset.post().formParam("password", fresh).formParam("version", reset.version())
                .post("/beheer/organisatie/gebruikers/" + username + "/wachtwoord").then().statusCode(303);
        given().auth().preemptive().basic(username, fresh).get("/beheer/organisatie").then().statusCode(200);
    }

    @Test
    void shouldChangeRolesFunctionAndUnitButNeverLoseTheLastCommunicatie() {
        String unit = TestData.createUnit("Cor Bos", "cor@sgl-zorg.nl");
        String username = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);
        Desk edit = Desk.open("/beheer/organisatie/gebruikers/" + username);
        String html = edit.post().formParam("roles", "leidinggevende").formParam("version", edit.version())
                .post("/beheer/organisatie/gebruikers/" + username).then().statusCode(400).extract().asString();
        assertTrue(html.contains("id=\"unit-error\""), html);
        assertTrue(html.contains("id=\"roles-leidinggevende\" name=\"roles\" value=\"leidinggevende\" checked"));

        edit.post().formParam("roles", "leidinggevende").formParam("unit", unit).formParam("version", edit.version())
                .post("/beheer/organisatie/gebruikers/" + username).then().statusCode(303);
        asCommunicatie().get("/api/users/{u}", username).then().body("roles", equalTo(List.of("leidinggevende")))
                .body("unit", equalTo(unit)).body("function", equalTo(null));

        // Demoting the one communicatie user is refused: nobody could keep the directory any more.
        CommunicatieUsers.only(Set.of(TestData.ADMIN), () -> {
            Desk admin = Desk.open("/beheer/organisatie/gebruikers/" + TestData.ADMIN);
            String refused = admin.post().formParam("roles", "functionaris").formParam("function", "COMMUNICATIONS")
                    .formParam("version", admin.version()).post("/beheer/organisatie/gebruikers/" + TestData.ADMIN)
                    .then().statusCode(409).extract().asString();
            assertTrue(refused.contains("laatste gebruiker met de rol communicatie"), refused);
            asCommunicatie().get("/api/users/{u}", TestData.ADMIN).then().body("roles", equalTo(List.of("communicatie")));
        });
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String fileSignal() {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", TestData.freshClient())
                .body(TestData.signal("MENTION", "LINKEDIN")).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
    }

    /** Parks the signal's e-mail to communicatie as the dispatcher does after its last failed attempt. */
    private static long parkFirstEmailOf(String reference, String error) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                    long ticketId = Ticket.findByReference(reference).orElseThrow().id;
                    OutboxEmail email = OutboxEmail.<OutboxEmail>find("ticketId = ?1 and recipient = ?2 order by id",
                            ticketId, "nieuws@sgl-zorg.nl").firstResult();
                    if (email == null || email.status != EmailStatus.SENT) {
                        return null; // not sent yet: a dispatcher may hold it
                    }
                    email.status = EmailStatus.FAILED;
                    email.attempts = 8;
                    email.lastError = error;
                    email.sentAt = null;
                    return email.id;
                }), java.util.Objects::nonNull);
    }

    private static String routedTo(String region) {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("topic", "REGION");
        signal.put("region", region);
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", TestData.freshClient()).body(signal)
                .post("/api/routing/preview").then().statusCode(200).extract().path("routing.function");
    }
}
