package nl.sglzorg.meldpunt.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the e-mail backlog on {@code /q/health/ready}. A backlog does not make the instance
 * unready — taking it out of the load balancer would not send a single e-mail — but shows at a
 * glance that the SMTP server is not taking mail.
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    @Inject
    OutboxStore store;

    @Override
    public HealthCheckResponse call() {
        OutboxStore.Backlog backlog = store.backlog();
        return HealthCheckResponse.named("e-mail outbox").up()
                .withData("pending", backlog.pending())
                .withData("failed", backlog.failed())
                .withData("oldestPendingSeconds", backlog.oldestPendingAge().toSeconds())
                .build();
    }
}
