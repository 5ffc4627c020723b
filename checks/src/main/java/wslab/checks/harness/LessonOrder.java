package wslab.checks.harness;

import java.util.Comparator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;

/**
 * The order of a lesson's checks: by {@link org.junit.jupiter.api.Order}, as {@link MethodOrderer.OrderAnnotation}
 * does, but the lesson's {@link BasicRule} check first, since the others wait for it.
 */
public final class LessonOrder extends MethodOrderer.OrderAnnotation {

    @Override
    public void orderMethods(MethodOrdererContext context) {
        super.orderMethods(context);
        Class<?> own = LessonExtension.ownRules(context.getTestClass());
        context.getMethodDescriptors().sort(
                Comparator.comparingInt((MethodDescriptor m) -> LessonExtension.isBasic(m.getMethod(), own) ? 0 : 1));
    }
}
