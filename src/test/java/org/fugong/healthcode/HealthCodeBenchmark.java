package org.fugong.healthcode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.healthcode.internal.SigningKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Gate verification throughput: in-process (signature and expiry against the key set, no
 * database) and over HTTP (a gate's session, JSON in and out, the scan queued), with a trivial
 * endpoint of the same application behind the same security as the ceiling, in the same run.
 * A program, not a test: run it with {@code bench/healthcode.sh}.
 */
@Tag("benchmark")
class HealthCodeBenchmark extends IntegrationTest {

    @Autowired
    Persons persons;

    @Autowired
    HealthCodes codes;

    @Autowired
    SigningKeys keys;

    @LocalServerPort
    int port;

    @Test
    void measure() throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        List<String> tokens = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            tokens.add(codes.issue(persons.identify(
                                    HealthCodeTests.residentId(random), "测试" + i, "1380000" + String.format("%04d", i))
                            .id())
                    .token());
        }
        var keySet = keys.published();
        for (int run = 1; run <= 3; run++) {
            double inProcess = rate(threads, Duration.ofSeconds(4), i -> {
                if (!HealthCodes.verify(tokens.get(i % tokens.size()), keySet, Instant.now())
                        .valid()) {
                    throw new IllegalStateException("A valid code was refused");
                }
            });
            System.out.printf(
                    "BENCH run %d: in-process verifications %,.0f /s (%d threads)%n", run, inProcess, threads);
        }
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String cookie = signIn(client);
        // The page's CSRF token, which a signed-in client sends with its POSTs.
        String home = client.send(
                        HttpRequest.newBuilder(uri("/"))
                                .header("Cookie", cookie)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher meta = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(home);
        Matcher header =
                Pattern.compile("name=\"_csrf_header\" content=\"([^\"]+)\"").matcher(home);
        if (!meta.find() || !header.find()) {
            throw new IllegalStateException("No CSRF token after signing in");
        }
        String csrfHeader = header.group(1);
        String csrfToken = meta.group(1);
        int clients = 8;
        for (int run = 1; run <= 3; run++) {
            double ping = rate(
                    clients,
                    Duration.ofSeconds(5),
                    i -> send(
                            client,
                            HttpRequest.newBuilder(uri("/api/gate/ping"))
                                    .header("Cookie", cookie)
                                    .GET()
                                    .build()));
            double verify = rate(
                    clients,
                    Duration.ofSeconds(5),
                    i -> send(
                            client,
                            HttpRequest.newBuilder(uri("/api/gate/verify"))
                                    .header("Cookie", cookie)
                                    .header("Content-Type", "application/json")
                                    .header(csrfHeader, csrfToken)
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"token\":\"" + tokens.get(i % tokens.size()) + "\",\"gate\":\"bench\"}"))
                                    .build()));
            System.out.printf(
                    "BENCH run %d: over HTTP, trivial endpoint %,.0f /s, verification %,.0f /s (%.0f %% of the ceiling; %d clients)%n",
                    run, ping, verify, 100 * verify / ping, clients);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static void send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"valid\":false")) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in as the gate through the login form; returns the session cookie. */
    private String signIn(HttpClient client) throws Exception {
        HttpResponse<String> page =
                client.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String session = page.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("SESSION="))
                .findFirst()
                .map(c -> c.substring(0, c.indexOf(';')))
                .orElseThrow();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Cookie", session)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=gate&password=demo&_csrf=" + csrf.group(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return login.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("SESSION="))
                .findFirst()
                .map(c -> c.substring(0, c.indexOf(';')))
                .orElse(session);
    }

    interface Work {
        void run(int i) throws Exception;
    }

    /** Operations per second of {@code threads} threads doing the work for a while (after a short warm-up). */
    private static double rate(int threads, Duration duration, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int phase = 0; phase < 2; phase++) {
                Duration span = phase == 0 ? Duration.ofSeconds(1) : duration;
                AtomicLong done = new AtomicLong();
                long end = System.nanoTime() + span.toNanos();
                List<Future<?>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 1000;
                    futures.add(pool.submit(() -> {
                        int i = offset;
                        while (System.nanoTime() < end) {
                            work.run(i++);
                            done.incrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
                if (phase == 1) {
                    return done.get() / ((System.nanoTime() - start) / 1e9);
                }
            }
            return 0;
        } finally {
            pool.shutdown();
        }
    }
}
