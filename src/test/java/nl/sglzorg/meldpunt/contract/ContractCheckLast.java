package nl.sglzorg.meldpunt.contract;

import io.quarkus.test.junit.util.QuarkusTestProfileAwareClassOrderer;
import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Quarkus's own test class order, with {@link ResponseCodeContractTest} moved to the end: it checks
 * the status codes the whole run has seen, so every other test must have run before it. Set as
 * {@code quarkus.test.class-orderer}.
 */
public class ContractCheckLast implements ClassOrderer {

    private final ClassOrderer quarkusOrder = new QuarkusTestProfileAwareClassOrderer();

    @Override
    public void orderClasses(ClassOrdererContext context) {
        quarkusOrder.orderClasses(context);
        // A stable sort: everything else keeps Quarkus's order.
        context.getClassDescriptors().sort(Comparator.comparing(ContractCheckLast::isContractCheck));
    }

    private static boolean isContractCheck(ClassDescriptor descriptor) {
        return descriptor.getTestClass().getName().equals(ResponseCodeContractTest.class.getName());
    }
}
