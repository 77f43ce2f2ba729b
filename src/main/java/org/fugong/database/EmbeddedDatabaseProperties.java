package org.fugong.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL server started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the cluster keeps its files, so that a restart keeps what users entered
 * @param port          0 picks a free port
 * @param database      the database the application uses
 * @param ephemeral     a fresh cluster in a temporary folder, deleted at exit (tests)
 * @param replica       also start a streaming replica of it, synchronous (a commit waits until the replica
 *                      has applied it), that dashboards and reports read from
 */
@ConfigurationProperties("fugong.embedded-postgres")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/postgres") Path dataDirectory,
        @DefaultValue("0") int port,
        @DefaultValue("fugong") String database,
        @DefaultValue("false") boolean ephemeral,
        @DefaultValue("false") boolean replica) {}
