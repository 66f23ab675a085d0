package nl.sglzorg.meldpunt.common.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A workaround for Hibernate ORM 7.2, kept apart so it can go when the cause is gone: an
 * {@code in (...)} condition gets one named parameter per value instead of one list parameter.
 *
 * <p>Why: Hibernate compiled a query with a list parameter afresh on every call, where a query with
 * {@code :status0, :status1} is compiled once per number of values and then found in the query plan
 * cache. Found in the intake profile ({@code docs/benchmarks.md}, "Intake throughput": together with
 * {@link Sql}, 287 → 771 filings/s). No upstream issue was found for it.
 *
 * <p>To remove: pass the list as one parameter again and run {@code bench/run.sh --profile}; the
 * query compilation must not show among the top frames.
 */
public final class InListParameters {

    private InListParameters() {
    }

    /** {@code column in (:name0, :name1, …)}, the values added to {@code params}. */
    public static String in(String column, String name, List<?> values, Map<String, Object> params) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            names.add(":" + name + i);
            params.put(name + i, values.get(i));
        }
        return column + " in (" + String.join(", ", names) + ")";
    }
}
