package org.fugong.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTests {

    @TempDir
    Path folder;

    @Test
    void aRestartKeepsWhatWasWritten() throws Exception {
        Path data = folder.resolve("data");
        try (var server = EmbeddedPostgresServer.start(data, 0, false)) {
            server.createDatabaseIfMissing("keep");
            try (var c = DriverManager.getConnection(server.jdbcUrl("keep"), "postgres", "");
                    var s = c.createStatement()) {
                s.execute("create table note (text varchar(100))");
                s.execute("insert into note values ('复工')");
            }
        }
        try (var server = EmbeddedPostgresServer.start(data, 0, false);
                var c = DriverManager.getConnection(server.jdbcUrl("keep"), "postgres", "");
                var s = c.createStatement();
                var rs = s.executeQuery("select text, version() from note")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("复工");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }
}
