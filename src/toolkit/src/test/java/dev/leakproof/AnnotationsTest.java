package dev.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@DisplayName("@ContractTest and @LeakTest")
class AnnotationsTest {

    @Test
    @DisplayName("a contract test is a JUnit test tagged 'contract'")
    void contractTest() {
        assertThat(ContractTest.class.getAnnotation(Test.class)).isNotNull();
        assertThat(ContractTest.class.getAnnotation(Tag.class).value()).isEqualTo("contract");
    }

    @Test
    @DisplayName("a leak test is a JUnit test tagged 'leak' that holds the global lock, so it never runs beside another test")
    void leakTest() {
        assertThat(LeakTest.class.getAnnotation(Test.class)).isNotNull();
        assertThat(LeakTest.class.getAnnotation(Tag.class).value()).isEqualTo("leak");
        ResourceLock lock = LeakTest.class.getAnnotation(ResourceLock.class);
        assertThat(lock.value()).isEqualTo(Resources.GLOBAL);
        assertThat(lock.mode()).isEqualTo(ResourceAccessMode.READ_WRITE);
        assertThat(LeakTest.class.getAnnotation(Timeout.class)).isNotNull();
        assertThat(LeakTest.class.getAnnotation(ExtendWith.class).value()).containsExactly(LeakTestExtension.class);
    }
}
