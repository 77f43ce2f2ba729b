package org.fugong.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.List;
import java.util.Random;
import org.fugong.IntegrationTest;
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
import org.springframework.security.access.AccessDeniedException;

/** An enterprise signs up; its district, and only its district, verifies it before it can sign in. */
class SignUpTests extends IntegrationTest {

    @Autowired
    UserAdministration administration;

    @Autowired
    EnterpriseSignUps signUps;

    @Autowired
    EnterpriseDirectory directory;

    @Test
    void anEnterpriseSignsUpAndItsDistrictVerifiesIt() throws Exception {
        String uscc = registered("330203");
        var response = mvc.post()
                .uri("/signup")
                .with(csrf())
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
        signUps.signUp(new EnterpriseSignUps.SignUp(
                uscc, "吴刚", "0574-87001234", "wugang-" + uscc.substring(12).toLowerCase(), "another-password"));
        assertThat(jdbc.sql("select count(*) from account_user where enterprise_id = ?")
                        .param(account.getEnterpriseId())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aRefusedSignUpNeverOpens() throws Exception {
        String uscc = registered("330203");
        UserAccount account = signUps.signUp(new EnterpriseSignUps.SignUp(
                uscc, "孙丽", "13957412345", "sunli-" + uscc.substring(12).toLowerCase(), "return-to-work"));
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

    @Test
    void theFormExplainsEachProblemAndSavesNothing() throws Exception {
        long before =
                jdbc.sql("select count(*) from account_user").query(Long.class).single();
        String unknown = UnifiedSocialCreditCode.randomCompany("330203", new Random());
        String page = mvc.post()
                .uri("/signup?lang=en")
                .with(csrf())
                .param("uscc", unknown)
                .param("contactName", "周敏")
                .param("contactPhone", "12345")
                .param("username", "someone-new")
                .param("password", "return-to-work")
                .param("passwordConfirmation", "return-to-work")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("No enterprise of the registry has this credit code");
        String registered = registered("330203");
        page = mvc.post()
                .uri("/signup?lang=en")
                .with(csrf())
                .param("uscc", registered)
                .param("contactName", "周敏")
                .param("contactPhone", "12345")
                .param("username", "someone-new")
                .param("password", "return-to-work")
                .param("passwordConfirmation", "return-to-work")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Give a mobile number");
        page = mvc.post()
                .uri("/signup?lang=en")
                .with(csrf())
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
        page = mvc.post()
                .uri("/signup?lang=zh-CN")
                .with(csrf())
                .param("uscc", "91330203ABC")
                .param("contactName", "周敏")
                .param("contactPhone", "13805745678")
                .param("username", "someone-new")
                .param("password", "return-to-work")
                .param("passwordConfirmation", "return-to-work")
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("统一社会信用代码无效");
        assertThat(jdbc.sql("select count(*) from account_user")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
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
