package nl.sglzorg.meldpunt.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.List;
import nl.sglzorg.meldpunt.routing.UnitManager;

/** An organisational unit of SGL (team, location) and its leidinggevende. */
@Entity
@Table(name = "unit")
public class Unit extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    public String region;

    @Column(name = "manager_name")
    public String managerName;

    @Column(name = "manager_email")
    public String managerEmail;

    @Version
    public long version;

    public static List<Unit> listByCode() {
        return list("order by code");
    }

    public UnitManager toUnitManager() {
        return new UnitManager(code, name, managerName, managerEmail);
    }
}
