package org.fugong.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DriverManager;
import java.sql.Statement;
import javax.sql.DataSource;
import org.fugong.IntegrationTest;
import org.fugong.database.EmbeddedPostgresServer;
import org.fugong.database.ReplicaConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Dashboards and reports read from a real streaming replica of the test cluster (a hot standby made from a
 * base backup of it, with the same binaries), everything else from the primary; an unreachable replica is
 * answered for by the primary.
 */
class ReplicaTests extends IntegrationTest {

    private static final String DATABASE = "fugong";
    private static final String SLOT = "fugong_replica";

    @Autowired(required = false)
    EmbeddedPostgresServer primary;

    @Autowired(required = false)
    @Qualifier("embeddedReplicaServer") EmbeddedPostgresServer replicaServer;

    @Autowired(required = false)
    ReplicaConnection replica;

    @Autowired
    DataSource dataSource;

    private boolean onReplica() {
        return jdbc.sql("select pg_is_in_recovery()").query(Boolean.class).single();
    }

    @Test
    void reportingReadsGoToTheReplicaAndEverythingElseToThePrimary() {
        assumeTrue(replica != null, "needs the embedded replica");
        assertThat(onReplica()).isFalse();
        assertThat(ReportingReads.fromReplica(this::onReplica)).isTrue();
        // What the primary commits, the (synchronous) replica has applied when the commit returns.
        jdbc.sql("create table if not exists replica_probe (n int)").update();
        jdbc.sql("insert into replica_probe values (1)").update();
        assertThat(ReportingReads.fromReplica(() -> jdbc.sql("select count(*) from replica_probe")
                        .query(Long.class)
                        .single()))
                .isEqualTo(jdbc.sql("select count(*) from replica_probe")
                        .query(Long.class)
                        .single());
    }

    @Test
    void theDashboardAndTheIndexApiReadFromTheReplicaAndSaySo() {
        assumeTrue(replica != null, "needs the embedded replica");
        assertThat(mvc.get().uri("/dashboard").with(as("city")))
                .hasStatusOk()
                .bodyText()
                .contains("Read from the reporting replica, up to date.");
        assertThat(mvc.get()
                        .uri("/dashboard")
                        .header("Accept-Language", "zh-CN")
                        .with(as("city")))
                .hasStatusOk()
                .bodyText()
                .contains("数据读自报表副本库，已与主库同步。");
        assertThat(mvc.get().uri("/api/index").with(as("city"))).hasStatusOk();
    }

    /**
     * With the replica asynchronous and its replay paused, what the primary commits is not yet on the
     * replica: reporting reads see the older state and the dashboard says how far behind it is; once replay
     * resumes they catch up.
     */
    @Test
    void aReplicaBehindShowsTheOlderStateAndSaysSo() throws Exception {
        assumeTrue(replica != null && primary != null, "needs the embedded replica");
        jdbc.sql("create table if not exists replica_probe (n int)").update();
        long before =
                jdbc.sql("select count(*) from replica_probe").query(Long.class).single();
        primary.makeAsynchronous();
        try (var standby = DriverManager.getConnection(replica.url(), replica.username(), replica.password());
                var statement = standby.createStatement()) {
            statement.execute("select pg_wal_replay_pause()");
            try {
                jdbc.sql("insert into replica_probe values (2)").update();
                assertThat(jdbc.sql("select count(*) from replica_probe")
                                .query(Long.class)
                                .single())
                        .isEqualTo(before + 1);
                assertThat(ReportingReads.fromReplica(() -> jdbc.sql("select count(*) from replica_probe")
                                .query(Long.class)
                                .single()))
                        .isEqualTo(before);
                assertThat(mvc.get().uri("/dashboard").with(as("city")))
                        .hasStatusOk()
                        .bodyText()
                        .containsPattern("Read from the reporting replica, \\d+ s behind the registry.");
            } finally {
                statement.execute("select pg_wal_replay_resume()");
            }
            waitUntilCaughtUp(statement);
        } finally {
            primary.makeSynchronous(SLOT, DATABASE);
        }
        assertThat(ReportingReads.fromReplica(() -> jdbc.sql("select count(*) from replica_probe")
                        .query(Long.class)
                        .single()))
                .isEqualTo(before + 1);
    }

    /** The replica stops: the dashboard is answered from the primary (no failure, no replica note), then again from it. */
    @Test
    void anUnreachableReplicaIsAnsweredForByThePrimary() throws Exception {
        assumeTrue(replicaServer != null && primary != null, "needs the embedded replica");
        primary.makeAsynchronous();
        try {
            replicaServer.stopForOutage();
            try {
                assertThat(mvc.get().uri("/dashboard").with(as("city")))
                        .hasStatusOk()
                        .bodyText()
                        .doesNotContain("reporting replica");
                assertThat(ReportingReads.fromReplica(this::onReplica)).isFalse();
            } finally {
                replicaServer.startAfterOutage();
            }
            primary.makeSynchronous(SLOT, DATABASE);
        } finally {
            // Back on the replica once its pool has reconnected (each try waits at most the pool's 2 s).
            boolean back = false;
            for (int attempt = 0; attempt < 15 && !back; attempt++) {
                ((ReplicaRouting.Router) dataSource).retryNow();
                back = ReportingReads.fromReplica(this::onReplica);
            }
            assertThat(back).as("reporting reads on the replica again").isTrue();
        }
    }

    private void waitUntilCaughtUp(Statement standby) throws Exception {
        String target = jdbc.sql("select pg_current_wal_lsn()::text")
                .query(String.class)
                .single();
        for (int attempt = 0; attempt < 600; attempt++) {
            try (var rs = standby.executeQuery(
                    "select pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn, pg_sleep(0.01)")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
        }
        throw new AssertionError("The replica did not catch up");
    }
}
