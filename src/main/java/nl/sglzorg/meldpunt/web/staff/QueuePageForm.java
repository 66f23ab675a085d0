package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.kernel.Topic;
import nl.sglzorg.meldpunt.routing.AccountsTableService;
import nl.sglzorg.meldpunt.ticket.TicketSearch;

/** The queue's filter form as the user left it: every choice, with what they picked. */
@ApplicationScoped
public class QueuePageForm {

    @Inject
    AccountsTableService accountsTable;

    /** One option of a list, or one checkbox. */
    @TemplateData
    public record Option(String id, String value, String label, boolean selected) {
    }

    /** The form's fields; free text as typed. */
    @TemplateData
    public record Form(List<Option> statuses, List<Option> categories, List<Option> platforms, List<Option> topics,
            List<Option> functions, List<Option> priorities, List<Option> channels, List<Option> sorts, List<Option> limits, String q,
            String createdFrom, String createdTo, boolean dueToday) {
    }

    Form of(TicketSearch.Filters f, boolean dueToday, String deadline) {
        Set<String> statuses = f.status() == null ? Set.of() : f.status().stream()
                .flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).collect(Collectors.toSet());
        List<Option> statusOptions = new ArrayList<>();
        for (TicketStatus status : TicketStatus.values()) {
            // The first box carries the fieldset's id: the error summary links to it.
            statusOptions.add(new Option(status.ordinal() == 0 ? "filter-status" : "filter-status-" + status.name(),
                    status.name(), QueuePageWords.status(status), statuses.contains(status.name())));
        }
        List<Option> functions = new ArrayList<>();
        functions.add(new Option(null, "", "Alle functies", blank(f.function())));
        accountsTable.current().functions().values().forEach(fn -> functions.add(
                new Option(null, fn.code(), fn.name(), fn.code().equals(strip(f.function())))));
        return new Form(statusOptions,
                options(Category.values(), "Alle soorten", Category::dutchName, f.category()),
                options(Platform.values(), "Alle platforms", p -> QueuePageWords.capitalised(p.dutchName()),
                        f.platform()),
                options(Topic.values(), "Alle onderwerpen", t -> QueuePageWords.capitalised(t.dutchName()), f.topic()),
                functions,
                options(Priority.values(), "Alle prioriteiten", QueuePageWords::priority, f.priority()),
                options(Channel.values(), "Alle kanalen", Channel::dutchName, f.channel()),
                List.of(new Option(null, "newest", "Nieuwste eerst", blank(f.sort()) || "newest".equals(strip(f.sort()))),
                        new Option(null, "priority", "Prioriteit", "priority".equals(strip(f.sort()))),
                        new Option(null, "due", "Eerste deadline", "due".equals(strip(f.sort())))),
                List.of(new Option(null, "", "20", blank(f.limit()) || "20".equals(strip(f.limit()))),
                        new Option(null, "50", "50", "50".equals(strip(f.limit()))),
                        new Option(null, "100", "100", "100".equals(strip(f.limit())))),
                strip(f.q()), strip(f.createdFrom()), strip(f.createdTo()),
                dueToday || deadline != null && !deadline.isBlank());
    }

    private static <E extends Enum<E>> List<Option> options(E[] values, String all, Function<E, String> label,
            String picked) {
        List<Option> options = new ArrayList<>();
        options.add(new Option(null, "", all, blank(picked)));
        for (E value : values) {
            options.add(new Option(null, value.name(), label.apply(value), value.name().equals(strip(picked))));
        }
        return options;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
