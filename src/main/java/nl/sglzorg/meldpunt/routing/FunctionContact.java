package nl.sglzorg.meldpunt.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.List;

/** A named official of a function: a regional manager with a region, an activity centre with a page. */
@Entity
@Table(name = "function_contact")
public class FunctionContact extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "function_code", nullable = false)
    public String functionCode;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    public String region;

    @Column(name = "activity_centre")
    public String activityCentre;

    @Column(name = "location_page", nullable = false)
    public boolean locationPage;

    @Version
    public long version;

    public static List<FunctionContact> listByFunction(String functionCode) {
        return list("functionCode = ?1 order by id", functionCode);
    }

    ContactEntry toEntry() {
        return new ContactEntry(id, name, email, region, activityCentre, locationPage);
    }
}
