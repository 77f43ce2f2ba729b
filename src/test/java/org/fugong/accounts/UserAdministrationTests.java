package org.fugong.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.internal.UserAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class UserAdministrationTests extends IntegrationTest {

    @Autowired
    UserAdministration administration;

    String createForm(String admin, String username, String role, String district) throws Exception {
        return mvc.perform(post("/admin/users")
                        .with(as(admin))
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("username", username)
                        .param("displayName", "Test " + username)
                        .param("role", role)
                        .param("districtCode", district)
                        .param("password", "first-password-9"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    long count(String username) {
        return jdbc.sql("select count(*) from account_user where username = ?")
                .param(username)
                .query(Long.class)
                .single();
    }

    @Test
    void districtOfficialCreatesACommissionerOfItsDistrict() throws Exception {
        var response = mvc.perform(post("/admin/users")
                        .with(as("haishu"))
                        .with(csrf())
                        .param("username", "haishu-steward-1")
                        .param("displayName", "Steward")
                        .param("role", "COMMISSIONER")
                        .param("districtCode", "330203")
                        .param("password", "first-password-9"))
                .getResponse();
        assertThat(response.getRedirectedUrl()).startsWith("/admin/users/");
        var audit = jdbc.sql(
                        "select after_state::text from audit_event where action = 'USER_CREATED' order by id desc limit 1")
                .query(String.class)
                .single();
        assertThat(audit)
                .contains("haishu-steward-1")
                .doesNotContain("password")
                .doesNotContain("{bcrypt}");
        assertThat(jdbc.sql("select actor from audit_event where action = 'USER_CREATED' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("haishu");
    }

    @Test
    void districtOfficialCannotCreateAUserInAnotherDistrict() throws Exception {
        String page = createForm("haishu", "sneaky-jiangbei", "COMMISSIONER", "330205");
        assertThat(page).contains("You can only create users of your own district.");
        assertThat(count("sneaky-jiangbei")).isZero();
    }

    @Test
    void districtOfficialCannotHandOutCityRoles() throws Exception {
        String page = createForm("haishu", "sneaky-city", "CITY_OFFICIAL", "");
        assertThat(page).contains("You cannot hand out this role.");
        assertThat(count("sneaky-city")).isZero();
    }

    @Test
    void badInputIsExplainedAtTheFieldInBothLanguages() throws Exception {
        String english = createForm("city", "X!", "COMMISSIONER", "330203");
        assertThat(english).contains("3 to 60 lower-case letters");
        String chinese = mvc.perform(post("/admin/users")
                        .with(as("city"))
                        .with(csrf())
                        .header("Accept-Language", "zh-CN")
                        .param("username", "ok-name")
                        .param("displayName", "")
                        .param("role", "COMMISSIONER")
                        .param("districtCode", "330203")
                        .param("password", "short"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(chinese).contains("必填").contains("is-invalid");
        assertThat(count("ok-name")).isZero();
    }

    @Test
    void aDuplicateUsernameIsRefused() throws Exception {
        assertThat(createForm("city", "haishu", "COMMISSIONER", "330203")).contains("This username is taken.");
    }

    @Test
    void aStaleFormIsRefusedAndChangesNothing() throws Exception {
        UUID id = newUser("stale-probe").getId();
        long version = version(id);
        assertThat(mvc.perform(post("/admin/users/" + id + "/disable")
                                .with(as("city"))
                                .with(csrf())
                                .param("version", Long.toString(version)))
                        .getResponse()
                        .getRedirectedUrl())
                .isNotNull();
        // A second official, still holding the form at the old version, tries to reset the password.
        var response = mvc.perform(post("/admin/users/" + id + "/reset-password")
                        .with(as("jiangbei"))
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("version", Long.toString(version)))
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("Someone else changed this record");
        assertThat(jdbc.sql("select must_change_password from account_user where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    @Test
    void aDisabledUserCannotSignIn() throws Exception {
        UUID id = newUser("disable-probe").getId();
        administration.disable(Scope.city(), id, version(id));
        var response = mvc.perform(post("/login")
                        .with(csrf())
                        .param("username", "disable-probe")
                        .param("password", "probe-password-1"))
                .getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?error=disabled");
    }

    @Test
    void aResetPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        UUID id = newUser("reset-probe").getId();
        String temporary = administration.resetPassword(Scope.city(), id, version(id));
        var browser = new Browser(mvc);
        assertThat(browser.login("reset-probe", temporary).getRedirectedUrl()).isEqualTo("/");
        assertThat(browser.perform(get("/")).getRedirectedUrl()).isEqualTo("/account/password");
        var changed = browser.perform(post("/account/password")
                .with(csrf())
                .param("currentPassword", temporary)
                .param("newPassword", "brand-new-pass-7")
                .param("confirmation", "brand-new-pass-7"));
        assertThat(changed.getRedirectedUrl()).isEqualTo("/");
        // Free to go on: a commissioner's home is his worklist, and his pages open.
        assertThat(browser.perform(get("/")).getRedirectedUrl()).isEqualTo("/visits");
        assertThat(browser.perform(get("/tickets")).getStatus()).isEqualTo(200);
        assertThat(new Browser(mvc).login("reset-probe", temporary).getRedirectedUrl())
                .isEqualTo("/login?error=bad");
    }

    @Test
    void districtOfficialSeesOnlyItsDistrictsUsers() throws Exception {
        String page = mvc.perform(get("/admin/users").with(as("haishu")).param("q", "jiangbei"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).doesNotContain(">jiangbei<").doesNotContain(">ent-jiangbei<");
        String own = mvc.perform(get("/admin/users").with(as("haishu")))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(own).contains(">commissioner<").contains(">ent-haishu<").doesNotContain(">city<");
    }

    private UserAccount newUser(String username) {
        jdbc.sql("delete from account_user where username = ?").param(username).update();
        return administration.find(
                Scope.city(),
                administration.createAsSystem(
                        new UserAdministration.NewUser(username, username, Role.COMMISSIONER, "330205", null, null),
                        "probe-password-1",
                        false));
    }

    private long version(UUID id) {
        return jdbc.sql("select version from account_user where id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }
}
