package org.fugong.tickets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fugong.IntegrationTest;
import org.fugong.tickets.TicketUnits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/** With a mail server configured, a unit's head gets its reminder notices by mail, after the change commits. */
class NotificationMailTests extends IntegrationTest {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    TicketUnits units;

    @Test
    void aReminderNoticeIsMailedToTheHeadOnceCommittedAndNotWhenRolledBack() {
        List<SimpleMailMessage> sent = new ArrayList<>();
        JavaMailSender sender = new JavaMailSenderImpl() {
            @Override
            public void send(SimpleMailMessage... messages) {
                sent.addAll(List.of(messages));
            }
        };
        var provider = new StaticListableBeanFactory(Map.of("mail", sender)).getBeanProvider(JavaMailSender.class);
        transactions.executeWithoutResult(
                s -> units.setHead(actor("city"), "DEPT-COMMERCE", "商务局局长", "head@commerce.example"));
        try {
            var notifications = new Notifications(jdbc, clock, provider, units, "desk@fugong.example");
            transactions.executeWithoutResult(s -> {
                notifications.toHeadOf("DEPT-COMMERCE", null, "#1 test", "催办单 #1 test", "催办单：#1 test 已超期");
                assertThat(sent).as("nothing is mailed before the commit").isEmpty();
            });
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).getTo()).containsExactly("head@commerce.example");
            assertThat(sent.get(0).getSubject()).isEqualTo("催办单 #1 test");
            assertThat(sent.get(0).getFrom()).isEqualTo("desk@fugong.example");
            transactions.executeWithoutResult(s -> {
                notifications.toUnit("DEPT-COMMERCE", null, "ASSIGNED", "#2 rolled back");
                s.setRollbackOnly();
            });
            assertThat(sent).hasSize(1);
        } finally {
            transactions.executeWithoutResult(s -> units.setHead(actor("city"), "DEPT-COMMERCE", "局长", null));
        }
    }
}
