package nl.sglzorg.meldpunt.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.intake.SignalRequest;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.ticket.FiguresPerDay;
import nl.sglzorg.meldpunt.ticket.Statistics;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline watcher's escalation moves a ticket to {@code ESCALATED} on its own, with no staff
 * request. The statistics must see that change like any other: the figures per day find changed
 * tickets by their {@code updated_at}, so a status change that left it alone stayed out of
 * {@code GET /api/stats} for as long as the day was not counted again (for good, once its deadlines had
 * all passed).
 */
@QuarkusTest
class AutomaticEscalationFiguresTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Inject
    EscalationService escalations;

    @Inject
    IntakeService intake;

    @Inject
    FiguresPerDay perDay;

    @Inject
    Statistics statistics;

    /** The other test classes count from the tickets, as before this class ran. */
    @AfterEach
    void forgetTheDayRowsAndTheClock() {
        TestClock.INSTANCE.reset();
        QuarkusTransaction.requiringNew().run(() -> Sql.update("UPDATE ticket_day_refresh SET refreshed_at = NULL WHERE id = 1"));
    }

    @Test
    void shouldCountATicketTheWatcherEscalatedAsEscalated() {
        LocalDate day = LocalDate.of(ThreadLocalRandom.current().nextInt(3000, 3900), 9, 9);
        String reference = fileAt(day.atTime(10, 0).atZone(AMSTERDAM).toInstant());
        at(day.atTime(11, 0), () -> perDay.refresh());
        assertEquals(Map.of("NEW", 1L), byStatus(day), "counted into the day's rows");

        Instant escalatedAt = day.atTime(11, 30).atZone(AMSTERDAM).toInstant();
        TestClock.INSTANCE.setNow(escalatedAt);
        QuarkusTransaction.requiringNew().run(() -> escalations.escalate(Ticket.findByReference(reference).orElseThrow(),
                new EscalationService.Manager("Eenheid", "Lia Leiding", TestData.unique("leiding").toLowerCase() + "@sgl-zorg.nl"), 1, true,
                "Termijn voor de eerste reactie verstreken", TicketEvent.SYSTEM, escalatedAt));
        assertEquals(Map.of("ESCALATED", 1L), byStatus(day), "right after the escalation, before a refresh");

        at(day.atTime(13, 0), () -> perDay.refresh());
        assertTrue(!countedAt(day).isBefore(day.atTime(13, 0).atZone(AMSTERDAM).toInstant()),
                "the refresh counts the day again");
        assertEquals(Map.of("ESCALATED", 1L), byStatus(day), "from the day's rows again");
    }

    private Map<String, Long> byStatus(LocalDate day) {
        return statistics.of(day.toString(), day.toString()).byStatus();
    }

    private static Instant countedAt(LocalDate day) {
        Object value = QuarkusTransaction.requiringNew()
                .call(() -> Sql.column("SELECT counted_at FROM ticket_day WHERE filed_on = ?", day).get(0));
        return value instanceof java.time.OffsetDateTime time ? time.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }

    private String fileAt(Instant at) {
        TestClock.INSTANCE.setNow(at);
        SignalRequest request = new SignalRequest(Category.MENTION, Platform.FACEBOOK, null, null,
                "Er wordt over SGL geschreven, kenmerk " + System.nanoTime() + ".", null, null, null, null, false, null);
        return intake.file(request, Channel.PHONE, "communicatie").reference();
    }

    private static void at(java.time.LocalDateTime local, Runnable action) {
        TestClock.INSTANCE.setNow(local.atZone(AMSTERDAM).toInstant());
        action.run();
    }
}
