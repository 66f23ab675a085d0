package nl.sglzorg.meldpunt.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.jdbc.Sql;

/**
 * The insert of a new ticket in plain SQL: its row in one statement that returns its id, its informed
 * parties in one batch.
 *
 * <p>A filing writes its ticket once and changes nothing of it afterwards, so what an entity persist
 * adds is pure cost: the persistence context's entry, the event listeners, and at commit a flush that
 * dirty-checks the ticket. Under filing load the persist was 75 of the application's 490 CPU samples,
 * and the commit, mostly that flush, 42 more (15 after this change; {@code docs/benchmarks.md},
 * "What changed in session 19"). The ticket stays outside Hibernate's persistence context: what
 * changes it later (evidence from an e-mail, in the same transaction) loads it first, and the row
 * is there to load.
 *
 * <p>Each column is named beside the field it takes, so the two cannot drift apart by position; a
 * test holds the list to the table's columns ({@code NewTicketRowTest}).
 */
final class NewTicketRow {

    private record Column(String name, Function<Ticket, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            column("reference", t -> t.reference),
            column("category", t -> t.category),
            column("platform", t -> t.platform),
            column("topic", t -> t.topic),
            column("url", t -> t.url),
            column("description", t -> t.description),
            column("observed_at", t -> t.observedAt),
            column("region", t -> t.region),
            column("activity_centre", t -> t.activityCentre),
            column("reporter_name", t -> t.reporterName),
            column("reporter_email", t -> t.reporterEmail),
            column("reporter_relation", t -> t.reporterRelation),
            column("reporter_unit", t -> t.reporterUnit),
            column("care_worker_email", t -> t.careWorkerEmail),
            column("care_worker_may_know_identity", t -> t.careWorkerMayKnowIdentity),
            column("repost_url", t -> t.repostUrl),
            column("channel", t -> t.channel),
            column("filed_by", t -> t.filedBy),
            column("wants_updates", t -> t.wantsUpdates),
            column("language", t -> t.language),
            column("status", t -> t.status),
            column("priority", t -> t.priority),
            column("priority_rank", t -> t.priorityRank),
            column("routed_function", t -> t.routedFunction),
            column("routed_function_name", t -> t.routedFunctionName),
            column("respond_via", t -> t.respondVia),
            column("routing_reason", t -> t.routingReason),
            column("routing_contact_id", t -> t.routingContactId),
            column("routing_contact_name", t -> t.routingContactName),
            column("routing_contact_email", t -> t.routingContactEmail),
            column("filed_function", t -> t.filedFunction),
            column("filed_contact_id", t -> t.filedContactId),
            column("manager_unit", t -> t.managerUnit),
            column("manager_name", t -> t.managerName),
            column("manager_email", t -> t.managerEmail),
            column("routing_table_revision", t -> t.routingTableRevision),
            column("normalized_url", t -> t.normalizedUrl),
            column("duplicate_of_id", t -> t.duplicateOfId),
            column("status_before_merge", t -> t.statusBeforeMerge),
            column("first_staff_action_at", t -> t.firstStaffActionAt),
            column("first_response_seconds", t -> t.firstResponseSeconds),
            column("first_response_due", t -> t.sla.firstResponseDue),
            column("first_response_warn_at", t -> t.sla.firstResponseWarnAt),
            column("first_response_at", t -> t.sla.firstResponseAt),
            column("first_response_warned", t -> t.sla.firstResponseWarned),
            column("first_response_breached", t -> t.sla.firstResponseBreached),
            column("resolution_due", t -> t.sla.resolutionDue),
            column("resolution_warn_at", t -> t.sla.resolutionWarnAt),
            column("resolved_at", t -> t.sla.resolvedAt),
            column("resolution_warned", t -> t.sla.resolutionWarned),
            column("resolution_breached", t -> t.sla.resolutionBreached),
            column("waiting_since", t -> t.sla.waitingSince),
            column("paused_seconds", t -> t.sla.pausedSeconds),
            column("paused_wall_seconds", t -> t.sla.pausedWallSeconds),
            column("next_due", t -> t.sla.nextDue),
            column("concluded_at", t -> t.concludedAt),
            column("reporter_erased_at", t -> t.reporterErasedAt),
            column("tracking_token_hash", t -> t.trackingTokenHash),
            column("created_at", t -> t.createdAt),
            column("updated_at", t -> t.updatedAt),
            column("version", t -> t.version));

    private static final String INSERT = "INSERT INTO ticket ("
            + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES ("
            + "?, ".repeat(COLUMNS.size() - 1) + "?)";

    private static final String INSERT_INFORMED =
            "INSERT INTO ticket_informed (ticket_id, position, kind, code, name) VALUES (?, ?, ?, ?, ?)";

    private NewTicketRow() {
    }

    /** Writes {@code ticket}, which has no id yet, and gives it the id its row got. */
    static void insert(Ticket ticket) {
        if (ticket.id != null) {
            throw new IllegalStateException("ticket " + ticket.id + " is already written");
        }
        ticket.id = Sql.insert(INSERT, COLUMNS.stream().map(column -> column.value().apply(ticket)).toArray());
        List<Object[]> informed = new ArrayList<>();
        for (int position = 0; position < ticket.informed.size(); position++) {
            InformedParty party = ticket.informed.get(position);
            informed.add(new Object[] {ticket.id, position, party.kind.name(), party.code, party.name});
        }
        Sql.batch(INSERT_INFORMED, informed);
    }

    /** The columns the insert writes, in order: for the test that holds them to the table. */
    static List<String> columns() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    /** A column and the field it is written from; an enum is stored by its name, as the entity maps it. */
    private static Column column(String name, Function<Ticket, Object> field) {
        return new Column(name, ticket -> {
            Object value = field.apply(ticket);
            return value instanceof Enum<?> constant ? constant.name() : value;
        });
    }
}
