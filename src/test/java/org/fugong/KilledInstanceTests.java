package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fugong.access.Actor;
import org.fugong.access.CurrentActor;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.NewEnterprise;
import org.fugong.enterprises.UnifiedSocialCreditCode;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.internal.GateScans;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.tickets.TicketGenerator;
import org.fugong.tickets.TicketSweep;
import org.fugong.transport.internal.Demands;
import org.fugong.transport.internal.Planner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * The whole application, in a process of its own on this test's database, killed with SIGKILL in the
 * middle of its work — gate scans being recorded by several gates, a transport plan being solved and
 * the problem desk's escalation sweep half way through the due problems: every scan it acknowledged
 * as recorded is in the log; the plan it was solving does not stay "solving" for ever nor keep its
 * period from being planned again: it ends failed, saying it was interrupted, in the language of
 * whoever looks; each problem was escalated whole or not at all, and the next sweep finishes the rest
 * without issuing any step twice.
 */
class KilledInstanceTests extends IntegrationTest {

    @Autowired
    Planner planner;

    @Autowired
    Demands demands;

    @Autowired
    EnterpriseDirectory directory;

    @Autowired
    TicketGenerator tickets;

    @Autowired
    TicketSweep sweep;

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
        // Three hundred problems of an enterprise of their own, received over the last twelve hours (none
        // due yet): at the sweep's time, a day on, each is due several escalation steps.
        String uscc = UnifiedSocialCreditCode.randomCompany("330212", new Random());
        UUID enterprise = directory
                .registerAll(List.of(new NewEnterprise(
                        uscc,
                        "测试企业" + uscc.substring(10),
                        "李明",
                        "330212",
                        null,
                        IndustrySection.C,
                        EnterpriseSize.SMALL,
                        false,
                        20,
                        false,
                        null,
                        null)))
                .get(0);
        assertThat(tickets.generate(enterprise, 300, 12)).isEqualTo(300);
        Instant sweepAt = clock.instant().plus(Duration.ofDays(1));
        Process instance = processOnThisDatabase(Instance.class, gate, from.toString(), sweepAt.toString());
        UUID plan = null;
        int acknowledged = 0;
        int swept = 0;
        try (var out = new BufferedReader(new InputStreamReader(instance.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("solving ")) {
                    // Killed while the gates are still scanning, the plan is solving and the sweep is half done.
                    plan = UUID.fromString(line.substring(8).trim());
                    instance.destroyForcibly();
                    break;
                } else if (line.startsWith("swept ")) {
                    swept = Math.max(swept, Integer.parseInt(line.substring(6).trim()));
                } else if (line.startsWith("recorded ")) {
                    acknowledged = Math.max(
                            acknowledged, Integer.parseInt(line.substring(9).trim()));
                }
            }
        } finally {
            instance.destroyForcibly();
            assertThat(instance.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(plan).as("the instance started solving").isNotNull();
        assertThat(acknowledged).as("the instance acknowledged scans").isGreaterThanOrEqualTo(300);
        assertThat(swept).as("the instance swept").isGreaterThanOrEqualTo(3);

        long logged = jdbc.sql("select count(*) from health_gate_scan where gate = ?")
                .param(gate)
                .query(Long.class)
                .single();
        assertThat(logged).as("every scan acknowledged as recorded").isGreaterThanOrEqualTo(acknowledged);

        // Each problem escalated whole (its steps, its flags, its audit entry) or not at all; some left.
        assertThat(escalatedWholeOrNotAtAll(enterprise, sweepAt)).isEmpty();
        long left = due(enterprise, sweepAt);
        assertThat(left).as("killed half way through the sweep").isPositive().isLessThan(300);
        assertThat(sweep.sweep(sweepAt)).isPositive();
        assertThat(due(enterprise, sweepAt)).isZero();
        assertThat(escalatedWholeOrNotAtAll(enterprise, sweepAt)).isEmpty();
        assertThat(jdbc.sql("""
                        select count(*) from audit_event a join ticket t on a.entity_id = t.id::text
                        where t.enterprise_id = ? and a.action = 'TICKET_ESCALATION'""").param(enterprise).query(Long.class).single())
                .as("one escalation per problem, none twice")
                .isEqualTo(300);

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

    /** The enterprise's problems still due at that time. */
    private long due(UUID enterprise, Instant at) {
        return jdbc.sql("select count(*) from ticket where enterprise_id = ? and next_escalation_at <= ?")
                .params(enterprise, Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    /**
     * The enterprise's problems that are half escalated: a step issued twice, a notice sent twice, a
     * flag without its step or a step without its flag, an escalation without its audit entry.
     */
    private List<String> escalatedWholeOrNotAtAll(UUID enterprise, Instant at) {
        return jdbc.sql("""
                        select t.id::text from ticket t
                        where t.enterprise_id = :enterprise and (
                            exists (select 1 from ticket_event e where e.ticket_id = t.id and e.actor_name = 'SLA'
                                    group by e.kind having count(*) > 1)
                            or exists (select 1 from notification n where n.ticket_id = t.id
                                       group by n.kind, n.recipient having count(*) > 1)
                            or t.escalated <> exists (select 1 from ticket_event e where e.ticket_id = t.id
                                                      and e.kind = 'ESCALATED')
                            or t.first_response_late <> exists (select 1 from ticket_event e where e.ticket_id = t.id
                                                                and e.kind = 'FIRST_RESPONSE_OVERDUE')
                            or (t.next_escalation_at is null or t.next_escalation_at > :at)
                               <> exists (select 1 from audit_event a where a.entity_id = t.id::text
                                          and a.action = 'TICKET_ESCALATION'))""")
                .param("enterprise", enterprise)
                .param("at", Timestamp.from(at))
                .query(String.class)
                .list();
    }

    /** The application in a process of its own: scans from eight gates, one plan and a sweep, printing what it did. */
    public static final class Instance {

        public static void main(String[] args) throws Exception {
            ConfigurableApplicationContext context = anotherInstance(args[0], args[1], args[2])
                    .properties("fugong.transport.plan-seconds=120")
                    .run();
            String gate = args[3];
            LocalDate from = LocalDate.parse(args[4]);
            Instant sweepAt = Instant.parse(args[5]);
            TicketSweep sweep = context.getBean(TicketSweep.class);
            AtomicInteger batches = new AtomicInteger();
            Thread sweeper = new Thread(() -> {
                while (sweep.sweepBatch(sweepAt, 10)[0] > 0) {
                    say("swept " + batches.incrementAndGet());
                }
                say("sweep done");
            });
            sweeper.start();
            GateScans scans = context.getBean(GateScans.class);
            HealthCodes.Verification green =
                    new HealthCodes.Verification(true, null, null, CodeColour.GREEN, "张*", Instant.now());
            AtomicInteger recorded = new AtomicInteger();
            ExecutorService gates = Executors.newFixedThreadPool(8);
            for (int g = 0; g < 8; g++) {
                gates.submit(() -> {
                    while (true) {
                        if (scans.record(gate, green)) {
                            say("recorded " + recorded.incrementAndGet());
                        }
                    }
                });
            }
            // The plan starts while the gates scan and the sweep is under way; the test kills at its line.
            while (recorded.get() < 300 || batches.get() < 3) {
                Thread.onSpinWait();
            }
            // What it has done so far, said again just before the plan's line (the gates' own lines may
            // come out of order): the test reads these counts last.
            say("recorded " + recorded.get());
            say("swept " + batches.get());
            Actor transport = (Actor) context.getBean(UserDetailsService.class).loadUserByUsername("transport");
            UUID plan = context.getBean(Planner.class)
                    .start(transport, context.getBean(CurrentActor.class).scopeOf(transport), from, from.plusDays(2));
            say("solving " + plan);
            gates.awaitTermination(10, TimeUnit.MINUTES);
        }

        private static void say(String line) {
            synchronized (System.out) {
                System.out.println(line);
            }
        }
    }
}
