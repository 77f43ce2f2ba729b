package org.fugong.healthcode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Without an SMS provider, codes are not sent: the log says one was made for a masked number (the
 * code itself is shown on the page only in demo mode).
 */
@Configuration(proxyBeanMethods = false)
class LoggingSmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    @Bean
    @ConditionalOnMissingBean(SmsGateway.class)
    SmsGateway smsGateway() {
        return (phone, code) -> log.info("One-time code for {} made (no SMS provider configured)", ResidentId.maskPhone(phone));
    }
}
