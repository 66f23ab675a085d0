package bench.baseline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One received signal: the row the baseline writes per request. */
@Entity
@Table(name = "signal")
public class Signal extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 40)
    public String category;

    @Column(nullable = false, length = 20)
    public String platform;

    @Column(length = 20)
    public String topic;

    @Column(length = 2048)
    public String url;

    @Column(nullable = false, length = 5000)
    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
