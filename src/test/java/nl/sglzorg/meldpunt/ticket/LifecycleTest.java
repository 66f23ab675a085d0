package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle table of docs/design.md § The lifecycle, checked cell by cell. The table is copied
 * here as text, not derived from {@link Lifecycle}, so a change to either shows up as a failure.
 */
class LifecycleTest {

    /** docs/design.md, verbatim: from → allowed to. */
    private static final Map<String, String> DESIGN_TABLE = Map.of(
            "NEW", "TRIAGED, IN_PROGRESS, WAITING, ESCALATED, REJECTED, MERGED",
            "TRIAGED", "IN_PROGRESS, WAITING, ESCALATED, RESOLVED, REJECTED, MERGED",
            "IN_PROGRESS", "WAITING, ESCALATED, RESOLVED, MERGED",
            "WAITING", "IN_PROGRESS, RESOLVED, MERGED",
            "ESCALATED", "IN_PROGRESS, RESOLVED",
            "RESOLVED", "CLOSED, IN_PROGRESS",
            "REJECTED", "TRIAGED",
            "CLOSED", "",
            "MERGED", "");

    /** Reached only through an escalation or a merge, never by a plain transition. */
    private static final Set<TicketStatus> SPECIAL = EnumSet.of(TicketStatus.ESCALATED, TicketStatus.MERGED);

    static Set<TicketStatus> designAllows(TicketStatus from) {
        String targets = DESIGN_TABLE.get(from.name());
        if (targets.isEmpty()) {
            return EnumSet.noneOf(TicketStatus.class);
        }
        return Arrays.stream(targets.split(",\\s*")).map(TicketStatus::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TicketStatus.class)));
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @Test
    void shouldHaveARowForEveryStatus() {
        // A status added to the enum without a row in the design table must be noticed.
        assertEquals(9, TicketStatus.values().length);
        assertEquals(EnumSet.allOf(TicketStatus.class),
                DESIGN_TABLE.keySet().stream().map(TicketStatus::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(TicketStatus.class))));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyPair")
    void shouldAllowExactlyWhatTheDesignTableAllows(TicketStatus from, TicketStatus to) {
        assertEquals(designAllows(from).contains(to), Lifecycle.allows(from, to));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyPair")
    void shouldRefuseEscalatedAndMergedAsPlainTransitions(TicketStatus from, TicketStatus to) {
        boolean expected = designAllows(from).contains(to) && !SPECIAL.contains(to);
        assertEquals(expected, Lifecycle.allowsTransition(from, to));
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void shouldListThePlainTransitionsOfARow(TicketStatus from) {
        Set<TicketStatus> expected = designAllows(from);
        expected.removeAll(SPECIAL);
        assertEquals(expected, Lifecycle.transitionsFrom(from));
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void shouldNeedAMessageOnlyForResolvedRejectedAndWaiting(TicketStatus to) {
        boolean expected = to == TicketStatus.RESOLVED || to == TicketStatus.REJECTED || to == TicketStatus.WAITING;
        assertEquals(expected, Lifecycle.needsMessage(to));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "NEW         | Ontvangen",
        "TRIAGED     | In behandeling",
        "IN_PROGRESS | In behandeling",
        "ESCALATED   | In behandeling",
        "WAITING     | Wacht op jouw reactie",
        "RESOLVED    | Afgehandeld",
        "CLOSED      | Afgehandeld",
        "REJECTED    | Niet in behandeling genomen",
        "MERGED      | Samengevoegd met een andere melding"})
    void shouldShowReportersThePublicLabelOfTheDesign(TicketStatus status, String label) {
        assertEquals(label, status.publicLabel());
    }
}
