package org.fugong.healthcode.internal;

import org.fugong.healthcode.ResidentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without an SMS provider, codes are not sent but logged, with the phone number masked (in demo mode
 * the page shows the code as well). A provider is plugged in as another {@link SmsGateway} bean.
 */
@Configuration(proxyBeanMethods = false)
class LoggingSmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    @Bean
    @ConditionalOnMissingBean(SmsGateway.class)
    SmsGateway smsGateway() {
        return (phone, code) ->
                log.info("One-time code {} for {} (no SMS provider configured)", code, ResidentId.maskPhone(phone));
    }
}
