package org.fugong.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import org.fugong.IntegrationTest;
import org.fugong.access.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

class SignInTests extends IntegrationTest {

    static final String USER = "lockout-probe";
    static final String PASSWORD = "right-password-1";

    @Autowired
    UserAdministration administration;

    @BeforeEach
    void freshUser() {
        if (jdbc.sql("select count(*) from account_user where username = ?")
                        .param(USER)
                        .query(Long.class)
                        .single()
                == 0) {
            administration.createAsSystem(
                    new UserAdministration.NewUser(USER, "Lockout probe", Role.GATE_CHECKER, null, null, null),
                    PASSWORD,
                    false);
        }
        jdbc.sql("update account_user set failed_attempts = 0, locked_until = null, enabled = true where username = ?")
                .param(USER)
                .update();
        jdbc.sql("delete from account_login_failure").update();
        jdbc.sql("delete from account_address_failure").update();
    }

    MockHttpServletResponse login(String username, String password, Browser browser) throws Exception {
        return browser.login(username, password);
    }

    @Test
    void demoAccountsSignIn() throws Exception {
        for (String user : new String[] {
            "city",
            "haishu",
            "jiangbei",
            "labour",
            "transport",
            "commissioner",
            "ent-haishu",
            "ent-jiangbei",
            "gate",
            "health"
        }) {
            var result = login(user, "demo", new Browser(mvc));
            assertThat(result.getRedirectedUrl()).as(user).isEqualTo("/");
        }
    }

    @Test
    void theSessionLivesInPostgresqlSoAnyInstanceCanServeIt() throws Exception {
        var browser = new Browser(mvc);
        browser.login("gate", "demo");
        assertThat(jdbc.sql("select count(*) from spring_session where principal_name = 'gate'")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(browser.perform(get("/")).getStatus()).isEqualTo(200);
    }

    @Test
    void sixthWrongPasswordShowsTheLockMessage() throws Exception {
        var session = new Browser(mvc);
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(login(USER, "wrong", session).getRedirectedUrl()).isEqualTo("/login?error=bad");
        }
        // The fifth wrong password locks the account; the sixth attempt is refused as locked.
        assertThat(login(USER, "wrong", session).getRedirectedUrl()).isEqualTo("/login?error=locked");
        assertThat(login(USER, "wrong", session).getRedirectedUrl()).isEqualTo("/login?error=locked");
        String page = session.perform(get("/login?error=locked").header("Accept-Language", "en"))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("this account is locked until");
        String chinese = session.perform(get("/login?error=locked").header("Accept-Language", "zh-CN"))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(chinese).contains("账号已锁定至");
    }

    @Test
    void theRightPasswordDoesNotOpenALockedAccount() throws Exception {
        var session = new Browser(mvc);
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(USER, "wrong", session);
        }
        assertThat(login(USER, PASSWORD, session).getRedirectedUrl()).isEqualTo("/login?error=locked");
    }

    @Test
    void theLockEndsAfterItsDuration() throws Exception {
        var session = new Browser(mvc);
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(USER, "wrong", session);
        }
        jdbc.sql("update account_login_failure set locked_until = ? where username = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), USER)
                .update();
        assertThat(login(USER, PASSWORD, session).getRedirectedUrl()).isEqualTo("/");
        assertThat(jdbc.sql("select count(*) from account_login_failure where username = ?")
                        .param(USER)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aWrongPasswordAfterAnExpiredLockCountsFromOne() throws Exception {
        var session = new Browser(mvc);
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(USER, "wrong", session);
        }
        jdbc.sql("update account_login_failure set locked_until = ? where username = ?")
                .params(Timestamp.from(Instant.now().minusSeconds(1)), USER)
                .update();
        assertThat(login(USER, "wrong", session).getRedirectedUrl()).isEqualTo("/login?error=bad");
    }

    @Test
    void aLockHoldsOnlyForTheAddressTheWrongPasswordsCameFrom() throws Exception {
        var attacker = new Browser(mvc).from("198.51.100.7");
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(USER, "wrong", attacker);
        }
        assertThat(login(USER, PASSWORD, attacker).getRedirectedUrl()).isEqualTo("/login?error=locked");
        // The account's owner, elsewhere, signs in as ever.
        assertThat(login(USER, PASSWORD, new Browser(mvc).from("198.51.100.8")).getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void anAddressTryingManyNamesIsBlockedNotTheAccounts() throws Exception {
        var guesser = new Browser(mvc).from("203.0.113.50");
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(login("guess-" + attempt, "password" + attempt, guesser).getRedirectedUrl())
                    .isEqualTo("/login?error=bad");
        }
        // Blocked for the window: even the right password of a real account is not tried from there.
        assertThat(login(USER, PASSWORD, guesser).getRedirectedUrl()).isEqualTo("/login?error=throttled");
        String page = guesser.perform(get("/login?error=throttled").header("Accept-Language", "en"))
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Too many wrong passwords came from your address");
        assertThat(login(USER, PASSWORD, new Browser(mvc).from("203.0.113.51")).getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void basicCredentialsAreHeldToTheSameCounts() throws Exception {
        for (int attempt = 1; attempt <= 20; attempt++) {
            assertThat(gatePing("gate-" + attempt, "guess", "203.0.113.70")).isEqualTo(401);
        }
        assertThat(gatePing("gate", "demo", "203.0.113.70")).isEqualTo(429);
        assertThat(gatePing("gate", "demo", "203.0.113.71")).isEqualTo(200);
    }

    /** The status of a gate device's ping with HTTP Basic credentials, from an address. */
    private int gatePing(String username, String password, String address) throws Exception {
        return mvc.perform(get("/api/gate/ping")
                        .with(httpBasic(username, password))
                        .with(r -> {
                            r.setRemoteAddr(address);
                            return r;
                        }))
                .getResponse()
                .getStatus();
    }

    @Test
    void aWrongPasswordGetsTheSameAnswerWhateverTheAccount() throws Exception {
        jdbc.sql("update account_user set enabled = false where username = ?")
                .param(USER)
                .update();
        var session = new Browser(mvc).from("198.51.100.20");
        assertThat(login(USER, "wrong", session).getRedirectedUrl()).isEqualTo("/login?error=bad");
        assertThat(login("nobody-has-this-name", "wrong", session).getRedirectedUrl())
                .isEqualTo("/login?error=bad");
        // Only the right password learns that the account is disabled.
        assertThat(login(USER, PASSWORD, session).getRedirectedUrl()).isEqualTo("/login?error=disabled");
    }

    @Test
    void signInsAndFailuresAreAudited() throws Exception {
        login(USER, "wrong", new Browser(mvc));
        login(USER, PASSWORD, new Browser(mvc));
        var actions = jdbc.sql("select action from audit_event where actor = ? order by id desc limit 2")
                .param(USER)
                .query(String.class)
                .list();
        assertThat(actions).containsExactly("LOGIN_SUCCEEDED", "LOGIN_FAILED");
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() throws Exception {
        assertThat(mvc.perform(post("/login").param("username", USER).param("password", PASSWORD))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post("/admin/users").with(as("city")).param("username", "x"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void securityHeadersArePresent() throws Exception {
        var response = mvc.perform(get("/login")).getResponse();
        String csp = response.getHeader("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
        assertThat(csp.replaceAll("style-src[^;]*", ""))
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
    }

    @Test
    void anExpiredSessionDuringAnHtmxRequestSendsThePageToTheLoginForm() throws Exception {
        var response =
                mvc.perform(get("/enterprises").header("HX-Request", "true")).getResponse();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("HX-Redirect")).isEqualTo("/login");
    }

    @Test
    void theApiAnswers401WithoutASession() throws Exception {
        assertThat(mvc.perform(get("/api/enterprises")).getResponse().getStatus())
                .isEqualTo(401);
    }
}
