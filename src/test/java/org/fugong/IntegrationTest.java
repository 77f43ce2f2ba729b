package org.fugong;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.access.Scope;
import org.fugong.shell.Times;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The base of every test that needs the application: one context for the whole JVM (same
 * configuration everywhere, so Spring caches it), on a real PostgreSQL with the demo city.
 *
 * <p>By default the database is the embedded PostgreSQL 17. With {@code -Dfugong.test.database=testcontainers}
 * (on a machine with Docker) it is a {@code postgres:17} container instead, started once per JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@ActiveProfiles("test")
@ExtendWith(BrowserSupport.SkipUnavailable.class)
@Import({TestClocks.class, TestSms.class})
public abstract class IntegrationTest {

    @Autowired
    protected TestClock clock;

    private static PostgreSQLContainer container;

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private UserDetailsService users;

    @Autowired
    private CurrentActor currentActor;

    @Autowired
    private Times times;

    @Autowired
    private DataSource dataSource;

    /**
     * Another process on this test's classpath — a JVM of its own, that a test may kill with SIGKILL —
     * running a main class with this database's address, user and password before its own arguments.
     */
    protected Process processOnThisDatabase(Class<?> main, String... arguments) throws IOException, SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                pool.getJdbcUrl(),
                pool.getUsername(),
                pool.getPassword() == null ? "" : pool.getPassword()));
        command.addAll(Arrays.asList(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * Another instance of the application on a database given by address: no demo (the first instance
     * loaded it), the same personal-data keys as this one (application-test.properties), quiet logs.
     */
    protected static SpringApplicationBuilder anotherInstance(String url, String username, String password) {
        return new SpringApplicationBuilder(FugongApplication.class)
                .properties(
                        "server.port=0",
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=" + username,
                        "spring.datasource.password=" + password,
                        "fugong.demo.enabled=false",
                        "fugong.healthcode.data-keys.test-1=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                        "fugong.healthcode.data-keys.test-2=HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=",
                        "fugong.healthcode.current-data-key=test-2",
                        "fugong.healthcode.hash-key=QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=",
                        "logging.level.root=WARN",
                        "spring.jmx.enabled=false");
    }

    /** The city's today (Asia/Shanghai by the application's clock), never the machine's. */
    protected LocalDate today() {
        return times.today();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (!"testcontainers".equals(System.getProperty("fugong.test.database"))) {
            return;
        }
        synchronized (IntegrationTest.class) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:17");
                container.start();
            }
        }
        registry.add("spring.datasource.url", container::getJdbcUrl);
        registry.add("spring.datasource.username", container::getUsername);
        registry.add("spring.datasource.password", container::getPassword);
    }

    /** Sends JSON to the API as a demo (or test) user, with a CSRF token. */
    protected MvcTestResult sendJson(HttpMethod method, String user, String uri, String json) {
        return mvc.method(method)
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .with(as(user))
                .with(SecurityMockMvcRequestPostProcessors.csrf())
                .exchange();
    }

    /** Signs the request in as a demo (or test) user, with the real principal and its scope. */
    protected RequestPostProcessor as(String username) {
        return user(actor(username));
    }

    protected Actor actor(String username) {
        return (Actor) users.loadUserByUsername(username);
    }

    /** The scope a demo (or test) user has when signed in. */
    protected Scope scope(String username) {
        return currentActor.scopeOf(actor(username));
    }

    /**
     * A browser-like session: keeps the session cookie (sessions live in PostgreSQL through Spring
     * Session, so a MockHttpSession would not carry them) across requests.
     */
    protected static final class Browser {
        private final MockMvcTester mvc;
        private Cookie session;
        private String address = "127.0.0.1";

        public Browser(MockMvcTester mvc) {
            this.mvc = mvc;
        }

        /** The client address every request of this browser comes from. */
        public Browser from(String clientAddress) {
            this.address = clientAddress;
            return this;
        }

        /** The session id the browser holds now (null before the first session). */
        public String sessionCookie() {
            return session == null ? null : session.getValue();
        }

        public MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
            if (session != null) {
                request.cookie(session);
            }
            String remote = address;
            request.with(r -> {
                r.setRemoteAddr(remote);
                return r;
            });
            var response = mvc.perform(request).getResponse();
            var renewed = response.getCookie("SESSION");
            if (renewed != null) {
                session = renewed;
            }
            return response;
        }

        public MockHttpServletResponse login(String username, String password) throws Exception {
            return perform(MockMvcRequestBuilders.post("/login")
                    .param("username", username)
                    .param("password", password)
                    .with(SecurityMockMvcRequestPostProcessors.csrf()));
        }
    }

    /** The newest audit entry's id: what a test writes to the trail comes after it. */
    protected long auditMark() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event")
                .query(Long.class)
                .single();
    }

    /** The entity ids and after-states (JSON text) of the audit entries with an action written since a mark. */
    protected List<String[]> auditSince(long mark, String action) {
        return jdbc.sql(
                        "select coalesce(entity_id, ''), coalesce(after_state::text, '') from audit_event where id > ? and action = ? order by id")
                .params(mark, action)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    /**
     * For the benchmarks: sends a request five times to warm up, then 21 times, and prints its
     * median and 90th-percentile time through the whole web stack.
     */
    protected void printTimes(String label, MockHttpServletRequestBuilder request) throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(request);
        }
        double[] times = new double[21];
        int status = 0;
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            status = mvc.perform(request).getResponse().getStatus();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        System.out.printf("BENCH %-42s %3d  median %7.1f ms  p90 %7.1f ms%n", label, status, times[10], times[18]);
    }

    protected UUID enterpriseOf(String username) {
        return actor(username).enterpriseId();
    }
}
