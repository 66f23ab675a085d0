package nl.sglzorg.meldpunt.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A URL that hears of the ticket events it asked for, signed with its own secret. */
@Entity
@Table(name = "webhook")
public class Webhook extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String url;

    /** The events wanted, as their types separated by commas. */
    @Column(nullable = false)
    String events;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WebhookFormat format;

    @Column(nullable = false)
    public boolean enabled;

    /** {@code whsec_} and the base64 key: kept so deliveries can be signed, shown once at creation. */
    @Column(nullable = false)
    String secret;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    static Webhook register(String url, Set<WebhookEvent> events, WebhookFormat format, boolean enabled,
            String secret, String createdBy, Instant now) {
        Webhook webhook = new Webhook();
        webhook.change(url, events, format, enabled);
        webhook.secret = secret;
        webhook.createdBy = createdBy;
        webhook.createdAt = now;
        return webhook;
    }

    void change(String url, Set<WebhookEvent> events, WebhookFormat format, boolean enabled) {
        this.url = url;
        this.events = events.stream().sorted().map(WebhookEvent::type).collect(Collectors.joining(","));
        this.format = format;
        this.enabled = enabled;
    }

    public Set<WebhookEvent> events() {
        return eventsOf(events);
    }

    /** The events a stored {@code events} column names, comma-separated. */
    static Set<WebhookEvent> eventsOf(String column) {
        Set<WebhookEvent> set = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(column.split(",")).map(WebhookEvent::ofType).flatMap(java.util.Optional::stream)
                .forEach(set::add);
        return set;
    }

    String secret() {
        return secret;
    }

    static List<Webhook> listById() {
        return list("order by id");
    }
}
