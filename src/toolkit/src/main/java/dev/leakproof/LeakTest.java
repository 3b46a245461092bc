package dev.leakproof;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A test that exposes a leak: it fails on a lesson's wrong code through a {@link LeakAssertionError}
 * and passes on the solution.
 *
 * <p>Leak tests hold JUnit's global lock, so they never run beside another test even when parallel
 * execution is on: other tests' threads, files and garbage would blur their readings. They get a
 * time-out, so a leak shows as a failure and never as a hung build.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@Tag(LeakTest.TAG)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(LeakTestExtension.class)
public @interface LeakTest {

    /** The JUnit tag of leak tests, for {@code -Dgroups=leak}. */
    String TAG = "leak";
}
