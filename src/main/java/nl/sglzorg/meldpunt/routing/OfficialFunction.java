package nl.sglzorg.meldpunt.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Topic;

/**
 * A row of the policy's accounts table ("functionaris/afdeling"): the platforms its officials may
 * answer on and the topics it owns.
 */
@Entity
@Table(name = "official_function")
public class OfficialFunction extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Convert(converter = PlatformSetConverter.class)
    @Column(name = "personal_platforms", nullable = false)
    public Set<Platform> personalPlatforms = EnumSet.noneOf(Platform.class);

    @Convert(converter = PlatformSetConverter.class)
    @Column(name = "corporate_platforms", nullable = false)
    public Set<Platform> corporatePlatforms = EnumSet.noneOf(Platform.class);

    @Convert(converter = PlatformSetConverter.class)
    @Column(name = "location_page_platforms", nullable = false)
    public Set<Platform> locationPagePlatforms = EnumSet.noneOf(Platform.class);

    @Convert(converter = PlatformSetConverter.class)
    @Column(name = "provisional_platforms", nullable = false)
    public Set<Platform> provisionalPlatforms = EnumSet.noneOf(Platform.class);

    /** A location page is opened only after an intake by communicatie. */
    @Column(name = "location_page_after_intake", nullable = false)
    public boolean locationPageAfterIntake;

    @Convert(converter = TopicSetConverter.class)
    @Column(nullable = false)
    public Set<Topic> topics = EnumSet.noneOf(Topic.class);

    /** The manager a ticket of this function escalates to when the reporter's unit has none. */
    @Column(name = "escalation_manager_name")
    public String escalationManagerName;

    @Column(name = "escalation_manager_email")
    public String escalationManagerEmail;

    @Version
    public long version;

    /** Where the row stands in the published table. */
    @Column(nullable = false)
    public int position;

    public static List<OfficialFunction> listInTableOrder() {
        return list("order by position, code");
    }

    FunctionEntry toEntry(List<ContactEntry> contacts) {
        return new FunctionEntry(code, name, personalPlatforms, corporatePlatforms, locationPagePlatforms,
                provisionalPlatforms, topics, contacts);
    }
}
