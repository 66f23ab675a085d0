package nl.sglzorg.meldpunt.ticket;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Office hours: working days from a start to an end time in one time zone, without Dutch public
 * holidays. Adds working time to an instant and measures it between two; every day is taken in local
 * time, so a change to or from summer time moves nothing.
 */
public final class WorkingCalendar {

    private static final int MAX_DAYS = 366 * 20;

    private final ZoneId zone;
    private final LocalTime dayStart;
    private final LocalTime dayEnd;
    private final Set<DayOfWeek> workdays;
    private final Map<Integer, Set<LocalDate>> holidays = new ConcurrentHashMap<>();

    public WorkingCalendar(ZoneId zone, LocalTime dayStart, LocalTime dayEnd, Set<DayOfWeek> workdays) {
        if (!dayStart.isBefore(dayEnd)) {
            throw new IllegalArgumentException("the working day must start before it ends");
        }
        if (workdays.isEmpty()) {
            throw new IllegalArgumentException("at least one working day is needed");
        }
        this.zone = zone;
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
        this.workdays = EnumSet.copyOf(workdays);
    }

    /** SGL's default: Monday to Friday, 08:30 to 17:00, Europe/Amsterdam. */
    public static WorkingCalendar sglOffice() {
        return new WorkingCalendar(ZoneId.of("Europe/Amsterdam"), LocalTime.of(8, 30), LocalTime.of(17, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    /** The length of one working day, e.g. 8 h 30 min. */
    public Duration workingDay() {
        return Duration.between(dayStart, dayEnd);
    }

    public boolean isWorkingDay(LocalDate day) {
        return workdays.contains(day.getDayOfWeek())
                && !holidays.computeIfAbsent(day.getYear(), DutchHolidays::of).contains(day);
    }

    /** The instant when {@code amount} of working time has passed after {@code start}. */
    public Instant plusWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("working time cannot be negative");
        }
        ZonedDateTime cursor = start.atZone(zone);
        Duration left = amount;
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = cursor.toLocalDate();
            if (isWorkingDay(day)) {
                ZonedDateTime open = day.atTime(dayStart).atZone(zone);
                ZonedDateTime close = day.atTime(dayEnd).atZone(zone);
                ZonedDateTime from = cursor.isAfter(open) ? cursor : open;
                if (from.isBefore(close)) {
                    Duration available = Duration.between(from, close);
                    if (left.compareTo(available) <= 0) {
                        return from.plus(left).toInstant();
                    }
                    left = left.minus(available);
                }
            }
            cursor = day.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalArgumentException("no working time within 20 years");
    }

    /** The working time between two instants; zero when {@code to} is not after {@code from}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        ZonedDateTime end = to.atZone(zone);
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS && !day.isAfter(end.toLocalDate()); i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant open = day.atTime(dayStart).atZone(zone).toInstant();
            Instant close = day.atTime(dayEnd).atZone(zone).toInstant();
            Instant a = from.isAfter(open) ? from : open;
            Instant b = to.isBefore(close) ? to : close;
            if (b.isAfter(a)) {
                total = total.plus(Duration.between(a, b));
            }
        }
        return total;
    }
}
