package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Office hours arithmetic of {@link WorkingCalendar#sglOffice()}: Mon–Fri 08:30–17:00 Europe/Amsterdam. */
class WorkingCalendarTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private final WorkingCalendar calendar = WorkingCalendar.sglOffice();

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(AMSTERDAM).toInstant();
    }

    @Test
    void shouldCountAWorkingDayAsEightAndAHalfHours() {
        assertEquals(Duration.ofHours(8).plusMinutes(30), calendar.workingDay());
    }

    @ParameterizedTest(name = "{0} + {1} = {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-24T10:00 | PT2H    | 2026-11-24T12:00 | within one day
            2026-11-24T16:00 | PT1H    | 2026-11-24T17:00 | ends exactly at closing, not the next morning
            2026-11-24T16:00 | PT2H    | 2026-11-25T09:30 | across an evening
            2026-11-24T08:30 | PT8H30M | 2026-11-24T17:00 | a whole working day from opening
            2026-11-24T10:00 | PT8H30M | 2026-11-25T10:00 | a whole working day from mid-morning
            2026-11-23T08:30 | PT42H30M | 2026-11-27T17:00 | five working days, Monday to Friday
            2026-11-27T16:00 | PT2H    | 2026-11-30T09:30 | across a weekend
            2026-11-27T16:30 | PT2H    | 2026-11-30T10:00 | half an hour on Friday, the rest on Monday
            2026-11-24T10:00 | PT17H   | 2026-11-26T10:00 | HIGH's two working days
            2026-11-28T11:00 | PT2H    | 2026-11-30T10:30 | starting on a Saturday
            2026-11-29T23:59 | PT2H    | 2026-11-30T10:30 | starting late on a Sunday
            2026-11-24T07:00 | PT2H    | 2026-11-24T10:30 | starting before opening
            2026-11-24T18:00 | PT2H    | 2026-11-25T10:30 | starting after closing
            2026-11-24T17:00 | PT30M   | 2026-11-25T09:00 | starting exactly at closing
            2026-11-28T11:00 | PT0S    | 2026-11-30T08:30 | nothing to add outside hours: the next opening
            2026-04-24T16:00 | PT2H    | 2026-04-28T09:30 | King's Day 2026 is Monday 27 April
            2025-04-25T16:00 | PT2H    | 2025-04-28T09:30 | King's Day 2025 falls on Saturday 26 April
            2026-04-02T16:00 | PT2H    | 2026-04-03T09:30 | Good Friday is a working day
            2026-04-03T16:00 | PT2H    | 2026-04-07T09:30 | Easter Monday 2026
            2025-04-18T16:00 | PT2H    | 2025-04-22T09:30 | Easter Monday 2025
            2026-05-13T16:00 | PT2H    | 2026-05-15T09:30 | Ascension Day 2026
            2026-05-22T16:00 | PT2H    | 2026-05-26T09:30 | Whit Monday 2026
            2025-05-02T16:00 | PT2H    | 2025-05-06T09:30 | Liberation Day in a lustrum year
            2026-05-04T16:00 | PT2H    | 2026-05-05T09:30 | Liberation Day in another year is a working day
            2024-12-24T16:00 | PT2H    | 2024-12-27T09:30 | Christmas and Boxing Day 2024; the 27th is a Friday
            2026-12-24T16:00 | PT2H    | 2026-12-28T09:30 | Christmas 2026 runs into the weekend
            2025-12-24T16:00 | PT2H    | 2025-12-29T09:30 | Christmas 2025 Thursday and Friday, then the weekend
            2026-12-31T16:00 | PT2H    | 2027-01-04T09:30 | New Year's Day 2027 and a weekend, across the year
            2026-10-23T16:00 | PT2H    | 2026-10-26T09:30 | the weekend summer time ends
            2026-03-27T16:00 | PT2H    | 2026-03-30T09:30 | the weekend summer time starts
            2026-10-23T08:30 | PT17H   | 2026-10-26T17:00 | two working days around the October change
            """)
    void shouldAddWorkingTimeInLocalOfficeHours(String start, Duration amount, String expected, String why) {
        assertEquals(local(expected), calendar.plusWorkingTime(local(start), amount), why);
    }

    @Test
    void shouldKeepOfficeHoursInLocalTimeWhenSummerTimeEnds() {
        // Friday 23 October 2026 16:00 CEST is 14:00 UTC; Monday 26 October 09:30 CET is 08:30 UTC.
        Instant friday = Instant.parse("2026-10-23T14:00:00Z");
        assertEquals(friday, local("2026-10-23T16:00"));

        Instant due = calendar.plusWorkingTime(friday, Duration.ofHours(2));

        assertEquals(Instant.parse("2026-10-26T08:30:00Z"), due);
        // 66.5 hours of wall time: the night the clocks go back has 25 hours
        assertEquals(Duration.ofMinutes(66 * 60 + 30), Duration.between(friday, due));
        assertEquals(Duration.ofHours(2), calendar.workingTimeBetween(friday, due));
    }

    @Test
    void shouldKeepOfficeHoursInLocalTimeWhenSummerTimeStarts() {
        // Friday 27 March 2026 16:00 CET is 15:00 UTC; Monday 30 March 09:30 CEST is 07:30 UTC.
        Instant friday = Instant.parse("2026-03-27T15:00:00Z");
        assertEquals(friday, local("2026-03-27T16:00"));

        Instant due = calendar.plusWorkingTime(friday, Duration.ofHours(2));

        assertEquals(Instant.parse("2026-03-30T07:30:00Z"), due);
        // 64.5 hours of wall time: the night the clocks go forward has 23 hours
        assertEquals(Duration.ofMinutes(64 * 60 + 30), Duration.between(friday, due));
        assertEquals(Duration.ofHours(2), calendar.workingTimeBetween(friday, due));
    }

    @Test
    void shouldOpenAt0830LocalOnBothSidesOfTheChange() {
        // The Monday after each change opens at 08:30 local: 07:30 UTC in winter, 06:30 UTC in summer.
        assertEquals(Instant.parse("2026-10-26T07:30:00Z"),
                calendar.plusWorkingTime(Instant.parse("2026-10-24T12:00:00Z"), Duration.ZERO));
        assertEquals(Instant.parse("2026-03-30T06:30:00Z"),
                calendar.plusWorkingTime(Instant.parse("2026-03-28T12:00:00Z"), Duration.ZERO));
    }

    @ParameterizedTest(name = "{0} .. {1} = {2} ({3})")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-24T10:00 | 2026-11-24T12:00 | PT2H    | within one day
            2026-11-24T16:00 | 2026-11-25T09:30 | PT2H    | across an evening
            2026-11-27T16:00 | 2026-11-30T09:30 | PT2H    | across a weekend
            2026-11-28T00:00 | 2026-11-29T23:59 | PT0S    | a whole weekend
            2026-11-24T18:00 | 2026-11-25T07:00 | PT0S    | a night
            2026-11-24T00:00 | 2026-11-25T00:00 | PT8H30M | a whole calendar day
            2026-11-23T00:00 | 2026-11-30T00:00 | PT42H30M | a whole week
            2026-04-24T16:00 | 2026-04-28T09:30 | PT2H    | over King's Day
            2026-12-24T16:00 | 2026-12-28T09:30 | PT2H    | over Christmas
            2026-10-23T16:00 | 2026-10-26T09:30 | PT2H    | over the end of summer time
            2026-11-24T12:00 | 2026-11-24T10:00 | PT0S    | backwards counts nothing
            2026-11-24T12:00 | 2026-11-24T12:00 | PT0S    | an empty interval
            """)
    void shouldMeasureWorkingTimeBetweenTwoInstants(String from, String to, Duration expected, String why) {
        assertEquals(expected, calendar.workingTimeBetween(local(from), local(to)), why);
    }

    @Test
    void shouldMeasureBackWhatItAddedForManyStartsAndAmounts() {
        // A property check without jqwik: between(start, plus(start, d)) == d over generated cases,
        // starting at any minute of 2024–2027 (holidays, weekends, nights, DST changes included).
        Random random = new Random(20261124L);
        Instant first = local("2024-01-01T00:00");
        long minutes = Duration.between(first, local("2028-01-01T00:00")).toMinutes();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Instant start = first.plus(Duration.ofMinutes((long) (random.nextDouble() * minutes)))
                    .plusSeconds(random.nextInt(60));
            Duration amount = Duration.ofSeconds(random.nextInt(12 * 8 * 3600));
            Instant end = calendar.plusWorkingTime(start, amount);
            Duration back = calendar.workingTimeBetween(start, end);
            if (!back.equals(amount) || end.isBefore(start.plus(amount))) {
                failures.add(start + " + " + amount + " = " + end + ", measured back " + back);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " cases fail, e.g. " + failures.subList(0,
                Math.min(5, failures.size())));
    }

    @Test
    void shouldEndEveryAdditionInsideOfficeHoursOnAWorkingDay() {
        Random random = new Random(42L);
        Instant first = local("2025-01-01T00:00");
        for (int i = 0; i < 2000; i++) {
            Instant start = first.plus(Duration.ofMinutes(random.nextInt(3 * 366 * 24 * 60)));
            Duration amount = Duration.ofMinutes(1 + random.nextInt(40 * 60));
            LocalDateTime end = calendar.plusWorkingTime(start, amount).atZone(AMSTERDAM).toLocalDateTime();

            String what = start + " + " + amount + " = " + end;
            assertTrue(calendar.isWorkingDay(end.toLocalDate()), what);
            assertFalse(end.toLocalTime().isBefore(LocalTime.of(8, 30)), what);
            assertFalse(end.toLocalTime().isAfter(LocalTime.of(17, 0)), what);
        }
    }

    @Test
    void shouldAddWorkingTimeMonotonically() {
        Instant start = local("2026-12-23T15:00");
        Instant previous = start;
        for (int minutes = 0; minutes <= 30 * 60; minutes += 7) {
            Instant next = calendar.plusWorkingTime(start, Duration.ofMinutes(minutes));
            assertFalse(next.isBefore(previous), () -> "went back at " + next);
            previous = next;
        }
    }

    @Test
    void shouldKnowWorkingDays() {
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 11, 24)));
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 11, 28)), "Saturday");
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 11, 29)), "Sunday");
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 4, 6)), "Easter Monday");
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 4, 27)), "King's Day");
        assertFalse(calendar.isWorkingDay(LocalDate.of(2026, 12, 25)), "Christmas");
        assertTrue(calendar.isWorkingDay(LocalDate.of(2026, 4, 3)), "Good Friday");
    }

    @Test
    void shouldRefuseNegativeWorkingTime() {
        assertThrows(IllegalArgumentException.class,
                () -> calendar.plusWorkingTime(Instant.now(), Duration.ofMinutes(-1)));
    }

    @Test
    void shouldRefuseACalendarWithoutWorkingHoursOrDays() {
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        Set<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThrows(IllegalArgumentException.class,
                () -> new WorkingCalendar(zone, LocalTime.of(17, 0), LocalTime.of(8, 30), weekdays));
        assertThrows(IllegalArgumentException.class,
                () -> new WorkingCalendar(zone, LocalTime.of(9, 0), LocalTime.of(9, 0), weekdays));
        assertThrows(IllegalArgumentException.class,
                () -> new WorkingCalendar(zone, LocalTime.of(8, 30), LocalTime.of(17, 0), Set.of()));
    }

    @Test
    void shouldFollowAnotherConfiguredWeek() {
        // A calendar with Saturday as a working day and shorter hours, to show the settings are used.
        WorkingCalendar sixDays = new WorkingCalendar(AMSTERDAM, LocalTime.of(9, 0), LocalTime.of(13, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY));

        assertEquals(Duration.ofHours(4), sixDays.workingDay());
        assertEquals(local("2026-11-28T10:00"),
                sixDays.plusWorkingTime(local("2026-11-27T12:00"), Duration.ofHours(2)));
    }
}
