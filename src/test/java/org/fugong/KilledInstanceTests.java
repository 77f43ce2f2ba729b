package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.internal.GateScans;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.transport.internal.Demands;
import org.fugong.transport.internal.Planner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The whole application, in a process of its own on this test's database, killed with SIGKILL in the
 * middle of its work — gate scans being recorded by several gates and a transport plan being solved:
 * every scan it acknowledged as recorded is in the log, and the plan it was solving does not stay
 * "solving" for ever nor keep its period from being planned again: it ends failed, saying it was
 * interrupted, in the language of whoever looks.
 */
class KilledInstanceTests extends IntegrationTest {

    @Autowired
    Planner planner;

    @Autowired
    Demands demands;

    @Test
    void scansAcknowledgedByAKilledInstanceAreKeptAndItsPlanEndsInterrupted() throws Exception {
        String gate = "killed-" + Long.toHexString(System.nanoTime());
        LocalDate from = today().plusDays(200);
        // Workers to bring in that period, so that the plan has something to solve for a while.
        for (String origin : List.of("341226", "411724", "510321")) {
            demands.register(
                    actor("ent-haishu"),
                    scope("ent-haishu"),
                    new Demands.NewDemand(
                            null,
                            origin,
                            "40",
                            from.toString(),
                            from.plusDays(2).toString(),
                            "店长",
                            null));
        }
        Process instance = processOnThisDatabase(Instance.class, gate, from.toString());
        UUID plan = null;
        int acknowledged = 0;
        try (var out = new BufferedReader(new InputStreamReader(instance.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("solving ")) {
                    plan = UUID.fromString(line.substring(8).trim());
                } else if (line.startsWith("recorded ")) {
                    acknowledged = Integer.parseInt(line.substring(9).trim());
                    if (plan != null && acknowledged >= 300) {
                        // Killed while the gates are still scanning and the plan is solving.
                        instance.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            instance.destroyForcibly();
            assertThat(instance.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(plan).as("the instance started solving").isNotNull();
        assertThat(acknowledged).as("the instance acknowledged scans").isGreaterThanOrEqualTo(300);

        long logged = jdbc.sql("select count(*) from health_gate_scan where gate = ?")
                .param(gate)
                .query(Long.class)
                .single();
        assertThat(logged).as("every scan acknowledged as recorded").isGreaterThanOrEqualTo(acknowledged);

        assertThat(planner.plan(scope("transport"), plan).status()).isEqualTo("SOLVING");
        assertThat(planner.failAbandoned()).isOne();
        Planner.Plan ended = planner.plan(scope("transport"), plan);
        assertThat(ended.status()).isEqualTo("FAILED");
        assertThat(ended.interrupted()).isTrue();
        assertThat(jdbc.sql(
                                "select count(*) from audit_event where entity_id = ? and action = 'TRANSPORT_PLAN_INTERRUPTED'")
                        .param(plan.toString())
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(mvc.get()
                        .uri("/transport/plans/" + plan)
                        .header("Accept-Language", "en")
                        .with(as("transport")))
                .hasStatusOk()
                .bodyText()
                .contains("Interrupted: the instance solving it stopped before the plan was saved");
        assertThat(mvc.get()
                        .uri("/transport/plans/" + plan)
                        .header("Accept-Language", "zh-CN")
                        .with(as("transport")))
                .bodyText()
                .contains("已中断");
        // Nothing holds the period any more: a plan of it starts again here.
        UUID again = planner.start(actor("transport"), scope("transport"), from, from.plusDays(2));
        planner.await(again, Duration.ofSeconds(30));
        assertThat(planner.plan(scope("transport"), again).status()).isIn("SOLVED", "STOPPED");
    }

    /** The application in a process of its own: scans from eight gates and one plan, printing what it acknowledges. */
    public static final class Instance {

        public static void main(String[] args) throws Exception {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(FugongApplication.class)
                    .properties(
                            "server.port=0",
                            "spring.datasource.url=" + args[0],
                            "spring.datasource.username=" + args[1],
                            "spring.datasource.password=" + args[2],
                            "fugong.demo.enabled=false",
                            "fugong.transport.plan-seconds=120",
                            "fugong.healthcode.data-keys.test-1=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                            "fugong.healthcode.data-keys.test-2=HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4=",
                            "fugong.healthcode.current-data-key=test-2",
                            "fugong.healthcode.hash-key=QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=",
                            "logging.level.root=WARN",
                            "spring.jmx.enabled=false")
                    .run();
            String gate = args[3];
            LocalDate from = LocalDate.parse(args[4]);
            Actor transport = (Actor) context.getBean(UserDetailsService.class).loadUserByUsername("transport");
            UUID plan = context.getBean(Planner.class)
                    .start(transport, context.getBean(CurrentActor.class).scopeOf(transport), from, from.plusDays(2));
            System.out.println("solving " + plan);
            GateScans scans = context.getBean(GateScans.class);
            HealthCodes.Verification green =
                    new HealthCodes.Verification(true, null, null, CodeColour.GREEN, "张*", Instant.now());
            AtomicInteger recorded = new AtomicInteger();
            ExecutorService gates = Executors.newFixedThreadPool(8);
            List<Runnable> work = new ArrayList<>();
            for (int g = 0; g < 8; g++) {
                work.add(() -> {
                    while (true) {
                        if (scans.record(gate, green)) {
                            int n = recorded.incrementAndGet();
                            synchronized (System.out) {
                                System.out.println("recorded " + n);
                            }
                        }
                    }
                });
            }
            work.forEach(gates::submit);
            gates.awaitTermination(10, TimeUnit.MINUTES);
        }
    }
}
