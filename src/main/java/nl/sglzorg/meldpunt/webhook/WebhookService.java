package nl.sglzorg.meldpunt.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.directory.CurrentStaff;

/** Communicatie's webhooks: registering, changing, removing, and their deliveries with a retry. */
@ApplicationScoped
public class WebhookService {

    static final int DELIVERIES_SHOWN = 50;

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    CurrentStaff currentStaff;

    /** A checked request: the URL as typed (stripped) and the events as a set. */
    private record Checked(String url, Set<WebhookEvent> events, WebhookFormat format, boolean enabled) {
    }

    @Transactional
    public List<WebhookView> list() {
        return Webhook.listById().stream().map(WebhookService::view).toList();
    }

    @Transactional
    public WebhookView get(long id) {
        return view(find(id));
    }

    /** Registers a webhook with a fresh secret; the answer holds the secret, once. */
    @Transactional
    public WebhookView create(WebhookRequest request) {
        Checked checked = check(request);
        String secret = WebhookSignatures.newSecret();
        Webhook webhook = Webhook.register(checked.url(), checked.events(), checked.format(), checked.enabled(), secret,
                currentStaff.get().username(), Instant.now(clock));
        webhook.persistAndFlush();
        return view(webhook).withSecret(secret);
    }

    /** Changes everything but the secret. */
    @Transactional
    public WebhookView update(long id, WebhookRequest request) {
        Checked checked = check(request);
        Webhook webhook = find(id);
        webhook.change(checked.url(), checked.events(), checked.format(), checked.enabled());
        webhook.persistAndFlush();
        return view(webhook);
    }

    /**
     * Turns a webhook on or off, the rest as it is. While it is off its pending deliveries wait, due
     * as they were (the dispatcher's claim leaves them out); switched on again, they go out.
     */
    @Transactional
    public WebhookView switchOn(long id, boolean enabled) {
        Webhook webhook = find(id);
        webhook.enabled = enabled;
        return view(webhook);
    }

    /** Removes a webhook and its deliveries, sent or not. */
    @Transactional
    public void delete(long id) {
        Webhook webhook = find(id);
        WebhookDelivery.delete("webhookId", webhook.id);
        webhook.delete();
    }

    /** The newest deliveries of a webhook, all or those with {@code status}. */
    @Transactional
    public List<DeliveryView> deliveries(long id, Optional<DeliveryStatus> status) {
        Webhook webhook = find(id);
        var query = status.isPresent()
                ? WebhookDelivery.<WebhookDelivery>find("webhookId = ?1 and status = ?2 order by id desc", webhook.id,
                        status.get())
                : WebhookDelivery.<WebhookDelivery>find("webhookId = ?1 order by id desc", webhook.id);
        return query.range(0, DELIVERIES_SHOWN - 1).list().stream().map(DeliveryView::of).toList();
    }

    /**
     * A parked delivery is due again at once with a fresh count (claimed after what was due before
     * it), under the same {@code webhook-id}.
     * One delivered or still pending is a conflict: a dispatcher may be sending it right now. So is
     * one of a webhook that is switched off: nothing is sent to it, so a retry would send nothing.
     */
    @Transactional
    public DeliveryView retry(long id, long deliveryId) {
        WebhookDelivery delivery = WebhookDelivery.<WebhookDelivery>findByIdOptional(deliveryId)
                .filter(d -> d.webhookId == id).orElseThrow(NotFoundException::new);
        if (delivery.status == DeliveryStatus.DELIVERED) {
            throw new ConflictException("Deze melding is al afgeleverd.");
        }
        if (!find(id).enabled) {
            throw new ConflictException("Deze webhook staat uit: zet hem eerst aan.");
        }
        if (delivery.status == DeliveryStatus.PENDING) {
            throw new ConflictException("Deze melding staat al klaar om te worden verstuurd.");
        }
        delivery.status = DeliveryStatus.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = Instant.now(clock);
        return DeliveryView.of(delivery);
    }

    private Checked check(WebhookRequest request) {
        Violations violations = new Violations();
        String url = request == null || request.url() == null ? null : request.url().strip();
        try {
            WebhookTargets.check(url, config.webhook().allowPrivateTargets());
        } catch (WebhookTargets.Refused e) {
            violations.add("url", e.getMessage());
        }
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        List<String> asked = request == null || request.events() == null ? List.of() : request.events();
        for (String type : asked) {
            Optional<WebhookEvent> event = WebhookEvent.ofType(type);
            if (event.isEmpty()) {
                violations.add("events", "onbekende gebeurtenis; toegestaan: " + allTypes());
                break;
            }
            events.add(event.get());
        }
        if (asked.isEmpty()) {
            violations.add("events", "kies minstens één gebeurtenis: " + allTypes());
        }
        violations.throwIfAny();
        WebhookFormat format = request.format() == null ? WebhookFormat.STANDARD : request.format();
        return new Checked(url, events, format, !Boolean.FALSE.equals(request.enabled()));
    }

    private static String allTypes() {
        return String.join(", ", EnumSet.allOf(WebhookEvent.class).stream().map(WebhookEvent::type).toList());
    }

    private static Webhook find(long id) {
        return Webhook.<Webhook>findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    private static WebhookView view(Webhook webhook) {
        DeliveryView last = WebhookDelivery.<WebhookDelivery>find("webhookId = ?1 order by id desc", webhook.id)
                .firstResultOptional().map(DeliveryView::of).orElse(null);
        long parked = WebhookDelivery.count("webhookId = ?1 and status = ?2", webhook.id, DeliveryStatus.FAILED);
        return WebhookView.of(webhook, last, parked);
    }
}
