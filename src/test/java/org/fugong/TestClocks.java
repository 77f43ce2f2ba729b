package org.fugong;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The application's clock in tests, which a test may move: see {@link TestClock}. */
@TestConfiguration(proxyBeanMethods = false)
class TestClocks {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }
}
