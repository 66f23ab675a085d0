package nl.sglzorg.meldpunt.directory;

/** A unit as the API shows it to staff. */
public record UnitView(String code, String name, String region, String managerName, String managerEmail,
        long version) {

    static UnitView of(Unit unit) {
        return new UnitView(unit.code, unit.name, unit.region, unit.managerName, unit.managerEmail, unit.version);
    }
}
