package org.fugong.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;
import java.util.Random;
import org.fugong.IntegrationTest;
import org.fugong.TestSms;
import org.fugong.access.Scope;
import org.fugong.accounts.internal.EnterpriseSignUps;
import org.fugong.accounts.internal.UserAccount;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.NewEnterprise;
import org.fugong.enterprises.UnifiedSocialCreditCode;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.RefusedChangeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** An enterprise signs up; its district, and only its district, verifies it before it can sign in. */
class SignUpTests extends IntegrationTest {

    @Autowired
    UserAdministration administration;

    @Autowired
    EnterpriseSignUps signUps;

    @Autowired
    EnterpriseDirectory directory;

    @Autowired
    TestSms.Outbox sms;

    @Test
    void anEnterpriseSignsUpAndItsDistrictVerifiesIt() throws Exception {
        String uscc = registered("330203");
        var response = mvc.post()
                .uri("/signup")
                .with(csrf())
                .with(from("198.51.100.20"))
                .param("uscc", uscc.toLowerCase())
                .param("contactName", "周敏")
                .param("contactPhone", "138 0574 5678")
                .param("username", "zhoumin-" + uscc.substring(12).toLowerCase())
                .param("password", "return-to-work")
                .param("passwordConfirmation", "return-to-work")
                .exchange()
                .getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login");
        String username = "zhoumin-" + uscc.substring(12).toLowerCase();
        assertThat(sms.to("13805745678"))
                .last()
                .satisfies(t ->
                        assertThat(t.text()).contains("\"" + username + "\"").contains("测试注册企业"));
        UserAccount account = administration
                .page(Scope.city(), username, null, null, 1)
                .items()
                .get(0);
        assertThat(account.isPending()).isTrue();
        assertThat(account.isEnabled()).isFalse();
        assertThat(account.getContactPhone()).isEqualTo("13805745678");
        assertThat(account.getEnterpriseId())
                .isEqualTo(directory.findByUscc(uscc).orElseThrow().id());

        // It cannot sign in yet, and is told why.
        assertThat(new Browser(mvc).login(username, "return-to-work").getRedirectedUrl())
                .isEqualTo("/login?error=pending");

        // Jiangbei does not see it and cannot verify it; Haishu sees it waiting.
        assertThat(signUps.pending(Scope.district("330205")))
                .extracting(UserAccount::getId)
                .doesNotContain(account.getId());
        assertThat(signUps.pending(Scope.district("330203")))
                .extracting(UserAccount::getId)
                .contains(account.getId());
        assertThatThrownBy(() -> signUps.verify(
                        actor("jiangbei"), Scope.district("330205"), account.getId(), account.getVersion()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(mvc.get()
                        .uri("/admin/users")
                        .with(as("haishu"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("data-test=\"pending-signups\"")
                .contains(username);
        // Enabling by hand is not a way round verification.
        assertThatThrownBy(() -> administration.enable(Scope.district("330203"), account.getId(), account.getVersion()))
                .isInstanceOf(RefusedChangeException.class);

        signUps.verify(actor("haishu"), Scope.district("330203"), account.getId(), account.getVersion());
        assertThat(new Browser(mvc).login(username, "return-to-work").getRedirectedUrl())
                .isEqualTo("/");
        assertThat(jdbc.sql(
                                "select count(*) from audit_event where entity_id = ? and action in ('ENTERPRISE_SIGNED_UP', 'ENTERPRISE_ACCOUNT_VERIFIED')")
                        .param(account.getId().toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        // A second person of the same enterprise signs up for an account of their own.
        assertThat(signUps.signUp(
                        new EnterpriseSignUps.SignUp(
                                uscc,
                                "吴刚",
                                "13905741234",
                                "wugang-" + uscc.substring(12).toLowerCase(),
                                "another-password"),
                        "198.51.100.20"))
                .isPresent();
        assertThat(jdbc.sql("select count(*) from account_user where enterprise_id = ?")
                        .param(account.getEnterpriseId())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aRefusedSignUpNeverOpens() throws Exception {
        String uscc = registered("330203");
        UserAccount account = signUps.signUp(
                        new EnterpriseSignUps.SignUp(
                                uscc,
                                "孙丽",
                                "13957412345",
                                "sunli-" + uscc.substring(12).toLowerCase(),
                                "return-to-work"),
                        "198.51.100.21")
                .orElseThrow();
        assertThatThrownBy(() -> signUps.refuse(
                        actor("haishu"), Scope.district("330203"), account.getId(), account.getVersion(), " "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("accounts.error.refuseReason"));
        signUps.refuse(
                actor("haishu"), Scope.district("330203"), account.getId(), account.getVersion(), "Not an employee");
        UserAccount refused = administration.find(Scope.city(), account.getId());
        assertThat(refused.getVerification()).isEqualTo("REFUSED");
        assertThat(new Browser(mvc)
                        .login(refused.getUsername(), "return-to-work")
                        .getRedirectedUrl())
                .isEqualTo("/login?error=disabled");
    }

    private MockHttpServletResponse post(String address, String language, String uscc, String phone, String username) {
        return signUp(address, language, uscc, phone, username).getResponse();
    }

    private MvcTestResult signUp(String address, String language, String uscc, String phone, String username) {
        return mvc.post()
                .uri("/signup?lang=" + language)
                .with(csrf())
                .with(from(address))
                .param("uscc", uscc)
                .param("contactName", "周敏")
                .param("contactPhone", phone)
                .param("username", username)
                .param("password", "return-to-work")
                .param("passwordConfirmation", "return-to-work")
                .exchange();
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void theFormExplainsItsOwnMistakesAndSavesNothing() throws Exception {
        long before =
                jdbc.sql("select count(*) from account_user").query(Long.class).single();
        String registered = registered("330203");
        assertThat(post("198.51.100.30", "en", registered, "12345", "someone-new")
                        .getContentAsString())
                .contains("Give a mobile number");
        // A landline cannot receive the outcome.
        assertThat(post("198.51.100.30", "en", registered, "0574-87001234", "someone-new")
                        .getContentAsString())
                .contains("Give a mobile number");
        String page = mvc.post()
                .uri("/signup?lang=en")
                .with(csrf())
                .with(from("198.51.100.30"))
                .param("uscc", registered)
                .param("contactName", "周敏")
                .param("contactPhone", "13805745678")
                .param("username", "someone-new")
                .param("password", "return-to-work")
                .param("passwordConfirmation", "return-to-walk")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("The two new passwords differ");
        assertThat(post("198.51.100.30", "zh-CN", "91330203ABC", "13805745678", "someone-new")
                        .getContentAsString())
                .contains("统一社会信用代码无效");
        assertThat(jdbc.sql("select count(*) from account_user")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    /** The page answers the same for an unknown credit code, a taken name and a real sign-up; only the phone learns which. */
    @Test
    void thePageNeverTellsWhetherACreditCodeIsRegisteredOrANameTaken() throws Exception {
        long before =
                jdbc.sql("select count(*) from account_user").query(Long.class).single();
        String unknown = UnifiedSocialCreditCode.randomCompany("330203", new Random());
        var unregistered = signUp("198.51.100.31", "en", unknown, "13800000031", "someone-else");
        String registered = registered("330203");
        var taken = signUp("198.51.100.32", "en", registered, "13800000032", "city");
        for (var result : List.of(unregistered, taken)) {
            assertThat(result.getResponse().getStatus()).isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/login");
            assertThat(result.getMvcResult().getFlashMap().get("success")).isEqualTo("signup.received");
        }
        assertThat(jdbc.sql("select count(*) from account_user")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(sms.to("13800000031"))
                .singleElement()
                .satisfies(
                        t -> assertThat(t.text()).contains(unknown).contains("not in the city's enterprise registry"));
        assertThat(sms.to("13800000032"))
                .singleElement()
                .satisfies(t -> assertThat(t.text()).contains("\"city\" is taken"));
        var made = signUp("198.51.100.33", "zh-CN", registered, "13800000033", "someone-else");
        assertThat(made.getResponse().getRedirectedUrl()).isEqualTo("/login");
        assertThat(made.getMvcResult().getFlashMap().get("success")).isEqualTo("signup.received");
        assertThat(sms.to("13800000033"))
                .singleElement()
                .satisfies(t -> assertThat(t.text()).contains("注册申请已收到"));
    }

    @Test
    void anAddressOrAMobileNumberMayAskOnlyAFewTimes() throws Exception {
        String unknown = UnifiedSocialCreditCode.randomCompany("330203", new Random());
        // Three requests a day for one number, from anywhere; the fourth is refused.
        for (int i = 0; i < EnterpriseSignUps.PER_PHONE; i++) {
            assertThat(post("198.51.100." + (40 + i), "en", unknown, "13800000040", "probe-" + i)
                            .getStatus())
                    .isEqualTo(302);
        }
        var refused = post("198.51.100.49", "zh-CN", unknown, "13800000040", "probe-x");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("注册申请过多");
        assertThat(sms.to("13800000040")).hasSize(EnterpriseSignUps.PER_PHONE);
        // Ten requests an hour from one address, whatever the numbers; another address is not held.
        for (int i = 0; i < EnterpriseSignUps.PER_ADDRESS; i++) {
            assertThat(post("198.51.100.50", "en", unknown, "1380000" + (1000 + i), "probe-" + i)
                            .getStatus())
                    .isEqualTo(302);
        }
        assertThat(post("198.51.100.50", "en", unknown, "13800002000", "probe-y")
                        .getContentAsString())
                .contains("Too many sign-up requests");
        assertThat(post("198.51.100.51", "en", unknown, "13800002000", "probe-y")
                        .getStatus())
                .isEqualTo(302);
    }

    private String registered(String district) {
        String uscc = UnifiedSocialCreditCode.randomCompany(district, new Random());
        directory.registerAll(List.of(new NewEnterprise(
                uscc,
                "测试注册企业" + uscc.substring(12),
                "周敏",
                district,
                null,
                IndustrySection.C,
                EnterpriseSize.SMALL,
                false,
                30)));
        return uscc;
    }
}
