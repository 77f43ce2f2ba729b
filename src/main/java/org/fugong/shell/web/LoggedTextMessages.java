package org.fugong.shell.web;

import org.fugong.shell.TextMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Without an SMS provider, texts are not sent but logged, the phone masked. */
@Configuration(proxyBeanMethods = false)
class LoggedTextMessages {

    private static final Logger log = LoggerFactory.getLogger(LoggedTextMessages.class);

    @Bean
    @ConditionalOnMissingBean(TextMessages.class)
    TextMessages textMessages() {
        return (mobile, text) ->
                log.info("Text for {} (no SMS provider configured): {}", TextMessages.mask(mobile), text);
    }
}
