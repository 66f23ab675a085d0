package nl.sglzorg.meldpunt.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import nl.sglzorg.meldpunt.routing.OfficialFunction;

/** The names behind a staff member's function and unit, for "Mijn account". */
@ApplicationScoped
public class AccountDetails {

    /** {@code function} and {@code unit} are names, or {@code null} when the account has none. */
    public record Details(String function, String unit) {
    }

    @Transactional
    public Details of(StaffMember member) {
        OfficialFunction function = member.function() == null ? null : OfficialFunction.findById(member.function());
        Unit unit = member.unit() == null ? null : Unit.findById(member.unit());
        return new Details(function == null ? member.function() : function.name,
                unit == null ? member.unit() : unit.name);
    }
}
