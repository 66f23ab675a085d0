package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.BusyException;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.evidence.EvidenceRefusedException;
import nl.sglzorg.meldpunt.evidence.EvidenceService;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The screenshots a page form carries in its field {@code file} (one file input that takes several):
 * checked and re-encoded all before anything is filed or stored, by the evidence service's own rules,
 * then attached one by one without decoding them again. Errors are put into the reporter's words, naming the file.
 */
@ApplicationScoped
public class Screenshots {

    /** The form field, the API's. */
    static final String FIELD = EvidenceRefusedException.FIELD;

    @Inject
    EvidenceService evidence;

    @Inject
    MeldpuntConfig config;

    @Inject
    Texts texts;

    /**
     * A file refused before anything was stored: why, in the reporter's words, with the page's status;
     * a busy decoder's {@code 503} says when to try again ({@code Retry-After}, 0 for none). The field is
     * where the page shows it: the file field, or the send button for a send over the filing limit.
     */
    record Refusal(String field, int status, String message, long retryAfterSeconds) {

        Refusal(int status, String message) {
            this(FIELD, status, message, 0);
        }

        Refusal(int status, String message, long retryAfterSeconds) {
            this(FIELD, status, message, retryAfterSeconds);
        }

        /** The refusal next to its field: a send over the filing limit is a wait, anything else a mistake. */
        FormErrors errors() {
            return status == 429 ? FormErrors.none().waiting(field, message) : FormErrors.none().add(field, message);
        }

        /** The page that shows the refusal, with its status and any {@code Retry-After}. */
        RestResponse<TemplateInstance> answer(TemplateInstance page) {
            return retryAfterSeconds > 0 ? Pages.status(status, page, retryAfterSeconds) : Pages.status(status, page);
        }
    }

    /** What attaching the chosen files came to: how many were added, and why the others were not. */
    record Outcome(int added, List<String> failures, boolean conflict) {
    }

    /** The hint under the file field: how many, which types, how large. */
    String hint(String language) {
        return texts.get(language, "fileHint").replace("{max}", Integer.toString(config.evidence().maxPerSignal()))
                .replace("{megabytes}", Long.toString(config.evidence().maxBytes().asLongValue() / (1024 * 1024)));
    }

    /** The words above the form on /volgen. */
    String intro(String language) {
        return texts.get(language, "screenshotsIntro").replace("{max}",
                Integer.toString(config.evidence().maxPerSignal()));
    }

    /** "Added: 2 images", or {@code null} when none was. */
    String added(Outcome outcome, String language, String key) {
        return outcome.added() == 0 ? null : texts.get(language, key + (outcome.added() == 1 ? ".one" : ".many"))
                .replace("{count}", Integer.toString(outcome.added()));
    }

    /** The files actually chosen: a form without a choice still sends one empty, nameless part. */
    static List<FileUpload> chosen(List<FileUpload> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream().filter(f -> f != null && f.uploadedFile() != null
                && !(f.size() == 0 && (f.fileName() == null || f.fileName().isBlank()))).toList();
    }

    /** A chosen file checked and re-encoded, ready to attach without decoding it again. */
    record Ready(FileUpload file, EvidenceService.Prepared image) {
    }

    /**
     * What checking the chosen files came to: the first refusal, or every file ready to attach.
     * {@link #close()} deletes the re-encoded copies.
     */
    record Checked(Optional<Refusal> refusal, List<Ready> ready) implements AutoCloseable {

        @Override
        public void close() {
            ready.forEach(r -> r.image().close());
        }
    }

    /**
     * Checks and re-encodes every chosen file as the evidence service would take it; the first that
     * would be refused is named, with the reminder that a browser forgets every chosen file when a form
     * comes back. Stores nothing and counts against no limit. The copies are what {@link #attach}
     * stores: each image is decoded once, before the signal is filed, never after.
     */
    Checked check(List<FileUpload> chosen, String language) {
        if (tooMany(chosen)) {
            return withRefusal(new Refusal(400, texts.get(language, "error.file.tooMany")
                    .replace("{max}", Integer.toString(config.evidence().maxPerSignal()))), List.of(), language);
        }
        List<Ready> ready = new ArrayList<>();
        try {
            for (FileUpload file : chosen) {
                try {
                    ready.add(new Ready(file, evidence.prepare(file.uploadedFile())));
                } catch (EvidenceRefusedException e) {
                    return withRefusal(new Refusal(e.status(), refused(file, e, language)), ready, language);
                } catch (BusyException e) {
                    // The decoder had no turn: the form comes back with what was typed, nothing filed
                    // (until session 33 a JSON 503 took the page and everything typed on it).
                    long seconds = BusyException.seconds(e.retryAfter());
                    return withRefusal(new Refusal(503, texts.get(language, "error.file.busy").replace("{seconds}",
                            Long.toString(seconds)), seconds), ready, language);
                }
            }
            return new Checked(Optional.empty(), ready);
        } catch (RuntimeException e) {
            ready.forEach(r -> r.image().close());
            throw e;
        }
    }

    /** More files than a signal takes: {@link #check} refuses them before anything is decoded or counted. */
    boolean tooMany(List<FileUpload> chosen) {
        return chosen.size() > config.evidence().maxPerSignal();
    }

    /** The refusal, in the reporter's words; the copies made before it are deleted. */
    private Checked withRefusal(Refusal refusal, List<Ready> prepared, String language) {
        prepared.forEach(r -> r.image().close());
        return new Checked(Optional.of(new Refusal(refusal.status(),
                refusal.message() + " " + texts.get(language, "error.file.chooseAgain"), refusal.retryAfterSeconds())),
                List.of());
    }

    /**
     * Attaches the checked files to the signal one by one. A file that is still refused (the signal
     * filled up or closed meanwhile, a limit) is reported, never silently dropped; the ones before it
     * stay attached.
     */
    Outcome attach(String reference, String token, Checked checked, String client, String language) {
        int added = 0;
        List<String> failures = new ArrayList<>();
        boolean conflict = false;
        for (Ready ready : checked.ready()) {
            FileUpload file = ready.file();
            try {
                evidence.attachForReporter(reference, token, ready.image(), client);
                added++;
            } catch (ConflictException e) {
                conflict = true;
                failures.add(name(file) + ": " + conflict(e, language));
            } catch (TooManyRequestsException e) {
                failures.add(name(file) + ": " + texts.get(language, "error.file.tooManyRequests"));
            } catch (InvalidInputException | NotFoundException e) {
                failures.add(name(file) + ": " + texts.get(language, "error.file.notAdded"));
            }
        }
        return new Outcome(added, failures, conflict);
    }

    /** A 409 in words: the signal is closed, or holds all the images it may. */
    String conflict(ConflictException e, String language) {
        return e.getMessage() != null && e.getMessage().contains("afgesloten") ? texts.get(language, "error.closed")
                : texts.get(language, "error.file.full").replace("{max}",
                        Integer.toString(config.evidence().maxPerSignal()));
    }

    private String refused(FileUpload file, EvidenceRefusedException e, String language) {
        String why = e.getMessage() == null ? "" : e.getMessage();
        String key;
        if (e.status() == 413) {
            key = why.contains("pixel") ? "error.file.tooManyPixels" : "error.file.tooLarge";
        } else if (why.contains("leeg")) {
            key = "error.file.empty";
        } else if (why.contains("beschadigd")) {
            key = "error.file.damaged";
        } else {
            key = "error.file.notAnImage";
        }
        return texts.get(language, key).replace("{file}", name(file))
                .replace("{megabytes}", Long.toString(config.evidence().maxBytes().asLongValue() / (1024 * 1024)));
    }

    /** The file's name as the reporter chose it, shortened; the page escapes it. */
    private static String name(FileUpload file) {
        String name = file.fileName() == null || file.fileName().isBlank() ? "?" : file.fileName().strip();
        return name.length() > 60 ? name.substring(0, 57) + "…" : name;
    }
}
