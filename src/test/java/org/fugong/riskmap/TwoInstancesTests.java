package org.fugong.riskmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Date;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.database.ReplicaConnection;
import org.fugong.healthcode.internal.SigningKeys;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.ReportingReads;
import org.fugong.shell.Times;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketPriority;
import org.fugong.tickets.TicketSweep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the application on one database, as behind a load balancer: a second,
 * separately started application (its own beans, pool and scheduler) shares the test database.
 */
class TwoInstancesTests extends IntegrationTest {

    static ConfigurableApplicationContext second;

    @Autowired
    RiskMapDesk desk;

    @Autowired
    Times times;

    @Autowired
    TicketSweep sweep;

    @Autowired
    SigningKeys keys;

    @BeforeAll
    static void startSecondInstance(@Autowired DataSource dataSource, @Autowired ApplicationContext context)
            throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        // The second instance reads its dashboards from the first one's replica, configured by address.
        ReplicaConnection replica =
                context.getBeanProvider(ReplicaConnection.class).getIfAvailable();
        second = anotherInstance(
                        hikari.getJdbcUrl(),
                        hikari.getUsername(),
                        hikari.getPassword() == null ? "" : hikari.getPassword())
                .properties(
                        replica == null
                                ? Map.<String, Object>of()
                                : Map.<String, Object>of("fugong.replica.url", replica.url()))
                .properties(
                        "fugong.riskmap.override-sweep=1h",
                        "fugong.tickets.sweep-every=1h",
                        "management.endpoints.web.exposure.include=health")
                .run();
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    <T> List<T> race(Callable<T> first, Callable<T> other) throws Exception {
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> work : List.of(first, other)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** A replica configured by address (as in production): the second instance's reporting reads go to it. */
    @Test
    void theSecondInstanceReadsReportsFromTheReplicaConfiguredByAddress() {
        assumeTrue(
                second.getBeanProvider(ReplicaConnection.class).getIfAvailable() != null, "needs the embedded replica");
        JdbcClient secondJdbc = JdbcClient.create(second.getBean(DataSource.class));
        assertThat(ReportingReads.fromReplica(() -> secondJdbc
                        .sql("select pg_is_in_recovery()")
                        .query(Boolean.class)
                        .single()))
                .isTrue();
        assertThat(secondJdbc
                        .sql("select pg_is_in_recovery()")
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    @Test
    void twoInstancesComputeADayOnce() throws Exception {
        RiskMapDesk other = second.getBean(RiskMapDesk.class);
        assertThat(other).isNotSameAs(desk);
        LocalDate day = times.today().minusDays(600);
        List<Boolean> ran = race(() -> desk.runDaily(day, "first"), () -> other.runDaily(day, "second"));
        assertThat(ran).containsExactlyInAnyOrder(true, false);
        assertThat(jdbc.sql("select count(*) from risk_job_run where day = ?")
                        .param(Date.valueOf(day))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void twoInstancesEndAnExpiredOverrideOnce() throws Exception {
        RiskMapDesk other = second.getBean(RiskMapDesk.class);
        // The second instance runs on the real clock: expire the override in real time.
        Instant expiry = Instant.now().plus(Duration.ofMillis(300));
        desk.override(actor("city"), "330213", RiskColour.YELLOW, "two instances", expiry);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiry));
        List<Integer> ended = race(desk::endExpiredOverrides, other::endExpiredOverrides);
        assertThat(ended.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'OVERRIDE_EXPIRED' and entity_id in "
                                + "(select cast(id as text) from risk_override where reason = 'two instances')")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void twoInstancesSweepingAtOnceIssueOneReminder() throws Exception {
        var owner = actor("ent-jiangbei");
        var desk = second.getBean(TicketDesk.class);
        var ticket = desk.file(
                owner,
                Scope.enterprise(owner.enterpriseId()),
                new TicketDesk.NewTicket(
                        owner.enterpriseId(),
                        TicketCategory.LOGISTICS,
                        TicketPriority.NORMAL,
                        "原料运不进来",
                        "上游货车在高速卡口被拦。",
                        false,
                        null));
        Instant breach = ticket.solutionDue().plusSeconds(1);
        var here = sweep;
        var there = second.getBean(TicketSweep.class);
        List<Integer> steps = race(() -> here.sweep(breach), () -> there.sweep(breach));
        // Between them the two sweeps took this ticket's three steps (first response overdue, warning, breach).
        assertThat(steps.get(0) + steps.get(1)).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("select count(*) from ticket_event where ticket_id = ? and kind = 'REMINDER_ISSUED'")
                        .param(ticket.id())
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("select count(*) from notification where ticket_id = ? and kind = 'REMINDER'")
                        .param(ticket.id())
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("select count(*) from ticket_event where ticket_id = ? and kind = 'ESCALATED'")
                        .param(ticket.id())
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void twoInstancesSignWithTheKeyTheDatabaseSchedules() {
        SigningKeys here = keys;
        SigningKeys there = second.getBean(SigningKeys.class);
        here.refresh();
        there.refresh();
        String signing = here.current().getKeyID();
        assertThat(there.current().getKeyID()).isEqualTo(signing);
        // One instance makes the next key: the other publishes it at once and both go on signing with the old.
        String next = here.rotate().getKeyID();
        there.refresh();
        assertThat(there.published().getKeys()).extracting(k -> k.getKeyID()).contains(signing, next);
        assertThat(there.current().getKeyID()).isEqualTo(signing);
        assertThat(here.current().getKeyID()).isEqualTo(signing);
        // The day passes (the schedule moved instead of the clocks): both sign with the next key.
        jdbc.sql("update health_signing_key set signs_from = signs_from - interval '1 day' where kid in (?, ?)")
                .params(signing, next)
                .update();
        here.refresh();
        there.refresh();
        assertThat(here.current().getKeyID()).isEqualTo(next);
        assertThat(there.current().getKeyID()).isEqualTo(next);
        // The old key stays published on both while its codes may still be shown.
        assertThat(there.published().getKeys()).extracting(k -> k.getKeyID()).contains(signing, next);
    }
}
