package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code /}: what Meldpunt is for, and the two ways on: report or follow. */
@Path("/")
@PermitAll
public class HomePage {

    @Inject
    Pages pages;

    @Inject
    @Location("web/home.html")
    Template home;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance home(@RestQuery String lang) {
        return pages.page(home, lang, "/");
    }
}
