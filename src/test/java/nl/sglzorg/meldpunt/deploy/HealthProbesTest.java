package nl.sglzorg.meldpunt.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The endpoints the Kubernetes probes in {@code deploy/k8s/deployment.yaml} ask: liveness, and
 * readiness with the database and the e-mail outbox, as {@code docs/operations.md} describes them.
 */
@QuarkusTest
class HealthProbesTest {

    @Test
    void shouldAnswerTheLivenessProbe() {
        given().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldBeReadyWithTheDatabaseAndReportTheOutbox() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "e-mail outbox"))
                .body("checks.find { it.name == 'e-mail outbox' }.data.failed", notNullValue())
                .body("checks.find { it.name == 'e-mail outbox' }.data.pending", notNullValue());
    }
}
