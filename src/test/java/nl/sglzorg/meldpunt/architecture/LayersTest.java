package nl.sglzorg.meldpunt.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The packages depend one way, each only on those below it (docs/design.md, "The layers"). A lower
 * package that needs something from a higher one fires a CDI event the higher one observes, or is
 * called from above; it never imports it. Only main code is checked: tests may reach across.
 */
class LayersTest {

    private static final String ROOT = "nl.sglzorg.meldpunt.";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("nl.sglzorg.meldpunt");

    static final ArchRule PACKAGES_DEPEND_ONE_WAY = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("kernel").definedBy(ROOT + "kernel..")
            .layer("common").definedBy(ROOT + "common..")
            .layer("routing").definedBy(ROOT + "routing..")
            .layer("directory").definedBy(ROOT + "directory..")
            .layer("ticket").definedBy(ROOT + "ticket..")
            .layer("notification").definedBy(ROOT + "notification..")
            .layer("webhook").definedBy(ROOT + "webhook..")
            .layer("evidence").definedBy(ROOT + "evidence..")
            .layer("privacy").definedBy(ROOT + "privacy..")
            .layer("escalation").definedBy(ROOT + "escalation..")
            .layer("intake").definedBy(ROOT + "intake..")
            .layer("inbox").definedBy(ROOT + "inbox..")
            .layer("web").definedBy(ROOT + "web..")

            .whereLayer("kernel").mayNotAccessAnyLayer()
            .whereLayer("common").mayOnlyAccessLayers("kernel")
            .whereLayer("routing").mayOnlyAccessLayers("kernel", "common")
            .whereLayer("directory").mayOnlyAccessLayers("kernel", "common", "routing")
            .whereLayer("ticket").mayOnlyAccessLayers("kernel", "common", "routing", "directory")
            // The services that react to tickets; among themselves one way as well.
            .whereLayer("notification").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket")
            .whereLayer("webhook").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket")
            .whereLayer("evidence").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket")
            .whereLayer("privacy").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket",
                    "notification", "evidence")
            .whereLayer("escalation").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket",
                    "notification", "webhook")
            .whereLayer("intake").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket",
                    "notification", "webhook")
            // E-mail in: files through intake and evidence as the pages do.
            .whereLayer("inbox").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket",
                    "notification", "evidence", "intake")
            .whereLayer("web").mayOnlyAccessLayers("kernel", "common", "routing", "directory", "ticket",
                    "notification", "webhook", "evidence", "privacy", "escalation", "intake", "inbox");

    static final ArchRule NO_TWO_PACKAGES_DEPEND_ON_EACH_OTHER = slices().matching(ROOT + "(*)..").should()
            .beFreeOfCycles();

    static final ArchRule KERNEL_IS_PLAIN_JAVA = noClasses().that().resideInAPackage(ROOT + "kernel..").should()
            .dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "jakarta.enterprise..",
                    "jakarta.inject..", "jakarta.transaction..", "io.quarkus..", "org.hibernate..")
            .because("the shared vocabulary is plain Java: no JPA, no CDI, no Quarkus");

    @Test
    void shouldLetEachPackageUseOnlyThoseBelowIt() {
        PACKAGES_DEPEND_ONE_WAY.check(MAIN);
    }

    @Test
    void shouldHaveNoTwoPackagesThatDependOnEachOther() {
        NO_TWO_PACKAGES_DEPEND_ON_EACH_OTHER.check(MAIN);
    }

    @Test
    void shouldKeepTheVocabularyFreeOfJpaCdiAndQuarkus() {
        KERNEL_IS_PLAIN_JAVA.check(MAIN);
    }
}
