package nl.sglzorg.meldpunt.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.limits.RateLimiter;
import nl.sglzorg.meldpunt.common.web.BusyException;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.directory.CurrentStaff;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import nl.sglzorg.meldpunt.ticket.TicketRead;
import nl.sglzorg.meldpunt.ticket.TicketService;
import nl.sglzorg.meldpunt.ticket.TrackingTokens;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Screenshots as evidence: the reporter attaches them with the tracking token (from the API or the
 * pages), staff list and download them. An upload is checked, re-encoded and stored, or refused with
 * nothing stored. Decoding happens outside any transaction, one image at a time; an upload that
 * cannot have its turn within {@code meldpunt.evidence.decode-wait} is answered {@code 503}.
 */
@ApplicationScoped
public class EvidenceService {

    /** One decode at a time: a decoded image can take tens of megabytes of heap. */
    private final Semaphore decoding = new Semaphore(1, true);

    /** The pixels every decode writes into: used only while holding {@link #decoding}. */
    private final PixelBuffer pixels = new PixelBuffer();

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    RateLimiter limiter;

    @Inject
    EvidenceStore store;

    @Inject
    TicketService tickets;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    Event<TicketRead> reads;

    @Inject
    MeterRegistry registry;

    /** {@link #attachForReporter(String, String, Path, String)} for a Quarkus REST multipart part. */
    public EvidenceView attachForReporter(String reference, String trackingToken, FileUpload file,
            String clientAddress) {
        if (file == null || file.uploadedFile() == null) {
            throw new InvalidInputException(EvidenceRefusedException.FIELD, "verplicht: een afbeelding (JPEG, PNG of WebP)");
        }
        return attachForReporter(reference, trackingToken, file.uploadedFile(), clientAddress);
    }

    /**
     * Attaches the image in {@code file} (a temporary upload; the caller deletes it) to the signal the
     * token opens. Counts as a reporter message against the client's limits; a wrong token costs as
     * much as a wrong tracking look-up.
     *
     * @throws NotFoundException unknown reference or wrong token (the same answer)
     * @throws InvalidInputException no file (400, field {@code file}; only from the FileUpload form)
     * @throws EvidenceRefusedException not an image Meldpunt takes (415) or too large (413)
     * @throws BusyException no turn to decode within {@code meldpunt.evidence.decode-wait} (503)
     * @throws ConflictException the signal is closed, or holds the maximum number of images
     * @throws nl.sglzorg.meldpunt.common.web.TooManyRequestsException over the client's limit
     */
    public EvidenceView attachForReporter(String reference, String trackingToken, Path file, String clientAddress) {
        // The limit, the code and the room first: nothing is decoded for a signal that cannot take it.
        String tokenHash = admitReporter(reference, trackingToken, clientAddress);
        try (Prepared prepared = prepare(file)) {
            return storeForReporter(reference, tokenHash, clientAddress, prepared);
        }
    }

    /**
     * Attaches an image checked and re-encoded before ({@link #prepare}), as
     * {@link #attachForReporter(String, String, Path, String)} attaches a file, without decoding it
     * again: the pages check every screenshot before they file its signal, and what follows the filing
     * must not wait for the decoder (a {@code 503} there lost the reporter's receipt, and with it their
     * code, until session 32). The caller closes {@code prepared}.
     *
     * @throws NotFoundException unknown reference or wrong token (the same answer)
     * @throws ConflictException the signal is closed, or holds the maximum number of images
     * @throws nl.sglzorg.meldpunt.common.web.TooManyRequestsException over the client's limit
     */
    public EvidenceView attachForReporter(String reference, String trackingToken, Prepared prepared,
            String clientAddress) {
        String tokenHash = admitReporter(reference, trackingToken, clientAddress);
        return storeForReporter(reference, tokenHash, clientAddress, prepared);
    }

    /**
     * Whether the signal the token opens takes {@code count} more images from this client now, asked
     * before any of them is decoded: the client's limit holds that many (none is taken: attaching takes
     * them), and the signal is neither closed nor full. The page that adds screenshots asks first, so a
     * closed or full signal, or a client over its limit, costs no decode (until session 32 each image
     * was decoded before that was found).
     *
     * @throws NotFoundException unknown reference or wrong token (the same answer)
     * @throws ConflictException the signal is closed, or holds the maximum number of images
     * @throws nl.sglzorg.meldpunt.common.web.TooManyRequestsException over the client's limit
     */
    public void admits(String reference, String trackingToken, String clientAddress, int count) {
        limiter.requireAvailable(RateLimiter.Limit.MESSAGE, clientAddress, count);
        checkSignal(reference, trackingToken, clientAddress);
    }

    /** Counts the upload as a reporter message, and checks the code and that the signal takes it; its token's hash. */
    private String admitReporter(String reference, String trackingToken, String clientAddress) {
        limiter.consume(RateLimiter.Limit.MESSAGE, clientAddress, 1);
        return checkSignal(reference, trackingToken, clientAddress);
    }

    /** Checks the code and that the signal takes another image, in a transaction of its own; the token's hash. */
    private String checkSignal(String reference, String trackingToken, String clientAddress) {
        String tokenHash = TrackingTokens.hash(trackingToken);
        QuarkusTransaction.requiringNew().run(() -> checkRoom(trackable(reference, tokenHash, clientAddress)));
        return tokenHash;
    }

    private EvidenceView storeForReporter(String reference, String tokenHash, String clientAddress, Prepared prepared) {
        return QuarkusTransaction.requiringNew().call(() -> store(reference, tokenHash, clientAddress, prepared.image(),
                prepared.clean()));
    }

    /**
     * A screenshot checked and re-encoded by {@link #prepare}, waiting in a temporary file to be stored
     * with {@link #attachPrepared} or {@link #attachForReporter(String, String, Prepared, String)};
     * {@link #close()} deletes the file.
     */
    public record Prepared(ImageSanitiser.Result image, Path clean) implements AutoCloseable {

        @Override
        public void close() {
            deleteQuietly(clean);
        }
    }

    /**
     * Checks and re-encodes the image in {@code file} by the rules of
     * {@link #attachForReporter(String, String, Path, String)}, outside any transaction: for a signal
     * that is filed with it in one transaction ({@link #attachPrepared}), or one the pages file before
     * attaching it. Counts against no limit.
     *
     * @throws EvidenceRefusedException not an image Meldpunt takes (415) or too large (413)
     * @throws BusyException no turn to decode within {@code meldpunt.evidence.decode-wait}
     */
    public Prepared prepare(Path file) {
        checkSize(file);
        Path clean = null;
        try {
            clean = Files.createTempFile("meldpunt-evidence-", ".img");
            return new Prepared(sanitise(file, clean), clean);
        } catch (IOException e) {
            deleteQuietly(clean);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(clean);
            throw e;
        }
    }

    /**
     * Whether the ticket holds this very image already: the same bytes as sent ({@code originalSha256}),
     * such as the logo in the signature of every e-mail of a conversation.
     */
    @Transactional
    public boolean holds(Ticket ticket, String originalSha256) {
        return Evidence.count("ticketId = ?1 and originalSha256 = ?2", ticket.id, originalSha256) > 0;
    }

    /**
     * Stores a prepared image on {@code ticket}, in the caller's transaction, as its
     * reporter's: the history says so, and a ticket waiting for the reporter is worked on again. Empty,
     * with nothing stored, when the signal is closed or holds the maximum number of images (an answer,
     * not an exception, which would roll the caller's transaction back).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EvidenceView> attachPrepared(Ticket ticket, Prepared prepared) {
        try {
            return Optional.of(storeOn(ticket, prepared.image(), prepared.clean()));
        } catch (ConflictException e) {
            return Optional.empty();
        }
    }

    private void checkSize(Path file) {
        long size = sizeOf(file);
        long maxBytes = config.evidence().maxBytes().asLongValue();
        if (size > maxBytes) {
            throw EvidenceRefusedException.tooLarge("De afbeelding is groter dan " + megabytes(maxBytes) + ".");
        }
        if (size == 0) {
            throw EvidenceRefusedException.notAnImage("Het bestand is leeg.");
        }
    }

    private ImageSanitiser.Result sanitise(Path file, Path clean) throws IOException {
        MeldpuntConfig.Evidence settings = config.evidence();
        try {
            // Never wait without end: a decode is bounded (ImageSanitiser.Limits), but a queue is not.
            if (!decoding.tryAcquire(settings.decodeWait().toMillis(), TimeUnit.MILLISECONDS)) {
                decodes("busy");
                throw new BusyException(settings.decodeTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to decode", e);
        }
        try {
            ImageSanitiser.Result image = ImageSanitiser.sanitise(file, clean, new ImageSanitiser.Limits(
                    settings.maxPixels(), settings.maxDecodedBytes().asLongValue(), settings.decodeTime()), pixels);
            decodes("taken");
            return image;
        } catch (EvidenceRefusedException e) {
            decodes("refused");
            throw e;
        } finally {
            decoding.release();
        }
    }

    /** Counts an image given to the decoder: {@code meldpunt.evidence.decodes}, by how it went. */
    private void decodes(String outcome) {
        registry.counter("meldpunt.evidence.decodes", "outcome", outcome).increment();
    }

    private EvidenceView store(String reference, String tokenHash, String clientAddress, ImageSanitiser.Result image,
            Path clean) {
        return storeOn(trackable(reference, tokenHash, clientAddress), image, clean);
    }

    private EvidenceView storeOn(Ticket ticket, ImageSanitiser.Result image, Path clean) {
        // Two uploads at once must not both take the last place: they queue on the ticket's row.
        Panache.getEntityManager().lock(ticket, LockModeType.PESSIMISTIC_WRITE);
        Optional<Ticket> survivor = checkRoom(ticket);
        Instant now = Instant.now(clock);
        long id = store.insert(ticket.id, image, clean, now);
        String text = "Schermafbeelding toegevoegd (" + image.stored().name() + ", " + image.width() + " × "
                + image.height() + " pixels)";
        TicketEvent.evidenceAdded(ticket, now, id, text);
        ticket.updatedAt = now;
        tickets.resumeIfWaiting(ticket, now);
        survivor.ifPresent(s -> {
            // Staff work on the survivor: it shows the evidence, and its history says where it came from.
            TicketEvent.duplicateEvidenceAdded(s, now, ticket.reference, id, text);
            tickets.resumeIfWaiting(s, now);
        });
        return EvidenceView.of(Evidence.findById(id), ticket.reference);
    }


    private Ticket trackable(String reference, String tokenHash, String clientAddress) {
        Optional<Ticket> ticket = Ticket.findTrackable(reference, tokenHash);
        if (ticket.isEmpty()) {
            // Guessing tokens here costs what it costs on the tracking look-up.
            limiter.penaliseWrongToken(RateLimiter.Limit.MESSAGE, clientAddress);
            throw new NotFoundException();
        }
        return ticket.get();
    }

    /** Refuses a closed signal and a full one; returns the survivor of a merged signal. */
    private Optional<Ticket> checkRoom(Ticket ticket) {
        Optional<Ticket> survivor = ticket.survivor();
        if (ticket.status == TicketStatus.CLOSED || survivor.map(s -> s.status == TicketStatus.CLOSED).orElse(false)) {
            throw new ConflictException("Deze melding is afgesloten; doe een nieuwe melding.");
        }
        int max = config.evidence().maxPerSignal();
        if (Evidence.countOf(ticket) >= max) {
            throw new ConflictException("Bij deze melding zijn al " + max + " afbeeldingen; meer kan niet.");
        }
        return survivor;
    }

    /** The evidence staff see on a ticket: its own and that of the tickets merged into it. */
    @Transactional
    public List<EvidenceView> listForStaff(String reference) {
        Ticket ticket = tickets.visible(reference);
        List<Evidence> shown = Evidence.shownOn(ticket);
        Map<Long, String> references = Ticket.referencesOf(shown.stream().map(e -> e.ticketId)
                .collect(Collectors.toSet()));
        return shown.stream().map(e -> EvidenceView.of(e, references.get(e.ticketId))).toList();
    }

    /**
     * Checks that the current staff member may see this evidence on this ticket (the rule for reading
     * the ticket) and records the download in the access log, against the ticket the evidence came
     * with. The bytes follow with {@link #copyContent}.
     */
    @Transactional
    public EvidenceView openForStaff(String reference, long id) {
        Ticket ticket = tickets.visible(reference);
        Evidence evidence = Evidence.<Evidence>findByIdOptional(id).orElseThrow(NotFoundException::new);
        Ticket owner = evidence.ticketId.equals(ticket.id) ? ticket : Ticket.findById(evidence.ticketId);
        if (!owner.id.equals(ticket.id) && !ticket.id.equals(owner.duplicateOfId)) {
            throw new NotFoundException();
        }
        reads.fire(new TicketRead(currentStaff.get().username(), owner, TicketRead.What.EVIDENCE));
        return EvidenceView.of(evidence, owner.reference);
    }

    /** Streams the re-encoded image of evidence opened with {@link #openForStaff}. */
    public void copyContent(long id, OutputStream out) throws IOException {
        store.copy(id, out);
    }

    /** The evidence held about the reporter of this ticket, for an export of their data. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EvidenceView> ofReporter(Ticket ticket) {
        return Evidence.ofTicket(ticket).stream().map(e -> EvidenceView.of(e, ticket.reference)).toList();
    }

    /** Erases the evidence of this ticket's reporter, with the rest of their data; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long eraseOf(Ticket ticket) {
        return Evidence.deleteOf(ticket);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The temporary directory is cleaned by the system; nothing of the reporter's is lost.
            }
        }
    }
}
