package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.ReporterRelation;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.kernel.Topic;
import nl.sglzorg.meldpunt.routing.ContactEntry;
import nl.sglzorg.meldpunt.routing.RespondVia;
import nl.sglzorg.meldpunt.routing.RoutingDecision;
import nl.sglzorg.meldpunt.routing.RoutingPolicy;

/**
 * A filed signal as staff handle it: what the reporter told, who it was routed to and why, and
 * where it stands. The tracking token is kept only as a hash.
 */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, updatable = false)
    public String reference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Platform platform;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Topic topic;

    public String url;

    @Column(nullable = false)
    public String description;

    @Column(name = "observed_at")
    public Instant observedAt;

    public String region;

    @Column(name = "activity_centre")
    public String activityCentre;

    @Column(name = "reporter_name")
    public String reporterName;

    @Column(name = "reporter_email")
    public String reporterEmail;

    @Enumerated(EnumType.STRING)
    @Column(name = "reporter_relation")
    public ReporterRelation reporterRelation;

    @Column(name = "reporter_unit")
    public String reporterUnit;

    /** The begeleider a client reporter named, informed of unwanted contact; reporter data. */
    @Column(name = "care_worker_email")
    public String careWorkerEmail;

    /** Whether the client allowed their begeleider to know who reports (name and address). */
    @Column(name = "care_worker_may_know_identity", nullable = false)
    public boolean careWorkerMayKnowIdentity;

    /** The URL of SGL's own post sharing a positive post, recorded when it was resolved. */
    @Column(name = "repost_url")
    public String repostUrl;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    /** The staff member who filed the signal for the reporter (phone, in person); null otherwise. */
    @Column(name = "filed_by", updatable = false)
    public String filedBy;

    @Column(name = "wants_updates", nullable = false)
    public boolean wantsUpdates;

    @Column(nullable = false)
    public String language;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Column(name = "routed_function", nullable = false)
    public String routedFunction;

    @Column(name = "routed_function_name", nullable = false)
    public String routedFunctionName;

    @Enumerated(EnumType.STRING)
    @Column(name = "respond_via", nullable = false)
    public RespondVia respondVia;

    /** The most characters a reroute reason may have (V9 gives H2 room for them). */
    public static final int ROUTING_REASON_MAX = 1000;

    @Column(name = "routing_reason", nullable = false)
    public String routingReason;

    @Column(name = "routing_contact_id")
    public Long routingContactId;

    @Column(name = "routing_contact_name")
    public String routingContactName;

    @Column(name = "routing_contact_email")
    public String routingContactEmail;

    /**
     * The handling function its routing chose at filing, kept when staff first moved the ticket by hand
     * ({@link #rerouteTo}); absent while it was never moved, when {@link #routedFunction} is still the one.
     * A new report of the post is compared with this as well as with where staff moved it ({@link #mayJoin}).
     */
    @Column(name = "filed_function")
    public String filedFunction;

    /** The official its routing chose at filing, or none; kept with {@link #filedFunction}. */
    @Column(name = "filed_contact_id")
    public Long filedContactId;

    @Column(name = "manager_unit")
    public String managerUnit;

    @Column(name = "manager_name")
    public String managerName;

    @Column(name = "manager_email")
    public String managerEmail;

    @Column(name = "routing_table_revision", nullable = false)
    public long routingTableRevision;

    @ElementCollection
    @CollectionTable(name = "ticket_informed", joinColumns = @JoinColumn(name = "ticket_id"))
    @OrderColumn(name = "position")
    public List<InformedParty> informed = new ArrayList<>();

    /** The post's URL in one form ({@link UrlNormalizer}), to find other reports of the same post. */
    @Column(name = "normalized_url")
    public String normalizedUrl;

    /** The ticket this one was merged into, by hand or because it reported the same post. */
    @Column(name = "duplicate_of_id")
    public Long duplicateOfId;

    /** Where a merge found this ticket, so an undo can put it back. */
    @Enumerated(EnumType.STRING)
    @Column(name = "status_before_merge")
    public TicketStatus statusBeforeMerge;

    /** {@link Priority#ordinal()}, kept beside the name so the list can sort by it. */
    @Column(name = "priority_rank", nullable = false)
    public int priorityRank;

    @Column(name = "first_staff_action_at")
    public Instant firstStaffActionAt;

    @Column(name = "first_response_seconds")
    public Long firstResponseSeconds;

    /** The first-response and resolution deadlines. */
    @Embedded
    public ServiceLevel sla = new ServiceLevel();

    /** When the ticket reached CLOSED, REJECTED or MERGED; retention of reporter data counts from here. */
    @Column(name = "concluded_at")
    public Instant concludedAt;

    @Column(name = "reporter_erased_at")
    public Instant reporterErasedAt;

    @Column(name = "tracking_token_hash", nullable = false)
    public String trackingTokenHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** What a reference looks like; anything else cannot name a ticket and is not looked up. */
    private static final Pattern REFERENCE = Pattern.compile("SGL-\\d{4}-\\d{6,12}");

    public static Optional<Ticket> findByReference(String reference) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            return Optional.empty();
        }
        return find("reference", reference).firstResultOptional();
    }

    /** The ticket only if the token's hash matches: one query, whether the reference exists or not. */
    public static Optional<Ticket> findTrackable(String reference, String trackingTokenHash) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            return Optional.empty();
        }
        return find("reference = ?1 and trackingTokenHash = ?2", reference, trackingTokenHash).firstResultOptional();
    }

    public void setPriority(Priority newPriority) {
        priority = newPriority;
        priorityRank = newPriority.ordinal();
    }

    /** Notes the first thing a staff member did, for the time-to-first-action statistic. */
    public void staffActed(Instant at) {
        if (firstStaffActionAt == null) {
            firstStaffActionAt = at;
            firstResponseSeconds = Duration.between(createdAt, at).toSeconds();
        }
    }

    /**
     * The open tickets that first reported this post, oldest first: those that are no duplicate. A new
     * report joins the first it {@linkplain #mayJoin may join}.
     *
     * <p>Every filing with a URL asks this, so the statement holds the URL and nothing else, and the
     * choice is made here from the post's few tickets (its first report and the duplicates folded into
     * it). PostgreSQL plans a table it has no statistics for yet (a new database, until autovacuum
     * first analyses it) as if it were tiny, and then costs every index alike: with the other
     * conditions in the statement, or an {@code ORDER BY id}, it walked the index on
     * {@code duplicate_of_id} at 1,000 tickets and the primary key at 20,000, reading every ticket at
     * each filing (11 ms at 17,000). With only the URL, its index is the one index that applies.
     *
     * <p>The price: every ticket ever filed for the post is read, not just up to the first open one; a
     * post reported a thousand times costs a thousand index entries and rows at each further report
     * (0.7 ms in PostgreSQL, measured), under the post's lock. Ordering or limiting in the statement
     * would bring the primary key's walk back as an equal choice.
     *
     * <p>In plain SQL ({@link Sql}): as a Hibernate query, four columns of a few rows were about 6 % of
     * the application's CPU samples under filing load, nearly all of them in Hibernate's own work.
     */
    public static List<Survivor> findOpenWithUrl(String normalizedUrl) {
        List<Object[]> open = Sql.rows("SELECT id, status, duplicate_of_id, reference, category, routed_function,"
                        + " manager_unit, routing_contact_id, filed_function, filed_contact_id"
                        + " FROM ticket WHERE normalized_url = ?", normalizedUrl)
                .stream()
                .filter(row -> row[2] == null && Lifecycle.isOpen(TicketStatus.valueOf((String) row[1])))
                .toList();
        if (open.isEmpty()) {
            return List.of();
        }
        // Who each was told of: only for a post with an open ticket, one statement for all of them.
        Map<Long, Set<String>> informed = new HashMap<>();
        List<Object> ids = open.stream().map(row -> row[0]).toList();
        for (Object[] row : Sql.rows("SELECT ticket_id, kind, code FROM ticket_informed WHERE ticket_id IN ("
                + Sql.placeholders(ids.size()) + ")", ids.toArray())) {
            informed.computeIfAbsent(((Number) row[0]).longValue(), id -> new HashSet<>())
                    .add(InformedParty.key((String) row[1], (String) row[2]));
        }
        return open.stream()
                .map(row -> {
                    long id = ((Number) row[0]).longValue();
                    Route now = Route.of(row[5], row[7]);
                    // Never moved by hand: filed where it is.
                    Route filed = row[8] == null ? now : Route.of(row[8], row[9]);
                    return new Survivor(id, (String) row[3], Category.valueOf((String) row[4]), filed, now,
                            (String) row[6], informed.getOrDefault(id, Set.of()));
                })
                .sorted(Comparator.comparingLong(Survivor::id)).toList();
    }

    /**
     * An open ticket a new report of the same post may join: all a filing needs of it, and how it was
     * routed: at filing and now (its function and official; the two differ once staff moved it by hand),
     * its unit manager, and who was told ({@link InformedParty#key}). Not the entity: its row is neither
     * loaded nor written.
     */
    public record Survivor(long id, String reference, Category category, Route filed, Route now, String managerUnit,
            Set<String> informed) {
    }

    /** A handling function and the one official of it a ticket went to, or none: then the function's all. */
    public record Route(String function, Long contactId) {

        /** From a function's and an official's columns as {@link Sql#rows} reads them. */
        static Route of(Object function, Object contactId) {
            return new Route((String) function, contactId == null ? null : ((Number) contactId).longValue());
        }
    }

    /**
     * Whether this new ticket, routed, may join {@code survivor} as another report of its post: only
     * when it is the same signal to the same people, its category, handling function, official, unit
     * manager and everyone informed the survivor's (until session 33 a second report of a derailed
     * discussion from another unit joined, and that unit's manager never heard of it), and it names no
     * begeleider (who hears of their own client's report alone). Its function and official are compared
     * with those the survivor was filed with and those it has now: a ticket staff moved by hand takes the
     * reports routed as it was filed as well as those routed where it went (until session 34 the first
     * became tickets of their own, back with the function staff had moved the post away from). A
     * joined report gets no deadlines and no e-mails to handlers or managers of its own, and its
     * messages and screenshots are shown on the survivor to whoever sees that: until session 32 any
     * report of the post joined, so a threat about a post already reported as a mention lost its
     * urgency, its manager's e-mail and its routing, and its screenshots went to the mention's handlers.
     */
    public boolean mayJoin(Survivor survivor) {
        Route route = new Route(routedFunction, routingContactId);
        return careWorkerEmail == null && category == survivor.category()
                && (route.equals(survivor.filed()) || route.equals(survivor.now()))
                && Objects.equals(managerUnit, survivor.managerUnit())
                && informed.stream().map(p -> InformedParty.key(p.kind.name(), p.code)).collect(Collectors.toSet())
                        .equals(survivor.informed());
    }

    /** Whether this ticket was merged into another, which then is its {@link #survivor}. */
    public boolean isMerged() {
        return status == TicketStatus.MERGED && duplicateOfId != null;
    }

    /** The ticket this one was merged into, if it was. */
    public Optional<Ticket> survivor() {
        return isMerged() ? findByIdOptional(duplicateOfId) : Optional.empty();
    }

    /** A signal as its reporter filed it: the facts a new ticket is built from. */
    public record Filing(Category category, Platform platform, Topic topic, String url, String description,
            Instant observedAt, String region, String activityCentre, String reporterName, String reporterEmail,
            ReporterRelation reporterRelation, String reporterUnit, boolean wantsUpdates, String language,
            Channel channel, String filedBy, String careWorkerEmail, boolean careWorkerMayKnowIdentity) {
    }

    /**
     * The one way a ticket comes to be: a filed signal, routed by {@code decision}, status
     * {@code NEW}. Blank optional texts are stored as absent; no topic is {@code GENERAL}, no
     * language Dutch. Deadlines and the insert are the caller's.
     */
    public static Ticket file(String reference, Filing filing, RoutingDecision decision, String trackingTokenHash,
            Instant now) {
        Ticket ticket = new Ticket();
        ticket.reference = reference;
        ticket.category = filing.category();
        ticket.platform = filing.platform();
        ticket.topic = filing.topic() == null ? Topic.GENERAL : filing.topic();
        ticket.url = Text.blankToNull(filing.url());
        ticket.description = filing.description().strip();
        ticket.observedAt = filing.observedAt();
        ticket.region = Text.blankToNull(filing.region());
        ticket.activityCentre = Text.blankToNull(filing.activityCentre());
        ticket.reporterName = Text.blankToNull(filing.reporterName());
        ticket.reporterEmail = Text.blankToNull(filing.reporterEmail());
        ticket.reporterRelation = filing.reporterRelation();
        ticket.reporterUnit = Text.blankToNull(filing.reporterUnit());
        ticket.careWorkerEmail = Text.blankToNull(filing.careWorkerEmail());
        ticket.careWorkerMayKnowIdentity = ticket.careWorkerEmail != null && filing.careWorkerMayKnowIdentity();
        ticket.wantsUpdates = filing.wantsUpdates();
        ticket.channel = filing.channel();
        ticket.filedBy = filing.filedBy();
        ticket.language = filing.language() == null ? "nl" : filing.language();
        ticket.status = TicketStatus.NEW;
        ticket.setPriority(decision.priority());
        ticket.route(decision);
        ticket.trackingTokenHash = trackingTokenHash;
        ticket.normalizedUrl = UrlNormalizer.normalize(ticket.url).orElse(null);
        ticket.createdAt = now;
        ticket.updatedAt = now;
        return ticket;
    }

    /**
     * Writes this new ticket, once, and gives it its id: in plain SQL, outside Hibernate's persistence
     * context ({@link NewTicketRow}), for a filing changes nothing of it afterwards. A change made to
     * this object after it is not written: whatever changes the ticket later loads it first.
     */
    public void insert() {
        NewTicketRow.insert(this);
    }

    /**
     * Another report of a post that the open ticket {@code survivor} already has: this new ticket
     * joins it. Called before the insert, so that the new ticket's row is written once, merged; its
     * history follows with {@link #joinLines} once it has its id. Only events are written to the
     * survivor, never its row, so ten reporters filing at once never collide.
     */
    public void joinAsDuplicateOf(Survivor survivor, Instant now) {
        statusBeforeMerge = TicketStatus.NEW;
        duplicateOfId = survivor.id();
        status = TicketStatus.MERGED;
        concludedAt = now;
    }

    /** The history of {@link #joinAsDuplicateOf}, on both tickets: lines for {@link TicketEvent#appendAll}. */
    public List<TicketEvent.Line> joinLines(Survivor survivor, Instant now) {
        return List.of(
                TicketEvent.statusChangedLine(id, TicketEvent.SYSTEM, now, TicketStatus.NEW, TicketStatus.MERGED),
                TicketEvent.mergedLine(id, TicketEvent.SYSTEM, now, survivor.reference(),
                        "Zelfde bericht als " + survivor.reference()),
                TicketEvent.duplicateAttachedLine(survivor.id(), TicketEvent.SYSTEM, now, reference,
                        "Nog een melding van hetzelfde bericht"));
    }

    /** The references of the tickets with these ids, in one query. */
    public static Map<Long, String> referencesOf(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return getEntityManager()
                .createQuery("select t.id, t.reference from Ticket t where t.id in :ids", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(row -> (Long) row[0], row -> (String) row[1]));
    }

    /**
     * Holds the lock on a reported post until the transaction ends, so the next report of the same
     * post waits and then finds this one's ticket. Answers whether the post was reported before: a
     * post's row is written with its first ticket (and V36 wrote the rows of older tickets), so a post
     * whose row this call wrote has no ticket to look for, and the row, new in this transaction, is
     * already its own. Portable: H2 (PostgreSQL mode) and PostgreSQL, where a report of a post whose first
     * report is still being filed waits at the insert for that one to end.
     */
    public static boolean lockReportedPost(String normalizedUrl) {
        if (Sql.update("INSERT INTO reported_post (normalized_url) VALUES (?) ON CONFLICT DO NOTHING",
                normalizedUrl) == 1) {
            return false;
        }
        Sql.column("SELECT normalized_url FROM reported_post WHERE normalized_url = ? FOR UPDATE", normalizedUrl);
        return true;
    }

    public static List<Ticket> duplicatesOf(Ticket ticket) {
        return list("duplicateOfId = ?1 order by id", ticket.id);
    }

    /**
     * Moves the ticket to another function by hand, to the official {@code rerouting} names if it names
     * one; the staff member's reason replaces routing's.
     */
    public void rerouteTo(String function, String functionName, RoutingPolicy.Rerouting rerouting, String reason,
            long tableRevision) {
        if (filedFunction == null) {
            filedFunction = routedFunction;
            filedContactId = routingContactId;
        }
        routedFunction = function;
        routedFunctionName = functionName;
        respondVia = rerouting.respondVia();
        routingReason = reason;
        routingTableRevision = tableRevision;
        routeToContact(rerouting.contact());
    }

    /** Takes over a routing decision: handling function, how to respond, who is informed. */
    public void route(RoutingDecision decision) {
        routedFunction = decision.function();
        routedFunctionName = decision.functionName();
        respondVia = decision.respondVia();
        routingReason = decision.reason();
        routingTableRevision = decision.tableRevision();
        routeToContact(decision.contact());
        managerUnit = decision.manager() == null ? null : decision.manager().unitCode();
        managerName = decision.manager() == null ? null : decision.manager().managerName();
        managerEmail = decision.manager() == null ? null : decision.manager().managerEmail();
        informed.clear();
        decision.informed().stream().map(InformedParty::new).forEach(informed::add);
    }

    /** The one official the routing (or a move by hand) chose, or none: then the function's all. */
    private void routeToContact(ContactEntry contact) {
        routingContactId = contact == null ? null : contact.id();
        routingContactName = contact == null ? null : contact.name();
        routingContactEmail = contact == null ? null : contact.email();
    }
}
