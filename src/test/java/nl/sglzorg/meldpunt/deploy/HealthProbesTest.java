package nl.sglzorg.meldpunt.deploy;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.management;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The endpoints the Kubernetes probes in {@code deploy/k8s/deployment.yaml} ask: liveness, and
 * readiness with the database and the e-mail outbox, as {@code docs/operations.md} describes them.
 * They, the metrics, the contract and Swagger UI are on the management port only: the public port
 * serves the API alone.
 */
@QuarkusTest
class HealthProbesTest {

    @Test
    void shouldAnswerTheLivenessProbe() {
        management().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldBeReadyWithTheDatabaseAndReportTheOutbox() {
        management().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "e-mail outbox"))
                .body("checks.find { it.name == 'e-mail outbox' }.data.failed", notNullValue())
                .body("checks.find { it.name == 'e-mail outbox' }.data.pending", notNullValue());
    }

    @Test
    void shouldServeManagementOnItsOwnPortOnly() {
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            given().get(path).then().statusCode(404);
        }
        management().get("/q/health").then().statusCode(200);
        management().get("/q/metrics").then().statusCode(200).body(containsString("meldpunt_mail_pending"));
    }
}
