package org.fugong.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;

class LanguageTests extends IntegrationTest {

    @Test
    void theBrowsersLanguageChoosesThePageLanguage() throws Exception {
        assertThat(page("zh-CN,zh;q=0.9")).contains("登录").contains("lang=\"zh-CN\"");
        assertThat(page("en-GB,en;q=0.8")).contains("Sign in").contains("lang=\"en\"");
        assertThat(page("zh-TW")).contains("登录");
    }

    @Test
    void theSwitchIsKeptInACookie() throws Exception {
        var switched = mvc.perform(get("/login?lang=en").header("Accept-Language", "zh-CN"))
                .getResponse();
        assertThat(switched.getContentAsString(StandardCharsets.UTF_8)).contains("Sign in");
        Cookie cookie = switched.getCookie("fugong-lang");
        assertThat(cookie).isNotNull();
        String next = mvc.perform(get("/login").cookie(cookie).header("Accept-Language", "zh-CN"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(next).contains("Sign in");
    }

    @Test
    void homePagesFollowTheRole() throws Exception {
        String city = mvc.perform(get("/menu").with(as("city")).header("Accept-Language", "en"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(city).contains("data-nav=\"/admin/users\"").contains("data-nav=\"/audit\"");
        String enterprise = mvc.perform(get("/menu").with(as("ent-haishu")).header("Accept-Language", "en"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(enterprise)
                .contains("data-nav=\"/enterprises/mine\"")
                .doesNotContain("data-nav=\"/admin/users\"")
                .contains("You see your own enterprise only.");
    }

    private String page(String acceptLanguage) throws Exception {
        return mvc.perform(get("/login").header("Accept-Language", acceptLanguage))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
