package org.fugong;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fugong.healthcode.internal.SmsGateway;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The text messages the application sent, kept for the tests to read instead of being sent. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSms {

    /** One text: the phone it went to and the one-time code in it. */
    public record Sent(String phone, String code) {}

    /** What was sent, oldest first. */
    public static final class Outbox implements SmsGateway {
        private final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void sendCode(String phone, String code) {
            sent.add(new Sent(phone, code));
        }

        public List<Sent> to(String phone) {
            return sent.stream().filter(s -> s.phone().equals(phone)).toList();
        }
    }

    @Bean
    Outbox smsOutbox() {
        return new Outbox();
    }
}
