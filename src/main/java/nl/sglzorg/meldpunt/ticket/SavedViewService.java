package nl.sglzorg.meldpunt.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.ConnectionFailures;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.directory.StaffMember;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * The views of the queue a staff member picks from: three every user has, and their own saved ones.
 * A view is the queue's query string, so opening one is following a link. Views live here, next to
 * the search whose query they hold; the directory knows nothing of tickets.
 */
@ApplicationScoped
public class SavedViewService {

    /** Characters (code points) a view's name may have. */
    public static final int NAME_MAX = 60;
    /** Saved views per staff member: enough for every way of working, and a bound on the list. */
    public static final int VIEWS_MAX = 50;
    /** The longest query a view keeps (its column's size): far beyond what the queue's filters make. */
    static final int QUERY_MAX = 2000;
    /** Why a view whose filters are longer than {@link #QUERY_MAX} is not saved. */
    public static final String FILTERS_TOO_LONG = "filters te lang om te bewaren";
    /** The value of the queue's {@code deadline} parameter: running deadlines that end before tomorrow. */
    public static final String DUE_TODAY = "vandaag";
    /** The view communicatie's queue opens on: new tickets, the most urgent first. */
    public static final String NEW_AND_URGENT = "status=NEW&sort=priority";

    /**
     * A view in the list beside the queue.
     *
     * @param id {@code null} for a view every user has, which cannot be deleted
     */
    public record View(Long id, String name, String query) {

        public boolean builtIn() {
            return id == null;
        }
    }

    @Inject
    CurrentStaff currentStaff;

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    /** The current staff member's views: the built-in ones, then their own by name. */
    @Transactional
    public List<View> views() {
        StaffMember me = currentStaff.get();
        List<View> views = new ArrayList<>(builtIn(me));
        SavedView.listOf(me.username()).forEach(v -> views.add(new View(v.id, v.name, v.query)));
        return views;
    }

    /** Where the queue opens for the current staff member without a query: {@code null} for all they may see. */
    public String startQuery() {
        return currentStaff.get().isCommunicatie() ? NEW_AND_URGENT : null;
    }

    /**
     * Saves the queue's current filters and sort under {@code name} for the current staff member.
     * Refuses a missing, too long or already used name, and filters the queue itself would refuse.
     */
    @Transactional
    public View save(String name, TicketSearch.Filters filters, boolean dueToday) {
        StaffMember me = currentStaff.get();
        String trimmed = Text.blankToNull(name);
        if (trimmed == null) {
            throw new InvalidInputException("name", "verplicht");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > NAME_MAX) {
            throw new InvalidInputException("name", "hoogstens " + NAME_MAX + " tekens");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "ongeldige tekens");
        }
        if (SavedView.exists(me.username(), trimmed) || builtIn(me).stream()
                .anyMatch(v -> SavedView.keyOf(v.name()).equals(SavedView.keyOf(trimmed)))) {
            throw new InvalidInputException("name", "bestaat al");
        }
        if (SavedView.countOf(me.username()) >= VIEWS_MAX) {
            throw new InvalidInputException("name", "hoogstens " + VIEWS_MAX + " weergaven");
        }
        Instant now = Instant.now(clock);
        // The filters as the queue reads them: a view that could not be opened is not saved.
        TicketSearch.queue(filters, dueToday ? now : null, me, config.timeZone(), now);
        String query = queryOf(filters, dueToday);
        if (query.length() > QUERY_MAX) {
            throw new InvalidInputException("name", FILTERS_TOO_LONG);
        }
        SavedView view = SavedView.of(me.username(), trimmed, query, now);
        try {
            view.persistAndFlush();
        } catch (RuntimeException e) {
            if (ConnectionFailures.isUniqueViolation(e)) {
                // Saved at the same moment under this name (a double click): the check above saw neither.
                throw new InvalidInputException("name", "bestaat al");
            }
            throw e;
        }
        return new View(view.id, view.name, view.query);
    }

    /** Deletes one of the current staff member's own views; any other answers {@code 404}. */
    @Transactional
    public View delete(long id) {
        SavedView view = SavedView.findOwned(currentStaff.get().username(), id).orElseThrow(NotFoundException::new);
        view.delete();
        return new View(id, view.name, view.query);
    }

    /** The queue's query string for these filters: always the same for the same filters, never a cursor. */
    public static String queryOf(TicketSearch.Filters f, boolean dueToday) {
        List<String> parts = new ArrayList<>();
        if (f.status() != null) {
            String statuses = f.status().stream().flatMap(s -> Arrays.stream(s.split(",")))
                    .map(String::strip).filter(s -> !s.isEmpty()).distinct().collect(Collectors.joining(","));
            add(parts, "status", statuses);
        }
        add(parts, "category", f.category());
        add(parts, "platform", f.platform());
        add(parts, "topic", f.topic());
        add(parts, "function", f.function());
        add(parts, "priority", f.priority());
        add(parts, "channel", f.channel());
        add(parts, "q", f.q());
        add(parts, "createdFrom", f.createdFrom());
        add(parts, "createdTo", f.createdTo());
        if (dueToday) {
            add(parts, "deadline", DUE_TODAY);
        }
        add(parts, "sort", f.sort());
        add(parts, "limit", f.limit());
        return String.join("&", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        String trimmed = Text.blankToNull(value);
        if (trimmed != null) {
            parts.add(name + "=" + URLEncoder.encode(trimmed.strip(), StandardCharsets.UTF_8).replace("%2C", ","));
        }
    }

    private static List<View> builtIn(StaffMember me) {
        List<View> views = new ArrayList<>();
        views.add(new View(null, "Nieuw en urgent", NEW_AND_URGENT));
        if (me.function() != null) {
            String open = Arrays.stream(TicketStatus.values()).filter(Lifecycle::isOpen).map(Enum::name)
                    .collect(Collectors.joining(","));
            views.add(new View(null, "Mijn functie", "function="
                    + URLEncoder.encode(me.function(), StandardCharsets.UTF_8) + "&status=" + open + "&sort=due"));
        }
        views.add(new View(null, "Deadline vandaag", "deadline=" + DUE_TODAY + "&sort=due"));
        return views;
    }
}
