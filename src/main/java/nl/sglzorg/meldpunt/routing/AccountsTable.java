package nl.sglzorg.meldpunt.routing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * An immutable snapshot of the policy's accounts table at one revision; every routing decision
 * names the revision it was made with.
 */
public record AccountsTable(long revision, Map<String, FunctionEntry> functions) {

    public static final String COMMUNICATIONS = "COMMUNICATIONS";

    public AccountsTable {
        functions = Map.copyOf(functions);
    }

    public static AccountsTable of(long revision, List<FunctionEntry> entries) {
        return new AccountsTable(revision, entries.stream()
                .collect(Collectors.toMap(FunctionEntry::code, Function.identity())));
    }

    public Optional<FunctionEntry> function(String code) {
        return Optional.ofNullable(functions.get(code));
    }

    /** The function that owns a topic; communicatie owns whatever nobody else does. */
    public Optional<FunctionEntry> ownerOf(Topic topic) {
        return functions.values().stream().filter(f -> f.topics().contains(topic)).findFirst();
    }

    /** Communicatie's row; a placeholder if the table somehow lacks it, so routing never fails. */
    public FunctionEntry communications() {
        return function(COMMUNICATIONS).orElseGet(() -> new FunctionEntry(COMMUNICATIONS, "Communicatie",
                Set.of(), Set.of(), Set.of(), Set.of(),
                Set.of(Topic.GENERAL), List.of()));
    }
}
