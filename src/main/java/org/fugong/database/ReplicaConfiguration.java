package org.fugong.database;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** A reporting replica configured by address ({@code fugong.replica.url}); its credentials default to the primary's. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("fugong.replica.url")
class ReplicaConfiguration {

    @Bean
    ReplicaConnection configuredReplica(Environment environment) {
        return new ReplicaConnection(
                environment.getRequiredProperty("fugong.replica.url"),
                environment.getProperty(
                        "fugong.replica.username", environment.getProperty("spring.datasource.username", "")),
                environment.getProperty(
                        "fugong.replica.password", environment.getProperty("spring.datasource.password", "")));
    }
}
