package org.fugong.shell;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Who is doing a piece of long work (an import, a plan being solved): the instance that does it holds
 * a PostgreSQL advisory lock on a connection of its own for as long as it works. An instance that
 * dies — stopped, killed with SIGKILL, its machine gone — loses the connection and the lock with it,
 * so any instance can tell at once that work marked as running has nobody running it any more.
 */
@Component
public class RunningWork {

    /** Held work: closing it lets the work go (and the connection back to the pool). */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource dataSource;

    RunningWork(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes the lock of a piece of work of a kind (the first key of its locks) and keeps it until closed. */
    public Held hold(int kind, UUID id) {
        try {
            Connection owner = dataSource.getConnection();
            try {
                advisory(owner, "pg_advisory_lock", kind, id);
            } catch (SQLException | RuntimeException e) {
                owner.close();
                throw e;
            }
            return () -> {
                try (owner;
                        Statement unlock = owner.createStatement()) {
                    unlock.execute("select pg_advisory_unlock_all()");
                } catch (SQLException e) {
                    // A connection that cannot unlock is closed by the pool; the lock goes with its session.
                }
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Could not hold " + id, e);
        }
    }

    /** Whether nobody holds this work's lock: the instance that ran it is gone. */
    public boolean abandoned(int kind, UUID id) {
        try (Connection probe = dataSource.getConnection()) {
            if (!advisory(probe, "pg_try_advisory_lock", kind, id)) {
                return false;
            }
            advisory(probe, "pg_advisory_unlock", kind, id);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look at " + id, e);
        }
    }

    /** Calls one of PostgreSQL's advisory-lock functions on a piece of work's lock; true when it answers true. */
    public static boolean advisory(Connection connection, String function, int kind, UUID id) throws SQLException {
        try (PreparedStatement call =
                connection.prepareStatement("select " + function + "(" + kind + ", hashtext(?))")) {
            call.setString(1, id.toString());
            try (ResultSet rs = call.executeQuery()) {
                return rs.next() && Boolean.TRUE.equals(rs.getObject(1));
            }
        }
    }
}
