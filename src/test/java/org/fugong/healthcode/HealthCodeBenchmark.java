package org.fugong.healthcode;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.conscrypt.Conscrypt;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.GateDevices;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.healthcode.internal.SigningKeys;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Gate verification throughput: in-process per core (signature and expiry against the key set, no
 * database; the application's provider against the JDK's) and over HTTP (a gate device's bearer
 * token, JSON in and out, the scan queued) side by side with the anonymous health endpoint of the
 * same application, in the same run.
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

    @Autowired
    GateDevices devices;

    @Test
    void measure() throws Exception {
        List<String> tokens = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            tokens.add(codes.issue(persons.identify(
                                    HealthCodeTests.residentId(random), "测试者", "1380000" + String.format("%04d", i))
                            .id())
                    .token());
        }
        var keySet = keys.published();
        ECKey key = (ECKey) keySet.getKeys().get(keySet.getKeys().size() - 1);
        System.out.printf("BENCH provider: %s%n", HealthCodes.providerName());
        for (int run = 1; run <= 3; run++) {
            // Per core: one thread. The application's path (parse, signature with its provider, expiry).
            double fast = rate(1, Duration.ofSeconds(3), i -> {
                if (!HealthCodes.verify(tokens.get(i % tokens.size()), keySet, Instant.now())
                        .valid()) {
                    throw new IllegalStateException("A valid code was refused");
                }
            });
            // The same with the JDK's provider, for comparison.
            double jdk = rate(1, Duration.ofSeconds(3), i -> {
                SignedJWT jwt = SignedJWT.parse(tokens.get(i % tokens.size()));
                ECKey signer = (ECKey) keySet.getKeyByKeyId(jwt.getHeader().getKeyID());
                if (!jwt.verify(new ECDSAVerifier(signer == null ? key : signer))) {
                    throw new IllegalStateException("A valid code was refused");
                }
            });
            // The provider's signature check alone, on one code: the ceiling of the application's path.
            SignedJWT one = SignedJWT.parse(tokens.get(0));
            byte[] input = one.getSigningInput();
            byte[] der = ECDSA.transcodeSignatureToDER(one.getSignature().decode());
            Provider conscrypt = Conscrypt.newProvider();
            PublicKey point = KeyFactory.getInstance("EC", conscrypt)
                    .generatePublic(new X509EncodedKeySpec(
                            ((ECKey) keySet.getKeyByKeyId(one.getHeader().getKeyID()))
                                    .toECPublicKey()
                                    .getEncoded()));
            Signature signature = Signature.getInstance("SHA256withECDSA", conscrypt);
            signature.initVerify(point);
            double ceiling = rate(1, Duration.ofSeconds(3), i -> {
                signature.update(input);
                if (!signature.verify(der)) {
                    throw new IllegalStateException("A valid signature was refused");
                }
            });
            System.out.printf(
                    "BENCH run %d: in-process verifications per core: %,.0f /s with %s, %,.0f /s with the JDK's (%.1fx); the provider's signature check alone %,.0f /s%n",
                    run, fast, HealthCodes.providerName(), jdk, fast / jdk, ceiling);
        }
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String device = devices.issue(actor("health"), "bench").token();
        int clients = 8;
        for (int run = 1; run <= 3; run++) {
            double health = rate(
                    clients,
                    Duration.ofSeconds(5),
                    i -> send(
                            client,
                            HttpRequest.newBuilder(uri("/actuator/health"))
                                    .GET()
                                    .build()));
            double verify = rate(
                    clients,
                    Duration.ofSeconds(5),
                    i -> send(
                            client,
                            HttpRequest.newBuilder(uri("/api/gate/verify"))
                                    .header("Authorization", "Bearer " + device)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"token\":\"" + tokens.get(i % tokens.size()) + "\",\"gate\":\"bench\"}"))
                                    .build()));
            System.out.printf(
                    "BENCH run %d: over HTTP, anonymous health endpoint %,.0f /s, gate device verification %,.0f /s (%.0f %% of it; %d clients)%n",
                    run, health, verify, 100 * verify / health, clients);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Sends a request and fails unless it is answered 200 with nothing refused. */
    static void send(HttpClient client, HttpRequest request) {
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
