package nl.sglzorg.meldpunt.routing;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.RequestChecks;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * The accounts table: as routing reads it, and as communicatie keeps it (its functions and their
 * contacts, for the API and the staff desk alike). Every edit bumps one revision counter in the same
 * transaction; the snapshot is cached per revision, so every instance sees an edit at its next
 * signal and a signal costs one small query while the table is unchanged.
 */
@ApplicationScoped
public class AccountsTableService {

    /** A function after a write, and whether the write created it. */
    public record SavedFunction(FunctionView function, boolean created) {
    }

    @Inject
    Clock clock;

    @Inject
    Validator validator;

    private volatile AccountsTable cached;

    @Transactional
    public AccountsTable current() {
        long revision = revision();
        AccountsTable snapshot = cached;
        if (snapshot != null && snapshot.revision() == revision) {
            return snapshot;
        }
        Map<String, List<ContactEntry>> contacts = FunctionContact.<FunctionContact>list("order by id").stream()
                .collect(Collectors.groupingBy(c -> c.functionCode,
                        Collectors.mapping(FunctionContact::toEntry, Collectors.toList())));
        List<FunctionEntry> entries = OfficialFunction.listInTableOrder().stream()
                .map(f -> f.toEntry(contacts.getOrDefault(f.code, List.of())))
                .toList();
        snapshot = AccountsTable.of(revision, entries);
        if (revision() == revision) {
            cached = snapshot;
        }
        return snapshot;
    }

    /**
     * Records an edit of the table, {@code description} saying what changed, as a new revision and a
     * line of the table's history; call inside the editing transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordEdit(String actor, String description) {
        var em = Panache.getEntityManager();
        em.createNativeQuery("update accounts_table_revision set revision = revision + 1, "
                        + "changed_at = ?1, changed_by = ?2 where id = 1")
                .setParameter(1, OffsetDateTime.now(clock))
                .setParameter(2, actor)
                .executeUpdate();
        em.createNativeQuery("insert into accounts_table_edit (revision, changed_at, changed_by, description) "
                        + "select revision, changed_at, changed_by, ?1 from accounts_table_revision where id = 1")
                .setParameter(1, description)
                .executeUpdate();
    }

    /** The table's history, newest revision first, at most {@code limit} lines. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountsTableEdit> history(int limit) {
        return AccountsTableEdit.newestFirst(limit);
    }

    /**
     * An activity centre's location-page request approved: the centre's row of the table gets its
     * location page, as a new revision, so the next signal about the centre on Facebook goes to it
     * (rule 5). Refused when the table has no such centre or it has a page already.
     *
     * @return the revision that holds the page
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long approveLocationPage(String centre, String actor, String because) {
        String name = Text.blankToNull(centre);
        if (name == null) {
            throw new ConflictException("De aanvraag noemt geen activiteitencentrum; vraag de melder welk centrum het is.");
        }
        // The revision row first: edits of the table run one at a time.
        long before = lockRevision();
        FunctionContact contact = OfficialFunction.<OfficialFunction>listAll().stream()
                .filter(f -> f.topics.contains(Topic.ACTIVITY_CENTRE))
                .flatMap(f -> FunctionContact.listByFunction(f.code).stream())
                .filter(c -> c.activityCentre != null && c.activityCentre.strip().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new ConflictException("Activiteitencentrum '" + name + "' staat niet in de "
                        + "accountstabel. Voeg het eerst toe bij Organisatie (functie voor activiteitencentra)."));
        if (contact.locationPage) {
            throw new ConflictException(contact.activityCentre + " heeft al een locatiepagina (accountstabel, revisie "
                    + before + ").");
        }
        contact.locationPage = true;
        contact.persistAndFlush();
        recordEdit(actor, "Locatiepagina goedgekeurd voor " + contact.activityCentre + " (" + because + ")");
        return revision();
    }

    private static long lockRevision() {
        return Sql.number("select revision from accounts_table_revision where id = 1 for update");
    }

    private static long revision() {
        return Sql.number("select revision from accounts_table_revision where id = 1");
    }

    /** The table in its published order; {@code forStaff} adds each function's escalation manager. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<FunctionView> functions(boolean forStaff) {
        return OfficialFunction.listInTableOrder().stream().map(f -> FunctionView.of(f, forStaff)).toList();
    }

    /** One function, or {@link NotFoundException}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public FunctionView function(String code, boolean forStaff) {
        return FunctionView.of(find(code), forStaff);
    }

    /**
     * Writes a whole row, creating it when {@code code} is new. {@code ifMatch} is the version the
     * editor saw ({@code If-Match}, or a form's hidden field); absent, the write is unconditional.
     */
    @Transactional
    public SavedFunction put(String code, String ifMatch, FunctionRequest request, String actor) {
        return save(code, ifMatch, request, actor, false);
    }

    /** Adds a new row; a code already in the table is a conflict. */
    @Transactional
    public SavedFunction create(String code, FunctionRequest request, String actor) {
        return save(code, null, request, actor, true);
    }

    private SavedFunction save(String code, String ifMatch, FunctionRequest request, String actor, boolean mustBeNew) {
        DirectoryCodes.requireValid("code", code);
        Violations violations = RequestChecks.of(validator, request);
        // Locks the table's revision row first: edits of the table run one at a time, so two
        // functions can never claim the same topic at once.
        lockRevision();
        OfficialFunction function = OfficialFunction.findById(code);
        recordEdit(actor, function == null ? "Functie " + code + " toegevoegd" : "Functie " + code + " bewerkt");
        if (function != null && mustBeNew) {
            throw new ConflictException("Functie " + code + " bestaat al.");
        }
        if (function != null) {
            Versions.checkIfMatch(ifMatch, function.version);
        }
        Set<Platform> personal = setOf(request.personalPlatforms(), Platform.class);
        Set<Platform> provisional = setOf(request.provisionalPlatforms(), Platform.class);
        Set<Topic> topics = setOf(request.topics(), Topic.class);
        if (!personal.containsAll(provisional)) {
            violations.add("provisionalPlatforms", "alleen platforms die ook bij personalPlatforms staan");
        }
        if (topics.contains(Topic.GENERAL) && !code.equals(AccountsTable.COMMUNICATIONS)) {
            violations.add("topics", "GENERAL hoort altijd bij COMMUNICATIONS");
        }
        violations.throwIfAny();
        for (Topic topic : topics) {
            OfficialFunction.<OfficialFunction>stream("code <> ?1", code)
                    .filter(other -> other.topics.contains(topic))
                    .findFirst()
                    .ifPresent(other -> {
                        throw new ConflictException("Onderwerp " + topic + " hoort al bij " + other.code
                                + "; haal het daar eerst weg.");
                    });
        }

        boolean created = function == null;
        if (created) {
            function = new OfficialFunction();
            function.code = code;
            function.position = OfficialFunction.<OfficialFunction>findAll().stream()
                    .mapToInt(f -> f.position).max().orElse(0) + 1;
        }
        function.name = request.name().strip();
        function.personalPlatforms = personal;
        function.corporatePlatforms = setOf(request.corporatePlatforms(), Platform.class);
        function.locationPagePlatforms = setOf(request.locationPagePlatforms(), Platform.class);
        function.provisionalPlatforms = provisional;
        function.locationPageAfterIntake = Boolean.TRUE.equals(request.locationPageAfterIntake());
        function.topics = topics;
        function.escalationManagerName = request.escalationManager() == null ? null
                : Text.blankToNull(request.escalationManager().name());
        function.escalationManagerEmail = request.escalationManager() == null ? null
                : request.escalationManager().email().strip();
        function.persistAndFlush();
        return new SavedFunction(FunctionView.of(function, true), created);
    }

    /** The officials of a function, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ContactView> contacts(String code) {
        find(code);
        return FunctionContact.listByFunction(code).stream().map(ContactView::of).toList();
    }

    /** One official of a function, or {@link NotFoundException}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ContactView contact(String code, long id) {
        return ContactView.of(findContact(code, id));
    }

    @Transactional
    public ContactView addContact(String code, ContactRequest request, String actor) {
        Violations violations = RequestChecks.of(validator, request);
        OfficialFunction function = find(code);
        FunctionContact contact = new FunctionContact();
        contact.functionCode = function.code;
        apply(function, contact, request, violations);
        contact.persistAndFlush();
        recordEdit(actor, "Contact toegevoegd bij " + code + ": " + contact.name);
        return ContactView.of(contact);
    }

    @Transactional
    public ContactView updateContact(String code, long id, String ifMatch, ContactRequest request, String actor) {
        Violations violations = RequestChecks.of(validator, request);
        OfficialFunction function = find(code);
        FunctionContact contact = findContact(code, id);
        Versions.checkIfMatch(ifMatch, contact.version);
        apply(function, contact, request, violations);
        contact.persistAndFlush();
        recordEdit(actor, "Contact bewerkt bij " + code + ": " + contact.name);
        return ContactView.of(contact);
    }

    @Transactional
    public void deleteContact(String code, long id, String ifMatch, String actor) {
        FunctionContact contact = findContact(code, id);
        Versions.checkIfMatch(ifMatch, contact.version);
        contact.delete();
        recordEdit(actor, "Contact verwijderd bij " + code + ": " + contact.name);
    }

    /** Routing finds a regional manager by region and a centre by name: those must be filled in. */
    private static void apply(OfficialFunction function, FunctionContact contact, ContactRequest request,
            Violations violations) {
        String region = Text.blankToNull(request.region());
        String centre = Text.blankToNull(request.activityCentre());
        if (function.topics.contains(Topic.REGION) && region == null) {
            violations.add("region", "verplicht voor een functie die over regio's gaat");
        }
        if (function.topics.contains(Topic.ACTIVITY_CENTRE) && centre == null) {
            violations.add("activityCentre", "verplicht voor een functie die over activiteitencentra gaat");
        }
        violations.throwIfAny();
        contact.name = request.name().strip();
        contact.email = request.email().strip();
        contact.region = region;
        contact.activityCentre = centre;
        contact.locationPage = Boolean.TRUE.equals(request.locationPage());
    }

    private static OfficialFunction find(String code) {
        OfficialFunction function = OfficialFunction.findById(code);
        if (function == null) {
            throw new NotFoundException();
        }
        return function;
    }

    private static FunctionContact findContact(String code, long id) {
        FunctionContact contact = FunctionContact.findById(id);
        if (contact == null || !contact.functionCode.equals(code)) {
            throw new NotFoundException();
        }
        return contact;
    }

    private static <E extends Enum<E>> Set<E> setOf(List<E> values, Class<E> type) {
        return values == null || values.isEmpty() ? EnumSet.noneOf(type) : EnumSet.copyOf(values);
    }
}
