package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No module reads or writes another module's tables: Spring Modulith's {@code verify()} sees the
 * Java types a module uses, this test sees the SQL. A module asks the owner's API instead, or keeps
 * a copy of what it needs, updated from the owner's events.
 */
class TableOwnershipTests {

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final Path SOURCES = Path.of("src/main/java/org/fugong");

    static final Map<String, String> SAMPLE_MIGRATIONS = Map.of(
            "V1__enterprises_create.sql",
                    "create table enterprise (id uuid primary key, name text);\n"
                            + "create function enterprise_name_bigrams(name text) returns text[] language sql return '{}';",
            "V2__tickets_create.sql",
                    "create table ticket (id uuid primary key,\n"
                            + "    enterprise_id uuid not null references enterprise (id)); -- a foreign key is allowed");

    @Test
    void noModuleNamesAnotherModulesTable() {
        var migrations = TableOwnership.read(MIGRATIONS, ".sql");
        TableOwnership ownership = TableOwnership.of(migrations);
        assertThat(ownership.tables())
                .containsEntry("ticket", "tickets")
                .containsEntry("enterprise", "enterprises")
                .containsEntry("geo_district", "geography")
                .containsEntry("account_user", "accounts")
                .containsEntry("audit_event", "audit")
                .containsEntry("health_person", "healthcode");
        assertThat(ownership.inSources(TableOwnership.read(SOURCES, ".java"))).isEmpty();
        assertThat(ownership.inMigrations(migrations)).isEmpty();
    }

    @Test
    void theRuleCatchesAModuleReadingAnotherModulesTableAndLetsItReadItsOwn() {
        TableOwnership ownership = TableOwnership.of(SAMPLE_MIGRATIONS);
        var sources = Map.of(
                "tickets/TicketDesk.java", """
                        class TicketDesk {
                            // select name from enterprise: a comment is not SQL
                            static final String SELECT = "select t.*, e.name from ticket t join enterprise e on e.id = t.enterprise_id";
                            static final String OWN = \"""
                                    update ticket set title = ? where id = ?\""";
                        }""",
                "tickets/TicketQueries.java", """
                        class TicketQueries {
                            static final String SIMILAR = "select * from ticket where bigrams && enterprise_name_bigrams(?)";
                            static final String TEXT = "The enterprise from which the ticket came";
                        }""",
                "enterprises/EnterpriseDirectory.java", """
                        class EnterpriseDirectory {
                            static final String SELECT = "select id, name from enterprise where id = ?";
                        }""");
        assertThat(ownership.inSources(sources))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "tickets/TicketDesk.java: tickets names enterprises's enterprise",
                        "tickets/TicketQueries.java: tickets names enterprises's enterprise_name_bigrams()");
    }

    @Test
    void aMigrationMayReferToAnotherModulesTableOnlyByForeignKey() {
        TableOwnership ownership = TableOwnership.of(SAMPLE_MIGRATIONS);
        assertThat(ownership.inMigrations(SAMPLE_MIGRATIONS)).isEmpty();
        var backfill = Map.of(
                "V3__tickets_names.sql",
                "update ticket t set enterprise_name = e.name from enterprise e where e.id = t.enterprise_id;");
        assertThat(ownership.inMigrations(backfill))
                .extracting(Object::toString)
                .containsExactly("V3__tickets_names.sql: tickets names enterprises's enterprise");
    }
}
