package wslab.checks.rules;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the check that proves a lesson's basic rule (the echo comes back, the message is printed). It
 * runs first; until it passes, every other check of the lesson, its own and those it inherits, stops at
 * once with "cannot check until ... works" instead of waiting out its limits on a server that does not
 * answer. Only the class that declares the lesson's own checks counts: in a lesson that builds on
 * another, the earlier lesson's basic check is one of the checks that wait for the new one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BasicRule {
}
