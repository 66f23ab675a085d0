package nl.sglzorg.meldpunt.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An escalation as staff see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EscalationView(long id, int level, boolean automatic, Manager manager, String reason, String createdBy,
        Instant createdAt, Instant acknowledgeBy, String acknowledgedBy, Instant acknowledgedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Manager(String unit, String name, String email) {
    }

    public static EscalationView of(Escalation e) {
        return new EscalationView(e.id, e.level, e.automatic, new Manager(e.managerUnit, e.managerName, e.managerEmail),
                e.reason, e.createdBy, e.createdAt, e.acknowledgeBy, e.acknowledgedBy, e.acknowledgedAt);
    }
}
