package dev.leakproof;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A test of behaviour: what the code does, leak or no leak. It passes on a lesson's wrong code and
 * on its solution alike.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag(ContractTest.TAG)
public @interface ContractTest {

    /** The JUnit tag of contract tests, for {@code -Dgroups=contract}. */
    String TAG = "contract";
}
