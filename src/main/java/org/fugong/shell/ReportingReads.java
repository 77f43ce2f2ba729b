package org.fugong.shell;

import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads for dashboards and reports go to the reporting replica while a {@link ReportingRead} handler runs
 * (the connection is chosen when it is taken); everything else, and every write, goes to the primary. Without
 * a replica, or while it cannot be reached, the primary answers instead.
 */
@Component
public class ReportingReads {

    private static final ThreadLocal<Boolean> REPORTING = new ThreadLocal<>();

    private final JdbcClient jdbc;
    private final TransactionTemplate onPrimary;

    ReportingReads(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.onPrimary = new TransactionTemplate(transactions);
        this.onPrimary.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * How far behind the primary the replica that answers this request is: up to date when it has applied all
     * it received, otherwise the time since the last change it applied (at least a second).
     */
    public record Freshness(boolean upToDate, long secondsBehind) {}

    /** Whether connections taken now should come from the replica. */
    public static boolean reporting() {
        return Boolean.TRUE.equals(REPORTING.get());
    }

    /** Runs work with connections from the replica (the handler interceptor does this for marked handlers). */
    public static <T> T fromReplica(Supplier<T> work) {
        return with(Boolean.TRUE, work);
    }

    /** Work whose connections must come from the primary even inside a reporting read (it writes). */
    interface PrimaryWork<T> {
        T run() throws Throwable;
    }

    /** Runs work with connections from the primary, whatever the request reads from. */
    static <T> T onPrimaryOnly(PrimaryWork<T> work) throws Throwable {
        Boolean before = REPORTING.get();
        set(null);
        try {
            return work.run();
        } finally {
            set(before);
        }
    }

    static void begin() {
        set(Boolean.TRUE);
    }

    static void end() {
        set(null);
    }

    /**
     * The replica that answers reads now, if one does: how far behind it is (nothing when the primary answers,
     * because none is configured or it cannot be reached).
     */
    public Optional<Freshness> freshness() {
        return jdbc.sql("""
                        select pg_last_wal_receive_lsn() is null or pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn(),
                               greatest(1, ceil(extract(epoch from now() - pg_last_xact_replay_timestamp())))::bigint
                        where pg_is_in_recovery()""")
                .query((rs, n) -> rs.getBoolean(1) ? new Freshness(true, 0) : new Freshness(false, rs.getLong(2)))
                .optional();
    }

    /**
     * Runs a write that a reporting read needs (figures computed for the first time) on the primary, in a
     * transaction of its own.
     */
    public <T> T onPrimary(Supplier<T> work) {
        return with(null, () -> onPrimary.execute(status -> work.get()));
    }

    /** Runs work with the reporting mark set or cleared, and puts it back as it was. */
    private static <T> T with(@Nullable Boolean reporting, Supplier<T> work) {
        Boolean before = REPORTING.get();
        set(reporting);
        try {
            return work.get();
        } finally {
            set(before);
        }
    }

    private static void set(@Nullable Boolean reporting) {
        if (reporting == null) {
            REPORTING.remove();
        } else {
            REPORTING.set(reporting);
        }
    }
}
