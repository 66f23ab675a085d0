package nl.sglzorg.meldpunt.ticket;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Dutch public holidays on which SGL's offices are closed, computed for any year: New Year's
 * Day, Easter Sunday and Monday, King's Day (27 April, the 26th when the 27th is a Sunday),
 * Liberation Day in lustrum years (2025, 2030, …, as most collective agreements give it), Ascension
 * Day, Whit Sunday and Monday, and Christmas Day and Boxing Day. Good Friday is not a day off.
 */
public final class DutchHolidays {

    private DutchHolidays() {
    }

    public static Set<LocalDate> of(int year) {
        Set<LocalDate> days = new TreeSet<>();
        LocalDate easter = easterSunday(year);
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(easter);
        days.add(easter.plusDays(1));
        LocalDate kingsDay = LocalDate.of(year, Month.APRIL, 27);
        days.add(kingsDay.getDayOfWeek() == DayOfWeek.SUNDAY ? kingsDay.minusDays(1) : kingsDay);
        if (year % 5 == 0) {
            days.add(LocalDate.of(year, Month.MAY, 5));
        }
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(49));
        days.add(easter.plusDays(50));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        days.add(LocalDate.of(year, Month.DECEMBER, 26));
        return days;
    }

    /** Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
