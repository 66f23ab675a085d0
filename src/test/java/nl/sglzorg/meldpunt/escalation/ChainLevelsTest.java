package nl.sglzorg.meldpunt.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.ticket.Escalation;
import org.junit.jupiter.api.Test;

/**
 * Which open escalation is the other level of an acknowledged one's chain: the only one that can be,
 * and none when two chains are open on one ticket at once (no column says which level 2 followed which).
 */
class ChainLevelsTest {

    private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void shouldFindTheLevelTwoThatFollowedTheOnlyChainsLevelOne() {
        Escalation first = escalation(1, 1, false, 0, true);
        Escalation second = escalation(2, 2, true, 4, false);
        first.acknowledgedAt = NINE.plusSeconds(5 * 3600);

        assertEquals(Optional.of(second), EscalationService.otherLevel(first, List.of(first, second)));
    }

    @Test
    void shouldFindTheLevelOneThatTheOnlyChainsLevelTwoFollowed() {
        Escalation first = escalation(1, 1, false, 0, true);
        Escalation second = escalation(2, 2, true, 4, false);
        second.acknowledgedAt = NINE.plusSeconds(5 * 3600);

        assertEquals(Optional.of(first), EscalationService.otherLevel(second, List.of(first, second)));
    }

    @Test
    void shouldCloseNothingElseWhenTwoChainsAreOpenAtOnce() {
        // A (level 1 at 9:00, by hand) led to B, and C (level 1 at 10:00) to D: B and D are both after A.
        Escalation a = escalation(1, 1, false, 0, true);
        Escalation b = escalation(2, 2, true, 4, false);
        Escalation c = escalation(3, 1, false, 1, true);
        Escalation d = escalation(4, 2, true, 5, false);
        List<Escalation> all = List.of(a, b, c, d);

        a.acknowledgedAt = NINE.plusSeconds(6 * 3600);
        assertEquals(Optional.empty(), EscalationService.otherLevel(a, all), "B or D: not known");
        a.acknowledgedAt = null;
        d.acknowledgedAt = NINE.plusSeconds(6 * 3600);
        assertEquals(Optional.empty(), EscalationService.otherLevel(d, all), "A or C: not known");
    }

    @Test
    void shouldLeaveAChainWhoseLevelOneNeverFiredAlone() {
        Escalation byHand = escalation(1, 1, false, 0, false);
        Escalation other = escalation(2, 2, true, 1, false);
        byHand.acknowledgedAt = NINE.plusSeconds(2 * 3600);

        assertEquals(Optional.empty(), EscalationService.otherLevel(byHand, List.of(byHand, other)));
    }

    private static Escalation escalation(long id, int level, boolean automatic, int hoursAfterNine, boolean fired) {
        Escalation escalation = new Escalation();
        escalation.id = id;
        escalation.level = level;
        escalation.automatic = automatic;
        escalation.createdAt = NINE.plusSeconds(hoursAfterNine * 3600L);
        escalation.nextLevelFired = fired;
        return escalation;
    }
}
