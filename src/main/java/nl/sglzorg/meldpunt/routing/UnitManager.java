package nl.sglzorg.meldpunt.routing;

/** A unit of SGL (team, location) and its leidinggevende, if one is registered. */
public record UnitManager(String unitCode, String unitName, String managerName, String managerEmail) {

    public boolean hasManager() {
        return managerEmail != null && !managerEmail.isBlank();
    }
}
