package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Dutch public holidays on which SGL's offices are closed, computed per year. */
class DutchHolidaysTest {

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({
            // the ones the brief asks for
            "2024, 2024-03-31",
            "2025, 2025-04-20",
            "2026, 2026-04-05",
            "2027, 2027-03-28",
            "2038, 2038-04-25",
            // the earliest and latest possible dates, and a few more from published tables
            "1818, 1818-03-22",
            "2285, 2285-03-22",
            "1943, 1943-04-25",
            "2000, 2000-04-23",
            "2008, 2008-03-23",
            "2011, 2011-04-24",
            "2019, 2019-04-21",
            "2028, 2028-04-16",
            "2035, 2035-03-25",
            "2043, 2043-03-29"
    })
    void shouldComputeEasterSunday(int year, LocalDate easter) {
        assertEquals(easter, DutchHolidays.easterSunday(year));
        assertEquals(DayOfWeek.SUNDAY, easter.getDayOfWeek(), "the table itself must hold Sundays");
    }

    @ParameterizedTest(name = "{0}: Easter {1}, Ascension {2}, Whitsun {3}")
    @CsvSource({
            "2024, 2024-03-31, 2024-05-09, 2024-05-19",
            "2025, 2025-04-20, 2025-05-29, 2025-06-08",
            "2026, 2026-04-05, 2026-05-14, 2026-05-24",
            "2027, 2027-03-28, 2027-05-06, 2027-05-16",
            "2038, 2038-04-25, 2038-06-03, 2038-06-13"
    })
    void shouldCloseOnTheEasterBasedHolidays(int year, LocalDate easter, LocalDate ascension, LocalDate whitSunday) {
        Set<LocalDate> days = DutchHolidays.of(year);

        assertTrue(days.contains(easter), "Easter Sunday");
        assertTrue(days.contains(easter.plusDays(1)), "Easter Monday");
        assertTrue(days.contains(ascension), "Ascension Day");
        assertEquals(DayOfWeek.THURSDAY, ascension.getDayOfWeek());
        assertTrue(days.contains(whitSunday), "Whit Sunday");
        assertTrue(days.contains(whitSunday.plusDays(1)), "Whit Monday");
        // Good Friday is a working day at SGL
        assertFalse(days.contains(easter.minusDays(2)), "Good Friday");
    }

    @ParameterizedTest(name = "King's Day {0} is {1}")
    @CsvSource({
            "2024, 2024-04-27",
            // the 27th is a Sunday: the day before
            "2025, 2025-04-26",
            "2026, 2026-04-27",
            "2027, 2027-04-27",
            "2031, 2031-04-26",
            "2036, 2036-04-26"
    })
    void shouldMoveKingsDayToSaturdayWhenThe27thIsASunday(int year, LocalDate kingsDay) {
        Set<LocalDate> days = DutchHolidays.of(year);

        assertTrue(days.contains(kingsDay), () -> "King's Day " + kingsDay + " in " + days);
        LocalDate the27th = LocalDate.of(year, Month.APRIL, 27);
        if (!kingsDay.equals(the27th)) {
            assertEquals(DayOfWeek.SUNDAY, the27th.getDayOfWeek());
            assertFalse(days.contains(the27th), "a Sunday 27 April is not King's Day itself");
        }
        assertFalse(days.contains(LocalDate.of(year, Month.APRIL, 28)));
    }

    @ParameterizedTest(name = "Liberation Day {0}")
    @ValueSource(ints = {2020, 2025, 2030, 2035, 2040})
    void shouldCloseOnLiberationDayInLustrumYears(int year) {
        assertTrue(DutchHolidays.of(year).contains(LocalDate.of(year, Month.MAY, 5)));
    }

    @ParameterizedTest(name = "no Liberation Day {0}")
    @ValueSource(ints = {2024, 2026, 2027, 2028, 2029, 2031})
    void shouldWorkOnLiberationDayOutsideLustrumYears(int year) {
        assertFalse(DutchHolidays.of(year).contains(LocalDate.of(year, Month.MAY, 5)));
    }

    @ParameterizedTest(name = "fixed holidays {0}")
    @ValueSource(ints = {2024, 2025, 2026, 2027, 2038})
    void shouldCloseOnNewYearChristmasAndBoxingDay(int year) {
        Set<LocalDate> days = DutchHolidays.of(year);

        assertTrue(days.contains(LocalDate.of(year, Month.JANUARY, 1)));
        assertTrue(days.contains(LocalDate.of(year, Month.DECEMBER, 25)));
        assertTrue(days.contains(LocalDate.of(year, Month.DECEMBER, 26)));
        // Christmas Eve and New Year's Eve are ordinary days
        assertFalse(days.contains(LocalDate.of(year, Month.DECEMBER, 24)));
        assertFalse(days.contains(LocalDate.of(year, Month.DECEMBER, 31)));
    }

    @Test
    void shouldListExactlyTheTenHolidaysOf2025() {
        // 2025 is a lustrum year, so Liberation Day counts; King's Day falls on Saturday 26 April.
        Set<LocalDate> expected = Set.of(
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 4, 20), LocalDate.of(2025, 4, 21),
                LocalDate.of(2025, 4, 26),
                LocalDate.of(2025, 5, 5),
                LocalDate.of(2025, 5, 29),
                LocalDate.of(2025, 6, 8), LocalDate.of(2025, 6, 9),
                LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 26));

        assertEquals(expected, DutchHolidays.of(2025));
    }

    @Test
    void shouldListExactlyTheNineHolidaysOf2026() {
        Set<LocalDate> expected = Set.of(
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 4, 5), LocalDate.of(2026, 4, 6),
                LocalDate.of(2026, 4, 27),
                LocalDate.of(2026, 5, 14),
                LocalDate.of(2026, 5, 24), LocalDate.of(2026, 5, 25),
                LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));

        assertEquals(expected, DutchHolidays.of(2026));
    }
}
