package nl.sglzorg.meldpunt.directory;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The first user's password from the environment obeys the password policy, or Meldpunt does not start. */
class AdminPasswordTest {

    @ParameterizedTest
    @ValueSource(strings = {"kort", "elf-tekens!", "CHANGE-ME-at-least-twelve-characters", "change-me-please-now",
            "ééééééééééééééééééééééééééééééééééééé"})
    void shouldRefuseToStartWithAWeakOrTemplatePassword(String password) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> AdminBootstrap.checkAdminPassword(Optional.of(password)));
        assertTrue(refused.getMessage().startsWith("MELDPUNT_ADMIN_PASSWORD "), refused.getMessage());
        assertFalse(refused.getMessage().contains(password), "the message never repeats the password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"twaalf-tekens", "een-lang-wachtwoord-123", "correct horse battery staple"})
    void shouldStartWithAPasswordThatObeysThePolicy(String password) {
        assertDoesNotThrow(() -> AdminBootstrap.checkAdminPassword(Optional.of(password)));
    }

    @Test
    void shouldStartWithoutAPasswordAndGenerateOne() {
        assertDoesNotThrow(() -> AdminBootstrap.checkAdminPassword(Optional.empty()));
        assertDoesNotThrow(() -> AdminBootstrap.checkAdminPassword(Optional.of("  ")));
    }
}
