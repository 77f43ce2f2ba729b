package org.fugong.healthcode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * Which failures of a scan's write drop it (the database refused the row for what it holds) and which
 * keep it queued (the database is away, or the connection died under the batch — an error from the
 * driver where assertions are on): a scan is never dropped for an outage.
 */
class GateScanFailureTests {

    @Test
    void onlyWhatTheDatabaseRefusesAsDataIsDropped() {
        assertThat(GateScans.refusedAsData(new DataIntegrityViolationException(
                        "too long", new SQLException("value too long for type character varying(20)", "22001"))))
                .isTrue();
        assertThat(GateScans.refusedAsData(
                        new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
                .isTrue();
        assertThat(GateScans.refusedAsData(new UncategorizedSQLException(
                        "insert",
                        "insert …",
                        new SQLException("terminating connection due to administrator command", "57P01"))))
                .isFalse();
        assertThat(GateScans.refusedAsData(new CannotGetJdbcConnectionException(
                        "no connection", new SQLException("Connection refused", "08001"))))
                .isFalse();
        assertThat(GateScans.refusedAsData(
                        new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw")))
                .isFalse();
    }
}
