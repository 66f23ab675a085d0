package nl.sglzorg.meldpunt.evidence;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import nl.sglzorg.meldpunt.common.web.Problem;
import nl.sglzorg.meldpunt.common.web.ProblemMappers;
import nl.sglzorg.meldpunt.common.web.Violation;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused upload as a problem that names the field, so a form can show it next to the file input. */
public class EvidenceProblems {

    @ServerExceptionMapper
    public RestResponse<Problem> refused(EvidenceRefusedException e, UriInfo uri) {
        boolean tooLarge = e.status() == 413;
        Problem problem = Problem.of(tooLarge ? "payload-too-large" : "unsupported-media-type",
                tooLarge ? "Verzoek te groot" : "Verkeerd inhoudstype", e.status(), e.getMessage(),
                ProblemMappers.path(uri))
                .withViolations(List.of(new Violation(e.field(), e.getMessage())));
        return ProblemMappers.respond(problem);
    }
}
