package org.fugong;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fugong.shell.TextMessages;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The text messages the application sent, kept for the tests to read instead of being sent. */
@TestConfiguration(proxyBeanMethods = false)
public class TestSms {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    /** One text: the phone it went to and what it said. */
    public record Sent(String phone, String text) {
        /** The one-time code in the text. */
        public String code() {
            Matcher m = CODE.matcher(text);
            if (!m.find()) {
                throw new IllegalStateException("No code in: " + text);
            }
            return m.group(1);
        }
    }

    /** What was sent, oldest first. */
    public static final class Outbox implements TextMessages {
        private final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(String phone, String text) {
            sent.add(new Sent(phone, text));
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
