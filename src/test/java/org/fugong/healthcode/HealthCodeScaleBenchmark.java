package org.fugong.healthcode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.GateDevices;
import org.fugong.healthcode.internal.HealthCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The health code at a city's scale: an online gate check (signature, expiry and the holder's current
 * colour from the partitioned tables, over HTTP with a gate device's token) and the recomputation of
 * colours after the health bureau imports a list, first on the demo city, then with the partitioned
 * tables holding {@code -Dholders} code holders (10,000,000 unless said). The holders beyond the
 * measured ones are written by SQL (a person, the ID number's key, a colour, a declaration for one in
 * ten); the measured ones are made through the application.
 * A program, not a test: run it with {@code bench/healthcode-scale.sh}.
 */
@Tag("benchmark")
@TestPropertySource(properties = "fugong.embedded-postgres.replica=false")
class HealthCodeScaleBenchmark extends IntegrationTest {

    static final int LISTED = 5_000;

    @Autowired
    Persons persons;

    @Autowired
    HealthCodes codes;

    @Autowired
    HealthLists lists;

    @Autowired
    GateDevices devices;

    @Autowired
    DataSource dataSource;

    @LocalServerPort
    int port;

    @Test
    void measure() throws Exception {
        int holders = Integer.getInteger("holders", 10_000_000);
        String device = devices.issue(actor("health"), "bench-scale").token();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int next = 0;
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                fill(holders);
            }
            long count = jdbc.sql("select count(*) from health_person")
                    .query(Long.class)
                    .single();
            // Code holders made through the application: some to scan, some for the list.
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 200; i++, next++) {
                tokens.add(codes.issue(persons.identify(idNumber(next), "测试者", phone(next))
                                .id())
                        .token());
            }
            List<HealthLists.Entry> entries = new ArrayList<>();
            for (int i = 0; i < LISTED; i++, next++) {
                persons.identify(idNumber(next), "名单者", phone(next));
                entries.add(new HealthLists.Entry(idNumber(next), "CLOSE_CONTACT", today()));
            }
            for (int i = 0; i < LISTED; i++) {
                // As many not (yet) known: a list names people who have no code too.
                entries.add(new HealthLists.Entry(idNumber(5_000_000 + round * LISTED + i), "SUSPECTED", today()));
            }
            System.out.printf("BENCH %,d code holders in the partitioned tables%n", count);
            for (int run = 1; run <= 3; run++) {
                double[] latencies = latencies(client, device, tokens, 1000);
                double rate = rate(client, device, tokens, 8, 5);
                System.out.printf(
                        "BENCH   run %d: online gate check over HTTP, one gate: median %.2f ms, p99 %.2f ms; 8 gates at once: %,.0f /s%n",
                        run, latencies[latencies.length / 2], latencies[latencies.length * 99 / 100], rate);
            }
            long start = System.nanoTime();
            HealthLists.Imported imported = lists.importEntries(actor("health"), "bench-" + round, entries);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "BENCH   a list of %,d entries imported and %,d known people's colours computed again in %.1f s (%,.0f people/s)%n",
                    imported.entries(), imported.recomputed(), seconds, imported.recomputed() / seconds);
        }
    }

    /** Writes code holders by SQL up to the number asked, a million at a time, with its progress. */
    private void fill(int holders) throws Exception {
        long have =
                jdbc.sql("select count(*) from health_person").query(Long.class).single();
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            sql.execute("set statement_timeout = 0");
            sql.execute("set synchronous_commit = off");
            // A bulk load of rows consistent by construction: the foreign keys' triggers are not fired.
            sql.execute("set session_replication_role = replica");
            for (long from = have; from < holders; from += 1_000_000) {
                long to = Math.min(holders, from + 1_000_000) - 1;
                String series = " from generate_series(" + from + ", " + to + ") i";
                sql.execute("""
                        insert into health_person (id, id_hash, id_cipher, phone_hash, phone_cipher, name_cipher, masked_name,
                                                   created_at, updated_at)
                        select md5('p' || i)::uuid, decode(md5('h' || i) || md5('k' || i), 'hex'), '\\x00'::bytea,
                               decode(md5('t' || i), 'hex'), '\\x00'::bytea, '\\x00'::bytea, '测*', now(), now()""" + series);
                sql.execute("""
                        insert into health_person_key (id_hash, person_id)
                        select decode(md5('h' || i) || md5('k' || i), 'hex'), md5('p' || i)::uuid""" + series);
                sql.execute("""
                        insert into health_status (person_id, colour, since, rule_version)
                        select md5('p' || i)::uuid,
                               case when i % 200 = 0 then 'RED' when i % 50 = 0 then 'YELLOW' else 'GREEN' end, now(), 1""" + series);
                sql.execute("""
                        insert into health_declaration (person_id, declared_on, places, contact, symptoms, created_at)
                        select md5('p' || i)::uuid, current_date - (i % 14)::int, '["330203"]', false, 'NONE', now()""" + series + " where i % 10 = 0");
                System.out.printf(
                        "BENCH   filled to %,d holders (%.0f s)%n", to + 1, (System.nanoTime() - start) / 1e9);
            }
            sql.execute("analyze");
        }
    }

    /** An ID number no other holder here has: the n-th person of a day, born on the n / 1000-th day after 1930. */
    static String idNumber(int n) {
        String first17 = "330203"
                + LocalDate.of(1930, 1, 1).plusDays(n / 1000).format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", n % 1000);
        return first17 + ResidentId.checkCharacter(first17);
    }

    static String phone(int n) {
        return "139" + String.format("%08d", n);
    }

    /** Milliseconds of each of n online checks by one gate, sorted (after a warm-up). */
    private double[] latencies(HttpClient client, String device, List<String> tokens, int n) {
        for (int i = 0; i < 200; i++) {
            check(client, device, tokens.get(i % tokens.size()));
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            check(client, device, tokens.get((i * 7) % tokens.size()));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Online checks per second of several gates at once, for some seconds. */
    private double rate(HttpClient client, String device, List<String> tokens, int gates, int seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(gates);
        try {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            List<Future<Integer>> done = new ArrayList<>();
            for (int g = 0; g < gates; g++) {
                int offset = g * 31;
                done.add(pool.submit(() -> {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        check(client, device, tokens.get((offset + i++) % tokens.size()));
                    }
                    return i;
                }));
            }
            long total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private void check(HttpClient client, String device, String token) {
        HealthCodeBenchmark.send(
                client,
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/gate/verify"))
                        .header("Authorization", "Bearer " + device)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"token\":\"" + token + "\",\"gate\":\"scale\",\"online\":true}"))
                        .build());
    }
}
