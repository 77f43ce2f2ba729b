package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.fugong.IntegrationTest;
import org.fugong.TestSms;
import org.fugong.healthcode.internal.Identification;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.LimitReachedException;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Identification as an attacker tries it: a code bound to one person and one phone, limits that
 * hold across sessions and parallel requests, answers that do not tell whether an ID is known.
 */
class IdentificationTests extends IntegrationTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final Random RANDOM = new Random();

    @Autowired
    TestSms.Outbox sms;

    @Autowired
    Identification identification;

    @Autowired
    Persons persons;

    @Test
    void anotherPhoneAndNameCannotTakeOverACode() throws Exception {
        String id = HealthCodeTests.residentId(RANDOM);
        String owner = phone();
        Browser victim = new Browser(mvc).from(address());
        assertThat(identify(victim, id, "王海燕", owner)).contains("/code/me");
        byte[] phoneBefore = stored(id, "phone_hash");
        byte[] nameBefore = stored(id, "name_cipher");

        // Another name and phone: no code is sent anywhere, whatever is typed fails.
        String attacker = phone();
        Browser thief = new Browser(mvc).from(address());
        String page = ask(thief, id, "李四", attacker);
        assertThat(page).doesNotContain("the code is");
        assertThat(sms.to(attacker)).isEmpty();
        assertThat(sms.to(owner)).hasSize(1);
        for (String guess : List.of("000000", "123456", sms.to(owner).get(0).code())) {
            var answer = thief.perform(
                    MockMvcRequestBuilders.post("/code/verify").with(csrf()).param("code", guess));
            assertThat(answer.getStatus()).isIn(422, 429);
        }
        // The right name with another phone: the code goes to the bound phone only, and is not shown.
        page = ask(thief, id, "王海燕", attacker);
        assertThat(page).doesNotContain("the code is");
        assertThat(sms.to(attacker)).isEmpty();
        assertThat(sms.to(owner)).hasSize(2);

        // Nothing of the person was shown to the thief's session, nothing stored changed.
        var me = thief.perform(MockMvcRequestBuilders.get("/code/me"));
        assertThat(me.getRedirectedUrl()).isEqualTo("/code");
        assertThat(stored(id, "phone_hash")).isEqualTo(phoneBefore);
        assertThat(stored(id, "name_cipher")).isEqualTo(nameBefore);
        // The owner still signs in with his phone.
        assertThat(identify(new Browser(mvc).from(address()), id, "王海燕", owner)).contains("/code/me");
    }

    @Test
    void theAnswerIsTheSameWhetherTheIdNumberIsKnownOrNot() throws Exception {
        String known = HealthCodeTests.residentId(RANDOM);
        identify(new Browser(mvc).from(address()), known, "周正", phone());
        String unknown = HealthCodeTests.residentId(RANDOM);
        String typed = phone();
        // Demo mode shows the code where it went to the typed phone; the comparison leaves that line out.
        String first = normalised(ask(new Browser(mvc).from(address()), known, "吴用", typed));
        String second = normalised(ask(new Browser(mvc).from(address()), unknown, "吴用", typed));
        assertThat(first).isEqualTo(second).contains(ResidentId.maskPhone(typed));
    }

    @Test
    void codesPerPhoneIdNumberAndAddressAreLimitedAcrossSessions() throws Exception {
        // One phone, new ID numbers, a new session and address each time: the sixth code is refused.
        String victim = phone();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(askStatus(new Browser(mvc).from(address()), HealthCodeTests.residentId(RANDOM), victim));
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429);
        assertThat(sms.to(victim)).hasSize(5);

        // One ID number, new phones and sessions: five codes.
        String id = HealthCodeTests.residentId(RANDOM);
        statuses.clear();
        for (int i = 0; i < 6; i++) {
            statuses.add(askStatus(new Browser(mvc).from(address()), id, phone()));
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);

        // One client address, new sessions: thirty codes an hour.
        String address = address();
        int refused = 0;
        for (int i = 0; i < 32; i++) {
            if (askStatus(new Browser(mvc).from(address), HealthCodeTests.residentId(RANDOM), phone()) == 429) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(2);
        // The next hour starts afresh.
        clock.advance(Duration.ofHours(1));
        try {
            assertThat(askStatus(new Browser(mvc).from(address), HealthCodeTests.residentId(RANDOM), phone()))
                    .isEqualTo(200);
        } finally {
            clock.reset();
        }
    }

    @Test
    void parallelGuessesCountOnceEachAndTheCodeDiesAfterFive() throws Exception {
        String typed = phone();
        var challenge = identification.start(HealthCodeTests.residentId(RANDOM), "郑和", typed, address());
        String code = sms.to(typed).get(0).code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger wrongAnswers = new AtomicInteger();
        try {
            List<Future<?>> guesses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                guesses.add(pool.submit(() -> {
                    try {
                        identification.confirm(challenge.id(), wrong);
                    } catch (InvalidInputException e) {
                        if (e.messageKey().equals("healthcode.error.code")) {
                            wrongAnswers.incrementAndGet();
                        }
                    } catch (LimitReachedException e) {
                        // counted too
                    }
                    return null;
                }));
            }
            for (Future<?> guess : guesses) {
                guess.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(wrongAnswers.get()).isEqualTo(5);
        assertThat(jdbc.sql("select attempts from health_otp where id = ?")
                        .param(challenge.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
        // The right code now comes too late.
        assertThatThrownBy(() -> identification.confirm(challenge.id(), code))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).messageKey())
                .isEqualTo("healthcode.error.codeExpired");
    }

    @Test
    void aCodeIsUsedOnceAndExpires() throws Exception {
        String typed = phone();
        var challenge = identification.start(HealthCodeTests.residentId(RANDOM), "冯唐", typed, address());
        String code = sms.to(typed).get(0).code();
        UUID person = identification.confirm(challenge.id(), code);
        assertThat(persons.maskedName(person)).contains("冯*");
        assertThatThrownBy(() -> identification.confirm(challenge.id(), code))
                .isInstanceOf(InvalidInputException.class);
        String other = phone();
        var late = identification.start(HealthCodeTests.residentId(RANDOM), "冯唐", other, address());
        clock.advance(Duration.ofMinutes(6));
        try {
            assertThatThrownBy(() -> identification.confirm(
                            late.id(), sms.to(other).get(0).code()))
                    .isInstanceOf(InvalidInputException.class);
        } finally {
            clock.reset();
        }
    }

    @Test
    void longMinorityNamesWithTheMiddleDotAreAccepted() throws Exception {
        String id = HealthCodeTests.residentId(RANDOM);
        // 30 characters, the parts joined by a bullet that is stored as the middle dot.
        String name = "阿卜杜热合曼•艾则孜•买买提明•吐尔逊•阿不都克力木•艾力江";
        String typed = phone();
        assertThat(identify(new Browser(mvc).from(address()), id, name, typed)).contains("/code/me");
        var person = persons.findByIdNumber(id).orElseThrow();
        assertThat(person.maskedName()).isEqualTo("阿****江");
        assertThat(ResidentId.normaliseName(name)).contains("·").doesNotContain("•");
        assertThat(ResidentId.normaliseName("Ab")).isEqualTo("Ab");
        assertThat(ResidentId.normaliseName("王".repeat(51))).isNull();
        assertThat(ResidentId.normaliseName("王<script>")).isNull();
        assertThat(ResidentId.normaliseName("·王海")).isNull();
    }

    @Test
    void theSessionIdIsRenewedAtIdentification() throws Exception {
        Browser browser = new Browser(mvc).from(address());
        String typed = phone();
        ask(browser, HealthCodeTests.residentId(RANDOM), "蒋干", typed);
        String before = browser.sessionCookie();
        assertThat(before).isNotNull();
        var verified = browser.perform(MockMvcRequestBuilders.post("/code/verify")
                .with(csrf())
                .param("code", sms.to(typed).get(0).code()));
        assertThat(verified.getRedirectedUrl()).isEqualTo("/code/me");
        assertThat(browser.sessionCookie()).isNotNull().isNotEqualTo(before);
        assertThat(browser.perform(MockMvcRequestBuilders.get("/code/me")).getStatus())
                .isEqualTo(200);
    }

    /** The whole identification in one session; returns where the code step sent the browser. */
    private String identify(Browser browser, String id, String name, String phone) throws Exception {
        ask(browser, id, name, phone);
        List<TestSms.Sent> sent = sms.to(phone);
        var verified = browser.perform(MockMvcRequestBuilders.post("/code/verify")
                .with(csrf())
                .param("code", sent.get(sent.size() - 1).code()));
        return String.valueOf(verified.getRedirectedUrl());
    }

    private String ask(Browser browser, String id, String name, String phone) throws Exception {
        MockHttpServletResponse response = browser.perform(MockMvcRequestBuilders.post("/code?lang=en")
                .with(csrf())
                .param("idNumber", id)
                .param("name", name)
                .param("phone", phone));
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private int askStatus(Browser browser, String id, String phone) throws Exception {
        return browser.perform(MockMvcRequestBuilders.post("/code?lang=en")
                        .with(csrf())
                        .param("idNumber", id)
                        .param("name", "测试者")
                        .param("phone", phone))
                .getStatus();
    }

    /** The page's main section without the CSRF token and the demo line. */
    private static String normalised(String page) {
        var main = Jsoup.parse(page).selectFirst("section");
        main.select("input[name=_csrf], [data-test=demo-code]").remove();
        return main.html();
    }

    private byte[] stored(String id, String column) {
        return jdbc.sql("select " + column + " from health_person where id = ?")
                .param(persons.findByIdNumber(id).orElseThrow().id())
                .query(byte[].class)
                .single();
    }

    private static String address() {
        return "10.77." + (ADDRESSES.get() / 250) + "." + (ADDRESSES.getAndIncrement() % 250 + 1);
    }

    private static String phone() {
        return "137" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }
}
