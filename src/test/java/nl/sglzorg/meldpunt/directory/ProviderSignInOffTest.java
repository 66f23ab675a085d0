package nl.sglzorg.meldpunt.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.staff.Desk;
import org.junit.jupiter.api.Test;

/**
 * Without a provider configured (the tests' ordinary settings) Meldpunt behaves as before: no sign-in
 * with SGL's account on offer, its addresses lead to the password form, sign-out stays Meldpunt's own,
 * and a bearer token signs nobody in.
 */
@QuarkusTest
class ProviderSignInOffTest {

    @Test
    void shouldOfferOnlyThePasswordForm() {
        String page = given().get("/beheer/inloggen").then().statusCode(200).extract().asString();

        assertThat(page, not(containsString("sign-in-sgl")));
        for (String path : List.of("/beheer/inloggen/sgl", "/beheer/inloggen/sgl?terug=/beheer/account",
                "/beheer/inloggen/sgl/uitloggen", "/beheer/inloggen/sgl/uitgelogd", "/beheer/inloggen/sgl/mislukt")) {
            given().redirects().follow(false).get(path).then().statusCode(303).header("Location", "/beheer/inloggen");
        }
    }

    @Test
    void shouldSignOutOfMeldpuntAlone() {
        Desk.asCommunicatie().post().post("/beheer/uitloggen")
                .then().statusCode(303).header("Location", "/beheer/inloggen?uitgelogd=1");
    }

    @Test
    void shouldTakeNoBearerToken() {
        TestData.api().auth().oauth2(ProviderTokenTest.token(TestData.ADMIN + "@sgl-zorg.nl", java.util.Set.of()))
                .get("/api/tickets").then().statusCode(401);
    }
}
