package org.fugong.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fugong.IntegrationTest;
import org.fugong.database.EmbeddedPostgresServer;
import org.fugong.healthcode.Persons;
import org.fugong.healthcode.ResidentId;
import org.fugong.healthcode.internal.GateDevices;
import org.fugong.healthcode.internal.HealthCodes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * What an attacker tried from outside and found open: a NUL character in any parameter or file name
 * (a server error before), a session's request carried past the CSRF check by a stray credential
 * header, the runtime shown on the info endpoint, redirects built from anyone's forwarded headers.
 */
class HardeningTests extends IntegrationTest {

    @LocalServerPort
    int port;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Over real HTTP: the check is a servlet filter in front of everything, sign-in included. */
    @Test
    void aNulCharacterIsRefusedNotAServerError() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/login?lang=%00")).GET()).statusCode())
                .isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(uri("/public/riskmap?q=a%00b")).GET())
                        .statusCode())
                .isEqualTo(400);
        // Anonymously, in the sign-in form's fields.
        assertThat(send(HttpRequest.newBuilder(uri("/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("username=city%00&password=demo")))
                        .statusCode())
                .isEqualTo(400);
        // In an uploaded file's name.
        String boundary = "----fugong";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"grid\u0000.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\ncredit_code\r\n--" + boundary + "--\r\n";
        assertThat(send(HttpRequest.newBuilder(uri("/signup"))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(400);
        // The same requests without the NUL still answer.
        assertThat(send(HttpRequest.newBuilder(uri("/login?lang=en")).GET()).statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/public/riskmap?q=ab")).GET())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSessionsRequestIsCsrfCheckedWhateverCredentialItAdds() throws Exception {
        // A browser's session cookie plus a wrong Basic header: the CSRF check still applies.
        var response = mvc.perform(post("/api/index/electricity")
                        .cookie(new Cookie("SESSION", "c29tZS1zZXNzaW9u"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("city:wrong".getBytes(StandardCharsets.UTF_8)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[]"))
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        // A machine with its credential and no session is not asked for a token.
        assertThat(mvc.perform(get("/api/gate/ping").with(httpBasic("gate", "demo")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(post("/api/gate/verify")
                                .with(httpBasic("gate", "demo"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{}"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
    }

    @Test
    void aDateBeyondTheDatabasesCalendarIsRefusedNotAServerError() throws Exception {
        assertThat(mvc.perform(get("/tickets/figures")
                                .param("from", "+999999999-01-01")
                                .with(as("city")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        var api = mvc.perform(get("/api/riskmap/colours")
                        .param("date", "+999999999-12-31")
                        .with(as("city")))
                .getResponse();
        assertThat(api.getStatus()).isEqualTo(400);
        assertThat(api.getContentAsString(StandardCharsets.UTF_8)).contains("\"status\":400");
    }

    @Test
    void theInfoEndpointShowsNoRuntime() throws Exception {
        String info = mvc.perform(get("/actuator/info")).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(info)
                .contains("Fugong")
                .doesNotContainIgnoringCase("java")
                .doesNotContainIgnoringCase("jvm")
                .doesNotContainIgnoringCase("vendor");
    }

    @Test
    void forwardedHeadersFromAnUntrustedClientAreIgnored() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dashboard"))
                        .header("X-Forwarded-Host", "evil.example")
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-For", "203.0.113.9")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .doesNotContain("evil.example")
                .startsWith("http://localhost:" + port + "/login");
    }

    /** The error page for a failure nobody foresaw: its status, a sentence in the user's language, no internals. */
    @Test
    void theServerErrorPageSaysSomethingWentWrongAndNothingMore() throws Exception {
        for (String[] language : new String[][] {{"en", "Something went wrong"}, {"zh-CN", "系统出错"}}) {
            var response = mvc.perform(get("/error")
                            .param("lang", language[0])
                            .accept(MediaType.TEXT_HTML)
                            .with(as("city"))
                            .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                            .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/dashboard")
                            .requestAttr(
                                    RequestDispatcher.ERROR_EXCEPTION,
                                    new IllegalStateException("connection to 10.0.0.7 refused: secret detail")))
                    .getResponse();
            assertThat(response.getStatus()).isEqualTo(500);
            assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                    .contains("data-test=\"error-500\"")
                    .contains(language[1])
                    .doesNotContain("secret detail")
                    .doesNotContain("IllegalStateException")
                    .doesNotContain("at org.");
        }
    }

    /** Over real HTTP, one signed-in session: 300 requests, 30 at a time, every one answered. */
    @Test
    void parallelRequestsOnOneSessionAllSucceed() throws Exception {
        HttpClient client = signedIn("city");
        List<String> pages = List.of(
                "/dashboard",
                "/menu",
                "/enterprises",
                "/tickets",
                "/riskmap",
                "/applications/queue",
                "/dashboard/live",
                "/supply-chains",
                "/transport",
                "/visits",
                "/health",
                "/audit");
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String page = pages.get(i % pages.size()) + (i % 2 == 0 ? "?lang=en" : "?lang=zh-CN");
                answers.add(pool.submit(() -> {
                    var response = client.send(
                            HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() + " " + page;
                }));
            }
            List<String> failed = new ArrayList<>();
            for (Future<String> answer : answers) {
                String result = answer.get(120, TimeUnit.SECONDS);
                if (!result.startsWith("200 ")) {
                    failed.add(result);
                }
            }
            assertThat(failed).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Autowired(required = false)
    EmbeddedPostgresServer database;

    @Autowired
    Persons persons;

    @Autowired
    HealthCodes codes;

    @Autowired
    GateDevices devices;

    /**
     * The database stops under a running application (the embedded server, stopped as an outage
     * would): a signed-in page and the sign-in page answer 503 with Retry-After meanwhile, while a
     * gate still verifies a code (offline, by its signature) and is told its scan is not recorded yet;
     * once the database is back, the same session is answered again without a restart and the scan
     * queued meanwhile is written.
     */
    @Test
    void aDatabaseOutageAnswers503AndTheApplicationRecoversWithoutARestart() throws Exception {
        assumeTrue(database != null, "needs the embedded PostgreSQL");
        HttpClient client = signedIn("city");
        assertThat(fetch(client, "/tickets").statusCode()).isEqualTo(200);
        String first17 = "33020319850315" + String.format("%03d", (int) (System.nanoTime() % 1000));
        String code = codes.issue(persons.identify(first17 + ResidentId.checkCharacter(first17), "停库者", "13911112222")
                        .id())
                .token();
        String device = devices.issue(actor("health"), "outage").token();
        String gate = "outage-" + Long.toHexString(System.nanoTime());
        // The gate has been scanning: its device and the keys are known to the instance.
        assertThat(gateScan(device, code, gate + "-before").body()).contains("\"recorded\":true");
        database.stopForOutage();
        try {
            HttpResponse<String> during = fetch(client, "/tickets");
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(during.body()).doesNotContain("Exception").doesNotContain("PSQL");
            assertThat(fetch(HttpClient.newHttpClient(), "/api/riskmap/colours").statusCode())
                    .isEqualTo(503);
            // Past the moment the instance reads its devices and keys again: the reads fail, those it has serve.
            clock.advance(Duration.ofSeconds(90));
            HttpResponse<String> scan = gateScan(device, code, gate);
            assertThat(scan.statusCode()).isEqualTo(200);
            assertThat(scan.body()).contains("\"valid\":true").contains("\"recorded\":false");
        } finally {
            clock.reset();
            database.startAfterOutage();
        }
        int status = 0;
        for (int attempt = 0; attempt < 30 && status != 200; attempt++) {
            status = fetch(client, "/tickets").statusCode();
            if (status != 200) {
                Thread.onSpinWait();
            }
        }
        assertThat(status).as("the same session, once the database is back").isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from health_gate_scan where gate = ?")
                                .param(gate)
                                .query(Long.class)
                                .single())
                        .as("the scan queued during the outage, written once the database is back")
                        .isOne());
    }

    /** A gate device's offline verification of a code. */
    private HttpResponse<String> gateScan(String device, String code, String gate) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri("/api/gate/verify"))
                                .header("Authorization", "Bearer " + device)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"token\":\"" + code + "\",\"gate\":\"" + gate + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fetch(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A client with a cookie store, signed in through the form as a demo user. */
    private HttpClient signedIn(String username) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String loginPage = fetch(client, "/login").body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).isTrue();
        var login = client.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=demo&_csrf="
                                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return client;
    }
}
