package nl.sglzorg.meldpunt.contract;

import static nl.sglzorg.meldpunt.TestData.management;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The served {@code /q/openapi} (management port) is the published contract, not a generated approximation. */
@QuarkusTest
class ServedContractTest {

    @Test
    void shouldServeThePublishedContract() {
        management().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", equalTo("Meldpunt"))
                .body("paths.'/api/signals'.post.summary", equalTo("File a signal"))
                .body("paths.'/api/tickets/{reference}'.get", notNullValue());
    }
}
