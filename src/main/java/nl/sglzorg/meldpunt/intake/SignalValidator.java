package nl.sglzorg.meldpunt.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import nl.sglzorg.meldpunt.common.text.EmailAddress;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.text.WebAddress;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;

/**
 * The rules a filed signal must meet, checked all at once so the reporter hears of every mistake
 * in one answer. Plain Java: the clock is given.
 */
public final class SignalValidator {

    public static final int DESCRIPTION_MIN = 10;
    public static final int DESCRIPTION_MAX = 5000;
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Social media as SGL's policy knows them are younger; older dates are typos (and out of range for a database). */
    static final Instant EARLIEST_OBSERVATION = Instant.parse("2000-01-01T00:00:00Z");
    static final Set<String> LANGUAGES = Set.of("nl", "en");

    private SignalValidator() {
    }

    /**
     * @param knownUnit whether a unit code exists; an unknown {@code reporter.unit} is reported
     *        together with every other mistake
     * @param careWorkerDomains the mail domains a begeleider's address may be in (subdomains too)
     */
    public static void check(SignalRequest signal, Clock clock, Predicate<String> knownUnit,
            Collection<String> careWorkerDomains) {
        Violations violations = new Violations();
        if (signal == null) {
            violations.add("body", "verplicht: een JSON-object met de melding");
            violations.throwIfAny();
        }
        if (signal.category() == null) {
            violations.add("category", "verplicht");
        }
        if (signal.platform() == null) {
            violations.add("platform", "verplicht");
        }
        checkDescription(violations, signal.description());
        checkUrl(violations, signal.url());
        if (signal.observedAt() != null && signal.observedAt().isAfter(Instant.now(clock).plus(CLOCK_SKEW))) {
            violations.add("observedAt", "mag niet in de toekomst liggen");
        } else if (signal.observedAt() != null && signal.observedAt().isBefore(EARLIEST_OBSERVATION)) {
            violations.add("observedAt", "ligt te ver in het verleden (vóór 2000)");
        }
        checkText(violations, "region", signal.region(), 100);
        checkText(violations, "activityCentre", signal.activityCentre(), 200);
        SignalRequest.Reporter reporter = signal.reporter();
        if (reporter != null) {
            checkText(violations, "reporter.name", reporter.name(), 200);
            checkEmail(violations, "reporter.email", reporter.email());
            checkCareWorker(violations, signal, reporter, careWorkerDomains);
            if (checkText(violations, "reporter.unit", reporter.unit(), 40) && !reporter.unit().isBlank()
                    && !knownUnit.test(reporter.unit().strip())) {
                violations.add("reporter.unit", "onbekende eenheid");
            }
        }
        boolean hasEmail = reporter != null && reporter.email() != null && !reporter.email().isBlank();
        if (Boolean.TRUE.equals(signal.wantsUpdates()) && !hasEmail) {
            violations.add("wantsUpdates", "vraagt om een e-mailadres in reporter.email");
        }
        if (signal.language() != null && !LANGUAGES.contains(signal.language())) {
            violations.add("language", "toegestaan: nl, en");
        }
        violations.throwIfAny();
    }

    /**
     * A begeleider is named by a client, for unwanted contact (the only signal they hear of), and
     * may know who reports only when one is named.
     */
    private static void checkCareWorker(Violations violations, SignalRequest signal, SignalRequest.Reporter reporter,
            Collection<String> domains) {
        if (reporter.hasCareWorker()) {
            if (reporter.relation() != ReporterRelation.CLIENT) {
                violations.add("reporter.careWorkerEmail", "alleen voor een cliënt (reporter.relation CLIENT)");
            } else if (signal.category() != null && signal.category() != Category.UNWANTED_CONTACT) {
                violations.add("reporter.careWorkerEmail", "alleen bij ongewenst contact (category UNWANTED_CONTACT)");
            } else if (checkEmail(violations, "reporter.careWorkerEmail", reporter.careWorkerEmail())
                    && !inDomains(reporter.careWorkerEmail().strip(), domains)) {
                // Anyone may file: an address outside SGL would make Meldpunt mail whoever the filer names.
                violations.add("reporter.careWorkerEmail", "alleen een adres van SGL (" + String.join(", ", domains) + ")");
            }
        } else if (Boolean.TRUE.equals(reporter.careWorkerMayKnowIdentity())) {
            violations.add("reporter.careWorkerMayKnowIdentity", "vraagt om een e-mailadres in reporter.careWorkerEmail");
        }
    }

    /**
     * A blank address counts as none given; one that is too long is refused for its length alone.
     * {@code true} when an address is given and valid.
     */
    private static boolean checkEmail(Violations violations, String field, String address) {
        if (!checkText(violations, field, address, EmailAddress.MAX_LENGTH) || address.isBlank()) {
            return false;
        }
        if (!EmailAddress.isValid(address.strip())) {
            violations.add(field, EmailAddress.MESSAGE);
            return false;
        }
        return true;
    }

    /** Whether the address's domain is one of {@code domains} or below one of them, whatever its case. */
    private static boolean inDomains(String address, Collection<String> domains) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    private static void checkDescription(Violations violations, String description) {
        if (description == null || description.isBlank()) {
            violations.add("description", "verplicht");
            return;
        }
        String trimmed = description.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < DESCRIPTION_MIN || length > DESCRIPTION_MAX) {
            violations.add("description", DESCRIPTION_MIN + " tot " + DESCRIPTION_MAX + " tekens");
        } else if (hasControlCharacters(trimmed, true)) {
            violations.add("description", "bevat ongeldige tekens");
        }
    }

    private static void checkUrl(Violations violations, String url) {
        if (url != null && !url.isBlank()) {
            WebAddress.problem(url).ifPresent(problem -> violations.add("url", problem));
        }
    }

    /** Checks an optional text; {@code true} when it is present and acceptable. */
    private static boolean checkText(Violations violations, String field, String value, int max) {
        if (value == null) {
            return false;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            violations.add(field, "hoogstens " + max + " tekens");
            return false;
        }
        if (hasControlCharacters(trimmed, false)) {
            violations.add(field, "bevat ongeldige tekens");
            return false;
        }
        return true;
    }

    /**
     * Control characters have no place in a signal; a description may still hold line breaks and tabs.
     * (Direction controls are no control characters: a signal's texts lose them when filed, see
     * {@link Text#withoutDirectionControls}.)
     */
    static boolean hasControlCharacters(String value, boolean allowLineBreaks) {
        return value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                && !(allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')));
    }
}
