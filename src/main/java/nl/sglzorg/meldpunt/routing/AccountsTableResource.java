package nl.sglzorg.meldpunt.routing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Roles;

/** The accounts table's history for staff: every revision, who made it and what changed. */
@Path("/api/accounts-table/history")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMUNICATIE, Roles.FUNCTIONARIS, Roles.LEIDINGGEVENDE})
public class AccountsTableResource {

    /** The most revisions one answer lists, newest first. */
    static final int LIMIT = 200;

    public record Revision(long revision, Instant changedAt, String changedBy, String description) {
    }

    @Inject
    AccountsTableService accountsTable;

    @GET
    public List<Revision> history() {
        return accountsTable.history(LIMIT).stream()
                .map(e -> new Revision(e.revision, e.changedAt, e.changedBy, e.description)).toList();
    }
}
