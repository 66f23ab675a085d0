package nl.sglzorg.meldpunt.directory;

import jakarta.ws.rs.core.UriInfo;
import nl.sglzorg.meldpunt.common.web.Problem;
import nl.sglzorg.meldpunt.common.web.ProblemMappers;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A valid token of someone Meldpunt refuses: {@code 403}, saying what to do about it. The same answer
 * whatever the reason, so a token holder learns nothing about which addresses have accounts.
 */
public class ProviderProblems {

    @ServerExceptionMapper
    public RestResponse<Problem> refused(ProviderSignInRefused e, UriInfo uri) {
        Problem problem = Problem.of("forbidden", "Geen toegang", 403,
                "Je account bij SGL geeft geen toegang tot Meldpunt. Vraag communicatie om een account.",
                ProblemMappers.path(uri));
        return ProblemMappers.respond(problem);
    }
}
