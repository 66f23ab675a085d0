package nl.sglzorg.meldpunt.directory;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.web.staff.Desk;
import org.junit.jupiter.api.Test;

/**
 * Bearer access tokens from the organisation's provider on the API, against a stand-in provider
 * (WireMock: discovery, its signing keys) and tokens signed here with its key: who a token makes
 * someone in Meldpunt, which tokens are refused, and that passwords stay for communicatie alone when
 * {@code meldpunt.local-passwords} says so.
 */
@QuarkusTest
@TestProfile(ProviderTokenTest.WithProvider.class)
class ProviderTokenTest {

    static final String ISSUER = "https://server.example.com";
    static final String CLIENT_ID = "meldpunt";

    /** Meldpunt with a provider, the three settings as an installation sets them, and group mappings. */
    public static class WithProvider implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                    "quarkus.oidc.client-id", CLIENT_ID,
                    "quarkus.oidc.credentials.secret", "geheim-van-de-test",
                    "meldpunt.oidc.groups", "sgl-communicatie=communicatie,sgl-hr=functionaris:HR_REPRESENTATIVE,"
                            + "sgl-managers=leidinggevende,sgl-onbekend=functionaris:NO_SUCH_FUNCTION",
                    "meldpunt.oidc.unit-claim", "sgl_unit",
                    "meldpunt.local-passwords", "communicatie");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // who a token makes someone
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldLetTheTokenOfACommunicatieAccountsAddressIn() {
        String user = TestData.createUser(List.of("communicatie"), null, null);

        bearer(token(user + "@sgl-zorg.nl", Set.of())).get("/api/tickets").then().statusCode(200);
        // The address matches whatever its case; the account decides the roles.
        bearer(token(user.toUpperCase() + "@SGL-zorg.nl", Set.of())).get("/api/users").then().statusCode(200);
    }

    @Test
    void shouldGiveAnAccountTheRolesOfItsAccountNotOfTheProvider() {
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);

        // "communicatie" as a provider group or role means nothing unless the setting maps it.
        String token = sign(claims(user + "@sgl-zorg.nl", Set.of("communicatie")).claim("roles", List.of("communicatie")));
        bearer(token).get("/api/tickets").then().statusCode(200);
        bearer(token).get("/api/users").then().statusCode(403);
    }

    @Test
    void shouldCreateTheAccountOfSomeoneInAMappedGroup() {
        String name = TestData.unique("hr").toLowerCase();
        String email = name + "@sgl-zorg.nl";

        bearer(token(email, Set.of("sgl-hr", "sgl-iedereen"))).get("/api/tickets").then().statusCode(200);

        Response account = account(email);
        account.then().body("roles", equalTo(List.of("functionaris")))
                .body("function", equalTo("HR_REPRESENTATIVE"))
                .body("enabled", equalTo(true));
        // Signing in again finds the same account, never a second one.
        bearer(token(email, Set.of("sgl-hr"))).get("/api/tickets").then().statusCode(200);
        TestData.asCommunicatie().get("/api/users").then().statusCode(200)
                .body("findAll { it.email == '" + email + "' }.size()", equalTo(1));
    }

    @Test
    void shouldMakeAManagerOfTheUnitInTheUnitClaim() {
        String unit = TestData.createUnit("Manager", "manager@sgl-zorg.nl");
        String email = TestData.unique("lg").toLowerCase() + "@sgl-zorg.nl";

        bearer(sign(claims(email, Set.of("sgl-managers")).claim("sgl_unit", unit))).get("/api/tickets")
                .then().statusCode(200);

        account(email).then().body("roles", equalTo(List.of("leidinggevende"))).body("unit", equalTo(unit));
    }

    @Test
    void shouldUpdateTheRolesOfAnAccountFromItsGroups() {
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String email = user + "@sgl-zorg.nl";

        bearer(token(email, Set.of("sgl-communicatie"))).get("/api/users").then().statusCode(200);

        account(email).then().body("username", equalTo(user)).body("roles", equalTo(List.of("communicatie")))
                .body("function", equalTo(null));
    }

    @Test
    void shouldTakeTheRolesGroupsGaveFromSomeoneInNoneOfThemAnyMore() {
        String email = TestData.unique("weg").toLowerCase() + "@sgl-zorg.nl";
        bearer(token(email, Set.of("sgl-communicatie"))).get("/api/users").then().statusCode(200);

        // Taken out of the communicatie group, in no mapped group: the group's role goes with it.
        bearer(token(email, Set.of("sgl-iedereen"))).get("/api/users").then().statusCode(403);
        bearer(token(email, Set.of())).get("/api/tickets").then().statusCode(403);
        account(email).then().body("roles", equalTo(List.of())).body("enabled", equalTo(true));
        // In a mapped group again, in again with what it gives.
        bearer(token(email, Set.of("sgl-hr"))).get("/api/tickets").then().statusCode(200);
        account(email).then().body("roles", equalTo(List.of("functionaris")));

        // A manager whose unit the provider no longer names is no manager any more.
        String unit = TestData.createUnit("Vertrokken", "vertrokken@sgl-zorg.nl");
        String manager = TestData.unique("lgweg").toLowerCase() + "@sgl-zorg.nl";
        bearer(sign(claims(manager, Set.of("sgl-managers")).claim("sgl_unit", unit))).get("/api/tickets")
                .then().statusCode(200);
        bearer(token(manager, Set.of("sgl-managers"))).get("/api/tickets").then().statusCode(403);
        account(manager).then().body("roles", equalTo(List.of())).body("unit", equalTo(null));
    }

    @Test
    void shouldTakeNothingForATokenWithoutGroupsOrFromRolesSetByHand() {
        String email = TestData.unique("blijft").toLowerCase() + "@sgl-zorg.nl";
        bearer(token(email, Set.of("sgl-hr"))).get("/api/tickets").then().statusCode(200);

        // A token that carries no groups claim (an access token without them, Entra's "too many groups")
        // says nothing of the groups: the account keeps what they gave.
        bearer(sign(base().claim("email", email))).get("/api/tickets").then().statusCode(200);
        account(email).then().body("roles", equalTo(List.of("functionaris")));

        // Roles communicatie sets by hand are the account's own: no group takes them.
        String username = account(email).path("username");
        Map<String, Object> edit = new java.util.HashMap<>();
        edit.put("roles", List.of("communicatie"));
        edit.put("email", email);
        TestData.asCommunicatie().contentType(io.restassured.http.ContentType.JSON).body(edit)
                .put("/api/users/{username}", username).then().statusCode(200);
        bearer(token(email, Set.of("sgl-iedereen"))).get("/api/users").then().statusCode(200);
        account(email).then().body("roles", equalTo(List.of("communicatie")));
    }

    @Test
    void shouldReadTheAddressFromTheUpnWhenThereIsNoEmailClaim() {
        String user = TestData.createUser(List.of("communicatie"), null, null);

        bearer(sign(base().claim("upn", user + "@sgl-zorg.nl").claim("preferred_username", "iemand")))
                .get("/api/tickets").then().statusCode(200);
    }

    @Test
    void shouldNotTakeAnAddressTheProviderSaysItHasNotVerified() {
        // At a provider where people edit their own address, anyone could set a communicatie account's.
        String user = TestData.createUser(List.of("communicatie"), null, null);
        String address = user + "@sgl-zorg.nl";

        bearer(sign(claims(address, Set.of()).claim("email_verified", false))).get("/api/users")
                .then().statusCode(403);
        bearer(sign(claims(address, Set.of()).claim("email_verified", true))).get("/api/users")
                .then().statusCode(200);
        // An administrator's upn still counts beside an unverified address.
        bearer(sign(claims("zelf-gekozen@voorbeeld.nl", Set.of()).claim("email_verified", false).claim("upn", address)))
                .get("/api/users").then().statusCode(200);
    }

    // ---------------------------------------------------------------------------------------------
    // refused: 403, and never an account
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseAnAddressWithoutAnAccountOrAMappedGroup() {
        String email = TestData.unique("onbekend").toLowerCase() + "@sgl-zorg.nl";

        Response refused = bearer(token(email, Set.of("sgl-iedereen"))).get("/api/tickets");

        assertProblem(refused, 403, "forbidden", "Geen toegang", "/api/tickets");
        TestData.asCommunicatie().get("/api/users").then().statusCode(200).body("email", not(hasItem(email)));
    }

    @Test
    void shouldRefuseAGroupWhoseFunctionMeldpuntDoesNotKnow() {
        String email = TestData.unique("fout").toLowerCase() + "@sgl-zorg.nl";

        bearer(token(email, Set.of("sgl-onbekend"))).get("/api/tickets").then().statusCode(403);
        bearer(token(email, Set.of("sgl-managers"))).get("/api/tickets").then().statusCode(403); // no unit claim
        TestData.asCommunicatie().get("/api/users").then().statusCode(200).body("email", not(hasItem(email)));
    }

    @Test
    void shouldRefuseATokenWithoutAnAddress() {
        bearer(sign(base().claim("preferred_username", "iemand"))).get("/api/tickets").then().statusCode(403);
    }

    @Test
    void shouldKeepADisabledAccountOutWhateverItsGroupsSay() {
        String user = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String email = user + "@sgl-zorg.nl";
        Map<String, Object> body = new HashMap<>();
        body.put("roles", List.of("functionaris"));
        body.put("function", "CARE_BROKER");
        body.put("email", email);
        body.put("enabled", false);
        TestData.asCommunicatie().contentType(ContentType.JSON).body(body).put("/api/users/{username}", user)
                .then().statusCode(200);

        bearer(token(email, Set.of())).get("/api/tickets").then().statusCode(403);
        bearer(token(email, Set.of("sgl-communicatie"))).get("/api/tickets").then().statusCode(403);

        account(email).then().body("enabled", equalTo(false)).body("roles", equalTo(List.of("functionaris")));
    }

    // ---------------------------------------------------------------------------------------------
    // tokens that are not good: 401
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseAnExpiredToken() {
        String user = TestData.createUser(List.of("communicatie"), null, null);
        Instant past = Instant.now().minusSeconds(3600);

        bearer(sign(claims(user + "@sgl-zorg.nl", Set.of()).issuedAt(past).expiresAt(past.plusSeconds(300))))
                .get("/api/tickets").then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenForAnotherClient() {
        String user = TestData.createUser(List.of("communicatie"), null, null);
        String email = user + "@sgl-zorg.nl";

        bearer(sign(claims(email, Set.of()).audience("een-andere-app").claim("azp", "een-andere-app")))
                .get("/api/tickets").then().statusCode(401);
        bearer(sign(claims(email, Set.of()).audience(Set.of()))).get("/api/tickets").then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenOfAnotherIssuer() {
        String user = TestData.createUser(List.of("communicatie"), null, null);

        bearer(sign(claims(user + "@sgl-zorg.nl", Set.of()).issuer("https://elders.example.com")))
                .get("/api/tickets").then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenNotSignedByTheProvider() throws NoSuchAlgorithmException {
        String user = TestData.createUser(List.of("communicatie"), null, null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        String forged = claims(user + "@sgl-zorg.nl", Set.of()).jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
        bearer(forged).get("/api/tickets").then().statusCode(401);
        // Nor unsigned: the provider's own token with its header saying "alg": "none" and no signature.
        String[] parts = token(user + "@sgl-zorg.nl", Set.of()).split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"kid\":\"1\"}".getBytes(StandardCharsets.UTF_8));
        bearer(none + "." + parts[1] + ".").get("/api/tickets").then().statusCode(401);
        bearer("geen-token").get("/api/tickets").then().statusCode(401);
    }

    // ---------------------------------------------------------------------------------------------
    // local passwords for communicatie only
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldKeepPasswordsForCommunicatieAlone() {
        String functionaris = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String communicatie = TestData.createUser(List.of("communicatie"), null, null);

        TestData.as(functionaris).get("/api/tickets").then().statusCode(401);
        TestData.as(communicatie).get("/api/tickets").then().statusCode(200);
        TestData.asCommunicatie().get("/api/tickets").then().statusCode(200);
        // The functionaris still comes in through the provider.
        bearer(token(functionaris + "@sgl-zorg.nl", Set.of())).get("/api/tickets").then().statusCode(200);
    }

    // ---------------------------------------------------------------------------------------------
    // the desk: sign-in with SGL's account (the code flow itself runs against Keycloak in ProviderSignInIT)
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldOfferSignInWithTheOrganisationsAccount() {
        String page = given().get("/beheer/inloggen").then().statusCode(200).extract().asString();

        assertThat(page, containsString("id=\"sign-in-sgl\" href=\"/beheer/inloggen/sgl\""));
        assertThat(page, containsString("Inloggen met je SGL-account"));
    }

    @Test
    void shouldSendTheBrowserToTheProviderWithPkceStateAndNonce() {
        Response challenge = given().redirects().follow(false).get("/beheer/inloggen/sgl?terug=/beheer/account");

        challenge.then().statusCode(302);
        URI location = URI.create(challenge.header("Location"));
        assertThat(location.getPath(), equalTo("/auth/realms/quarkus"));
        String query = location.getRawQuery();
        for (String parameter : List.of("response_type=code", "client_id=" + CLIENT_ID, "code_challenge_method=S256",
                "code_challenge=", "state=", "nonce=", "scope=openid")) {
            assertThat(query, containsString(parameter));
        }
        // Back to the one address registered at the provider, whatever page was asked for.
        assertThat(query, matchesPattern(".*redirect_uri=[^&]*%2Fbeheer%2Finloggen%2Fsgl(&.*)?"));
        // The state cookie is the code flow's own, for its path alone.
        List<String> paths = challenge.getDetailedCookies().asList().stream()
                .filter(cookie -> cookie.getName().startsWith("q_auth_sgl")).map(cookie -> cookie.getPath()).toList();
        assertThat(paths, equalTo(List.of("/beheer/inloggen/sgl")));
    }

    @Test
    void shouldSignOutThroughTheProviderOnlyWhenSignedInThere() {
        // A password sign-in has no session at the provider: straight back to the sign-in page.
        Desk desk = Desk.signIn(TestData.ADMIN, TestData.ADMIN_PASSWORD);
        Response signedOut = desk.post().post("/beheer/uitloggen");
        signedOut.then().statusCode(303).header("Location", "/beheer/inloggen/sgl/uitgelogd");
        given().redirects().follow(false).get("/beheer/inloggen/sgl/uitgelogd")
                .then().statusCode(303).header("Location", "/beheer/inloggen?uitgelogd=1");
        given().redirects().follow(false).get("/beheer/inloggen/sgl/uitloggen")
                .then().statusCode(303).header("Location", "/beheer/inloggen?uitgelogd=1");
        desk.get().get("/beheer/account").then().statusCode(303);
    }

    @Test
    void shouldSayWhenTheProviderDidNotSignSomeoneIn() {
        String cancelled = given().get("/beheer/inloggen/sgl/mislukt?error=access_denied&error_description=x")
                .then().statusCode(200).extract().asString();
        assertThat(cancelled, containsString("Je hebt het inloggen bij SGL afgebroken."));
        String failed = given().get("/beheer/inloggen/sgl/mislukt?error=server_error").then().statusCode(200)
                .extract().asString();
        assertThat(failed, containsString("Probeer het nog een keer"));
    }

    // ---------------------------------------------------------------------------------------------

    private static RequestSpecification bearer(String token) {
        return TestData.api().auth().oauth2(token);
    }

    private static Response account(String email) {
        List<Map<String, Object>> users = TestData.asCommunicatie().get("/api/users").then().statusCode(200)
                .extract().path("findAll { it.email == '" + email + "' }");
        String username = (String) users.get(0).get("username");
        return TestData.asCommunicatie().get("/api/users/{username}", username).then().statusCode(200)
                .extract().response();
    }

    /** A token as the provider issues it to Meldpunt, for this address and these groups. */
    static String token(String email, Set<String> groups) {
        return sign(claims(email, groups));
    }

    static JwtClaimsBuilder claims(String email, Set<String> groups) {
        return base().claim("email", email).groups(groups);
    }

    static JwtClaimsBuilder base() {
        return Jwt.issuer(ISSUER).audience(CLIENT_ID).subject(TestData.unique("sub")).claim("azp", CLIENT_ID)
                .expiresIn(300);
    }

    /** Signed with the stand-in provider's key ("1" in its key set). */
    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }
}
