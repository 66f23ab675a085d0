package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import nl.sglzorg.meldpunt.common.jdbc.InListParameters;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.time.QueryInstants;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.QueryLimits;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.kernel.Topic;
import org.hibernate.jpa.HibernateHints;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The staff queue: filters, access, and keyset pagination. A page is found by an index seek from
 * the cursor, so page 5,000 costs what page 1 costs. The total is counted up to {@link #TOTAL_CAP},
 * so a filter that matches most of a million tickets costs no more than one that matches 1,000.
 */
public final class TicketSearch {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final int MAX_WORDS = 10;
    /** {@code total} is exact up to this many matching tickets; beyond, it stays here and is not exact. */
    static final int TOTAL_CAP = 1_000;

    /** The staff list's query parameters, as typed; {@link #search} reads and checks them. */
    public record Filters(@RestQuery List<String> status, @RestQuery String category, @RestQuery String platform,
            @RestQuery String topic, @RestQuery String function, @RestQuery String priority,
            @RestQuery String channel, @RestQuery String q, @RestQuery String createdFrom,
            @RestQuery String createdTo, @RestQuery String limit, @RestQuery String cursor,
            @RestQuery String sort) {
    }

    enum Sort {
        NEWEST, PRIORITY, DUE
    }

    private TicketSearch() {
    }

    /** One page of the tickets found, before they are shown, and how many match (up to the cap and one more). */
    private record Found(List<Ticket> tickets, String nextCursor, long counted) {
    }

    /** The API's list: {@link TicketSummary} rows. */
    static TicketPage search(Filters filters, StaffMember staff, ZoneId zone, Instant now) {
        Found found = find(filters, null, staff, zone);
        List<Ticket> page = found.tickets();
        Map<Long, String> duplicateOf = Ticket.referencesOf(page.stream().map(t -> t.duplicateOfId)
                .filter(Objects::nonNull).distinct().toList());
        List<TicketSummary> items = page.stream()
                .map(t -> TicketSummary.of(t, t.duplicateOfId == null ? null : duplicateOf.get(t.duplicateOfId), now))
                .toList();
        return new TicketPage(items, found.nextCursor(), Math.min(found.counted(), TOTAL_CAP),
                found.counted() <= TOTAL_CAP);
    }

    /**
     * The staff desk's queue: the same filters, access rule and paging as the API's list, plus tickets
     * whose next deadline falls before {@code dueBefore} (when not {@code null}), as {@link QueueRow}s.
     */
    static QueueResult queue(Filters filters, Instant dueBefore, StaffMember staff, ZoneId zone, Instant now) {
        Found found = find(filters, dueBefore, staff, zone);
        List<QueueRow> rows = found.tickets().stream().map(t -> QueueRow.of(t, now)).toList();
        return new QueueResult(rows, found.nextCursor(), Math.min(found.counted(), TOTAL_CAP),
                found.counted() <= TOTAL_CAP);
    }

    private static Found find(Filters filters, Instant dueBefore, StaffMember staff, ZoneId zone) {
        Map<String, Object> params = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        conditions.add(TicketAccess.visibleCondition(staff, params));
        // The attributes the filters fix to a single value.
        Set<String> fixed = new HashSet<>();

        List<TicketStatus> statuses = filters.status() == null ? List.of() : filters.status().stream()
                .flatMap(s -> Arrays.stream(s.split(","))).filter(s -> !s.isBlank())
                .map(s -> parse("status", s, TicketStatus::valueOf)).distinct().toList();
        if (!statuses.isEmpty()) {
            conditions.add(InListParameters.in("t.status", "status", statuses, params));
            if (statuses.size() == 1) {
                fixed.add("status");
            }
        }
        addEquals(conditions, params, fixed, "category", filters.category(), Category::valueOf);
        addEquals(conditions, params, fixed, "platform", filters.platform(), Platform::valueOf);
        addEquals(conditions, params, fixed, "topic", filters.topic(), Topic::valueOf);
        addEquals(conditions, params, fixed, "channel", filters.channel(), Channel::valueOf);
        String priority = Text.blankToNull(filters.priority());
        if (priority != null) {
            // The rank, not the name: it leads the indexes the queue is sorted by.
            conditions.add("t.priorityRank = :priorityRank");
            params.put("priorityRank", parse("priority", priority, Priority::valueOf).ordinal());
            fixed.add("priorityRank");
        }
        String function = Text.blankToNull(filters.function());
        if (function != null) {
            conditions.add("t.routedFunction = :function");
            params.put("function", function);
            fixed.add("routedFunction");
        }
        String q = Text.blankToNull(filters.q());
        if (q != null) {
            String[] words = q.toLowerCase(Locale.ROOT).split("\\s+");
            if (words.length > MAX_WORDS || q.length() > 200) {
                throw new InvalidInputException("q", "hoogstens " + MAX_WORDS + " woorden en 200 tekens");
            }
            for (int i = 0; i < words.length; i++) {
                conditions.add("(lower(t.description) like :q" + i + " escape '!' or lower(coalesce(t.url, '')) like :q"
                        + i + " escape '!')");
                params.put("q" + i, "%" + words[i].replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
        }
        Instant from = QueryInstants.parse("createdFrom", filters.createdFrom(), zone, false);
        if (from != null) {
            conditions.add("t.createdAt >= :createdFrom");
            params.put("createdFrom", from);
        }
        Instant to = QueryInstants.parse("createdTo", filters.createdTo(), zone, true);
        if (to != null) {
            conditions.add("t.createdAt < :createdTo");
            params.put("createdTo", to);
        }
        if (dueBefore != null) {
            // Tickets without a running deadline carry NO_DEADLINE, far beyond any bound: never included.
            conditions.add("t.sla.nextDue < :dueBefore");
            params.put("dueBefore", dueBefore);
        }
        int limit = QueryLimits.parse(filters.limit(), DEFAULT_LIMIT, MAX_LIMIT);
        Sort sort = sort(filters.sort());

        long counted = countUpTo(TOTAL_CAP + 1, String.join(" and ", conditions), params);

        List<String> pageConditions = new ArrayList<>(conditions);
        Map<String, Object> pageParams = new HashMap<>(params);
        long[] after = decodeCursor(filters.cursor(), sort);
        if (after != null && sort == Sort.NEWEST) {
            pageConditions.add("t.id < :afterId");
            pageParams.put("afterId", after[0]);
        } else if (after != null && sort == Sort.PRIORITY) {
            // The first bound is implied by the second; it lets the database seek the index to the cursor.
            pageConditions.add("t.priorityRank <= :afterRank"
                    + " and (t.priorityRank < :afterRank or (t.priorityRank = :afterRank and t.id < :afterId))");
            pageParams.put("afterRank", (int) after[0]);
            pageParams.put("afterId", after[1]);
        } else if (after != null) {
            pageConditions.add("t.sla.nextDue >= :afterDue"
                    + " and (t.sla.nextDue > :afterDue or (t.sla.nextDue = :afterDue and t.id > :afterId))");
            pageParams.put("afterDue", Instant.ofEpochSecond(after[0]));
            pageParams.put("afterId", after[1]);
        } else {
            QueueIndexHints.boundFirstPage(sort, pageConditions, pageParams);
        }
        String order = " order by " + QueueIndexHints.orderPrefix(sort, fixed) + switch (sort) {
            case NEWEST -> "t.id desc";
            case PRIORITY -> "t.priorityRank desc, t.id desc";
            case DUE -> "t.sla.nextDue asc, t.id asc";
        };
        List<Ticket> rows = bind(Panache.getEntityManager()
                .createQuery("select t from Ticket t where " + String.join(" and ", pageConditions) + order,
                        Ticket.class), pageParams).setMaxResults(limit + 1)
                // Read, never changed: no snapshots, nothing to compare when the transaction ends.
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();

        boolean more = rows.size() > limit;
        List<Ticket> page = more ? rows.subList(0, limit) : rows;
        return new Found(page, more ? encodeCursor(page.get(page.size() - 1), sort) : null, counted);
    }

    /**
     * How many tickets the staff member may see, per status, each counted up to {@link #TOTAL_CAP} as
     * the list's total is: one index range per status that stops at the cap. An exact count is no
     * cheaper for the open statuses than for the closed ones once the backlog is large (a grouped
     * count over 700,000 open tickets takes 300 ms on PostgreSQL; see docs/design.md), and beyond a
     * thousand the number no longer changes what triage does.
     */
    static List<StatusCount> countByStatus(StaffMember staff) {
        Map<String, Object> params = new HashMap<>();
        String visible = TicketAccess.visibleCondition(staff, params);
        List<StatusCount> counts = new ArrayList<>();
        for (TicketStatus status : TicketStatus.values()) {
            Map<String, Object> statusParams = new HashMap<>(params);
            statusParams.put("countedStatus", status);
            long counted = countUpTo(TOTAL_CAP + 1, visible + " and t.status = :countedStatus", statusParams);
            counts.add(new StatusCount(status, Math.min(counted, TOTAL_CAP), counted <= TOTAL_CAP));
        }
        return counts;
    }

    /**
     * How many tickets match, counting no further than {@code most}. The ids themselves are fetched
     * (at most {@code most} small numbers): without an order, the database picks the cheapest index
     * for the filters and stops at the limit, where an ordered limit would make it walk the id order.
     */
    private static long countUpTo(int most, String where, Map<String, Object> params) {
        return bind(Panache.getEntityManager().createQuery("select t.id from Ticket t where " + where, Long.class), params)
                .setMaxResults(most).getResultList().size();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, Map<String, Object> params) {
        params.forEach(query::setParameter);
        return query;
    }


    private static <E> void addEquals(List<String> conditions, Map<String, Object> params, Set<String> fixed,
            String field, String value, Function<String, E> parser) {
        String trimmed = Text.blankToNull(value);
        if (trimmed != null) {
            conditions.add("t." + field + " = :" + field);
            params.put(field, parse(field, trimmed, parser));
            fixed.add(field);
        }
    }

    private static <E> E parse(String field, String value, Function<String, E> parser) {
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "onbekende waarde");
        }
    }



    private static Sort sort(String value) {
        String trimmed = Text.blankToNull(value);
        if (trimmed == null || trimmed.equals("newest")) {
            return Sort.NEWEST;
        }
        if (trimmed.equals("priority")) {
            return Sort.PRIORITY;
        }
        if (trimmed.equals("due")) {
            return Sort.DUE;
        }
        throw new InvalidInputException("sort", "toegestaan: newest, priority, due");
    }

    private static String encodeCursor(Ticket last, Sort sort) {
        String raw = switch (sort) {
            case NEWEST -> "n:" + last.id;
            case PRIORITY -> "p:" + last.priorityRank + ":" + last.id;
            case DUE -> "d:" + last.sla.nextDue.getEpochSecond() + ":" + last.id;
        };
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's values: for {@code due}, the deadline is returned as epoch seconds known to be in range. */
    private static long[] decodeCursor(String cursor, Sort sort) {
        String trimmed = Text.blankToNull(cursor);
        if (trimmed == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(trimmed), StandardCharsets.UTF_8).split(":");
            if (sort == Sort.NEWEST && parts.length == 2 && parts[0].equals("n")) {
                return new long[] {Long.parseLong(parts[1])};
            }
            if (sort == Sort.DUE && parts.length == 3 && parts[0].equals("d")
                    && QueryInstants.ofEpochSecond(Long.parseLong(parts[1])).isPresent()) {
                return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            }
            if (sort == Sort.PRIORITY && parts.length == 3 && parts[0].equals("p")) {
                return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidInputException("cursor", "ongeldige cursor; begin opnieuw zonder cursor");
    }
}
