package wslab.checks.rules;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks one of a lesson's own checks that needs nothing of the lesson's basic rule (a refused option, a
 * line printed at start): it runs whether or not the {@link BasicRule} check passed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StandsAlone {
}
