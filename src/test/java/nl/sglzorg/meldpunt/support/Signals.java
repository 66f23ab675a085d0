package nl.sglzorg.meldpunt.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;

/** Filing a signal as a reporter does, through {@code POST /api/signals}; the test fails unless it is {@code 201}. */
public final class Signals {

    /** A filed signal: what the reporter keeps, and the whole receipt. */
    public record Filed(String reference, String token, Response receipt) {
    }

    private Signals() {
    }

    public static Filed file(Map<String, Object> signal) {
        Response receipt = receipt(signal);
        return new Filed(receipt.path("reference"), receipt.path("trackingToken"), receipt);
    }

    /** A mention on Twitter: routed to communicatie. */
    public static Filed file() {
        return file(TestData.signal("MENTION", "TWITTER"));
    }

    /** The {@code 201} answer to filing {@code signal}. */
    public static Response receipt(Map<String, Object> signal) {
        return given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().response();
    }
}
