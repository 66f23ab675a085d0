package nl.sglzorg.meldpunt.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotFoundException;
import java.util.List;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.RequestChecks;
import nl.sglzorg.meldpunt.common.web.Versions;
import nl.sglzorg.meldpunt.common.web.Violations;
import nl.sglzorg.meldpunt.routing.DirectoryCodes;

/** The units of SGL and their managers, as communicatie keeps them through the API and the staff desk. */
@ApplicationScoped
public class UnitService {

    /** A unit after a write, and whether the write created it. */
    public record SavedUnit(UnitView unit, boolean created) {
    }

    @Inject
    Validator validator;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UnitView> list() {
        return Unit.listByCode().stream().map(UnitView::of).toList();
    }

    /** One unit, or {@link NotFoundException}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public UnitView get(String code) {
        Unit unit = Unit.findById(code);
        if (unit == null) {
            throw new NotFoundException();
        }
        return UnitView.of(unit);
    }

    /** Adds a unit; its code must be new. */
    @Transactional
    public UnitView create(UnitRequest request) {
        Violations violations = RequestChecks.of(validator, request);
        if (request.code() == null) {
            violations.add("code", "verplicht");
        }
        violations.throwIfAny();
        if (Unit.findById(request.code()) != null) {
            throw new ConflictException("Eenheid " + request.code() + " bestaat al; wijzig haar met PUT.");
        }
        Unit unit = new Unit();
        unit.code = request.code();
        apply(unit, request);
        unit.persistAndFlush();
        return UnitView.of(unit);
    }

    /** Writes the unit {@code code}, creating it when new; {@code ifMatch} is the version the editor saw. */
    @Transactional
    public SavedUnit put(String code, String ifMatch, UnitRequest request) {
        DirectoryCodes.requireValid("code", code);
        RequestChecks.of(validator, request).throwIfAny();
        if (request.code() != null && !request.code().equals(code)) {
            throw new InvalidInputException("code", "wijkt af van de code in het pad");
        }
        Unit unit = Unit.findById(code);
        boolean created = unit == null;
        if (created) {
            unit = new Unit();
            unit.code = code;
        } else {
            Versions.checkIfMatch(ifMatch, unit.version);
        }
        apply(unit, request);
        unit.persistAndFlush();
        return new SavedUnit(UnitView.of(unit), created);
    }

    private static void apply(Unit unit, UnitRequest request) {
        unit.name = request.name().strip();
        unit.region = Text.blankToNull(request.region());
        unit.managerName = Text.blankToNull(request.managerName());
        unit.managerEmail = Text.blankToNull(request.managerEmail());
    }
}
