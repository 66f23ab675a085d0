package nl.sglzorg.meldpunt.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A language header the REST layer cannot read (a weight that is no number: {@code en;q=x}) is dropped
 * before anything reads it. Qute's template filter reads it for every page it renders, and failed the page
 * with a {@code 500}, and the failure page after it. Without the header, a page is in Dutch, or in the
 * language its address asks for; the API does not read it.
 */
public class LanguageHeader {

    @ServerRequestFilter(preMatching = true)
    public void dropUnreadable(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE) == null) {
            return;
        }
        try {
            request.getAcceptableLanguages();
        } catch (RuntimeException unreadable) {
            request.getHeaders().remove(HttpHeaders.ACCEPT_LANGUAGE);
        }
    }
}
