package nl.sglzorg.meldpunt.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Provider groups to Meldpunt roles, as meldpunt.oidc.groups writes them. Plain JUnit. */
class GroupMappingsTest {

    private static final GroupMappings MAPPINGS = GroupMappings.parse(List.of(
            "sgl-communicatie=communicatie",
            " 6f1c2a3e-0000-4000-8000-000000000001 = functionaris:HR_REPRESENTATIVE ",
            "sgl-zorgbemiddeling=functionaris:CARE_BROKER",
            "/sgl/managers/parkstad=leidinggevende:ZORG-PARKSTAD",
            "sgl-managers=leidinggevende"));

    @Test
    void shouldGiveTheRolesOfEveryMappedGroup() {
        assertEquals(new GroupMappings.Grant(Set.of("communicatie"), null, null),
                MAPPINGS.grant(Set.of("sgl-communicatie", "everyone"), null));
        assertEquals(new GroupMappings.Grant(Set.of("functionaris"), "HR_REPRESENTATIVE", null),
                MAPPINGS.grant(Set.of("6f1c2a3e-0000-4000-8000-000000000001"), null));
        assertEquals(new GroupMappings.Grant(Set.of("communicatie", "leidinggevende"), null, "ZORG-PARKSTAD"),
                MAPPINGS.grant(Set.of("sgl-communicatie", "/sgl/managers/parkstad"), "ELDERS"));
    }

    @Test
    void shouldLetTheFirstEntryDecideTheFunctionAndTheUnit() {
        assertEquals(new GroupMappings.Grant(Set.of("functionaris"), "HR_REPRESENTATIVE", null),
                MAPPINGS.grant(Set.of("sgl-zorgbemiddeling", "6f1c2a3e-0000-4000-8000-000000000001"), null));
        assertEquals("ZORG-PARKSTAD", MAPPINGS.grant(Set.of("sgl-managers", "/sgl/managers/parkstad"), "ELDERS").unit());
    }

    @Test
    void shouldTakeTheUnitFromTheClaimWhenTheGroupNamesNone() {
        assertEquals(new GroupMappings.Grant(Set.of("leidinggevende"), null, "ZORG-HEERLEN"),
                MAPPINGS.grant(Set.of("sgl-managers"), " ZORG-HEERLEN "));
        // Without a unit there is nobody to manage: no leidinggevende.
        assertTrue(MAPPINGS.grant(Set.of("sgl-managers"), null).isEmpty());
        assertTrue(MAPPINGS.grant(Set.of("sgl-managers"), " ").isEmpty());
    }

    @Test
    void shouldGiveNothingForGroupsThatAreNotMapped() {
        assertTrue(MAPPINGS.grant(Set.of("sgl-iedereen", "SGL-COMMUNICATIE"), "ZORG-PARKSTAD").isEmpty());
        assertTrue(MAPPINGS.grant(Set.of(), null).isEmpty());
        assertTrue(GroupMappings.parse(List.of()).grant(Set.of("sgl-communicatie"), null).isEmpty());
    }

    @Test
    void shouldRefuseAnEntryThatCannotBeApplied() {
        for (String entry : List.of("sgl-communicatie", "=communicatie", "sgl=beheerder", "sgl=functionaris",
                "sgl=functionaris:", "sgl=communicatie:ZORG-PARKSTAD")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> GroupMappings.parse(List.of(entry)), entry);
            assertTrue(refused.getMessage().contains(entry), refused.getMessage());
        }
    }
}
