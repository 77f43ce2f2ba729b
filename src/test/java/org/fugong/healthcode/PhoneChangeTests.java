package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.fugong.IntegrationTest;
import org.fugong.TestSms;
import org.fugong.healthcode.internal.Identification;
import org.fugong.healthcode.internal.PhoneChanges;
import org.fugong.shell.RefusedChangeException;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** A new phone is a request the health bureau decides, never an overwrite. */
class PhoneChangeTests extends IntegrationTest {

    @Autowired
    PhoneChanges changes;

    @Autowired
    Identification identification;

    @Autowired
    Persons persons;

    @Autowired
    TestSms.Outbox sms;

    @Test
    void anApprovedRequestRebindsTheCodeToTheNewPhone() throws Exception {
        String id = HealthCodeTests.residentId(new Random());
        persons.identify(id, "韦小宝", "13900001111");
        long mark = auditMark();
        changes.request(id, "韦小宝", "13900002222", "Lost my phone", "10.9.0.1");
        var pending = changes.pending().stream()
                .filter(r -> r.maskedNewPhone().equals("139****2222"))
                .toList();
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).maskedOldPhone()).isEqualTo("139****1111");
        // The bureau's desk shows it with its decision form.
        var desk = Jsoup.parse(mvc.get()
                        .uri("/health?lang=en")
                        .with(as("health"))
                        .exchange()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .select("[data-test=phone-changes] form[action$="
                        + pending.get(0).id() + "]");
        assertThat(desk).hasSize(1);
        assertThat(desk.select("button[name=approve]").eachAttr("value")).containsExactly("true", "false");
        // Until the bureau decides, codes still go to the bound phone.
        identification.start(id, "韦小宝", "13900002222", "10.9.0.2");
        assertThat(sms.to("13900002222")).isEmpty();
        assertThat(sms.to("13900001111")).hasSize(1);

        assertThatThrownBy(() -> changes.decide(actor("labour"), pending.get(0).id(), true, "called"))
                .isInstanceOf(AccessDeniedException.class);
        changes.decide(actor("health"), pending.get(0).id(), true, "Called the person, asked the birth date");
        assertThatThrownBy(() -> changes.decide(actor("health"), pending.get(0).id(), false, "again"))
                .isInstanceOf(RefusedChangeException.class);
        assertThat(auditSince(mark, "PHONE_CHANGE_REQUESTED")).hasSize(1);
        assertThat(auditSince(mark, "PHONE_CHANGE_APPROVED")).hasSize(1);

        identification.start(id, "韦小宝", "13900002222", "10.9.0.3");
        assertThat(sms.to("13900002222")).hasSize(1);
        assertThat(persons.findByIdNumber(id).orElseThrow().maskedPhone()).isEqualTo("139****2222");
    }

    @Test
    void aRequestWithAnotherNameIsNotStoredAndAnswersTheSame() {
        String id = HealthCodeTests.residentId(new Random());
        persons.identify(id, "段誉", "13900003333");
        int before = changes.pending().size();
        changes.request(id, "王语嫣", "13900004444", "Take over", "10.9.0.4");
        changes.request(HealthCodeTests.residentId(new Random()), "王语嫣", "13900004444", "Unknown", "10.9.0.4");
        assertThat(changes.pending()).hasSize(before);
        assertThat(persons.findByIdNumber(id).orElseThrow().maskedPhone()).isEqualTo("139****3333");
    }
}
