package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.internal.CodeStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The health-code tables are partitioned by hash of the person reference, every key includes it, a
 * lookup by person reads one partition, and the migration that partitioned them kept every id.
 */
class PartitioningTests extends IntegrationTest {

    /** The person tables and the column each is partitioned by. */
    static final Map<String, String> PARTITIONED = Map.of(
            "health_person", "id",
            "health_person_key", "id_hash",
            "health_status", "person_id",
            "health_declaration", "person_id",
            "health_checkin", "person_id",
            "health_list_entry", "id_hash",
            "health_status_change", "person_id",
            "health_staff", "person_id",
            "health_correction", "person_id",
            "health_phone_change", "person_id");

    @Autowired
    Persons persons;

    @Autowired
    HealthLists lists;

    @Autowired
    CodeStatus status;

    @Autowired
    DataSource dataSource;

    @Test
    void everyTableAboutAPersonIsHashPartitionedByItsReferenceAndEveryKeyIncludesIt() {
        var keys = jdbc.sql("""
                        select c.relname, p.partstrat, a.attname,
                               (select count(*) from pg_inherits i where i.inhparent = c.oid)
                        from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
                        join pg_attribute a on a.attrelid = c.oid and a.attnum = p.partattrs[0]
                        where c.relname like 'health%'""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        assertThat(keys)
                .containsExactlyInAnyOrderElementsOf(PARTITIONED.entrySet().stream()
                        .map(e -> List.of(e.getKey(), "h", e.getValue(), "16"))
                        .toList());
        // Every unique key of those tables includes the column (what Citus needs to distribute them).
        var uniqueWithout = jdbc.sql("""
                        select c.relname || ': ' || x.relname from pg_index i
                        join pg_class c on c.oid = i.indrelid join pg_class x on x.oid = i.indexrelid
                        join pg_partitioned_table p on p.partrelid = c.oid
                        where i.indisunique and c.relname like 'health%' and not p.partattrs[0] = any(i.indkey::int2[])""").query(String.class).list();
        assertThat(uniqueWithout).isEmpty();
        // A new table about a person must be partitioned too; the gate's scan log is the one exception
        // (docs/healthcode.md: a scan of a forged code names no one).
        var unpartitioned = jdbc.sql("""
                        select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid
                        where c.relkind = 'r' and not c.relispartition and c.relname like 'health%'
                          and a.attname in ('person_id', 'id_hash') and not a.attisdropped""").query(String.class).list();
        assertThat(unpartitioned).containsExactlyInAnyOrder("health_gate_scan", "health_otp");
    }

    @Test
    void aPersonIsFoundAndCheckedInOnePartition() {
        UUID person = persons.identify(HealthCodeTests.residentId(new Random(61)), "分区者", "13900006161")
                .id();
        assertThat(partitionsRead("select colour from health_status where person_id = '" + person + "'"))
                .isEqualTo(1);
        assertThat(partitionsRead("select * from health_person where id = '" + person + "'"))
                .isEqualTo(1);
        byte[] hash = jdbc.sql("select id_hash from health_person where id = ?")
                .param(person)
                .query(byte[].class)
                .single();
        assertThat(partitionsRead("select person_id from health_person_key where id_hash = '\\x"
                        + HexFormat.of().formatHex(hash) + "'::bytea"))
                .isEqualTo(1);
        assertThat(partitionsRead("select kind from health_list_entry where id_hash = '\\x"
                        + HexFormat.of().formatHex(hash) + "'::bytea"))
                .isEqualTo(1);
        // The same person again (another form, the same ID number) is the same row, found by the key.
        assertThat(persons.findByIdNumber(HealthCodeTests.residentId(new Random(61))))
                .get()
                .extracting(Persons.Person::id)
                .isEqualTo(person);
    }

    @Test
    void theMigrationThatPartitionedTheTablesKeptEveryIdAndEveryRow() throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        String database = "partition_check_" + Long.toHexString(System.nanoTime());
        jdbc.sql("create database " + database).update();
        try {
            String url = hikari.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
            DriverManagerDataSource before =
                    new DriverManagerDataSource(url, hikari.getUsername(), hikari.getPassword());
            Flyway.configure()
                    .dataSource(before)
                    .locations("classpath:db/migration")
                    .target("39")
                    .load()
                    .migrate();
            JdbcClient old = JdbcClient.create(before);
            UUID person = UUID.randomUUID();
            old.sql("""
                            insert into health_person (id, id_hash, id_cipher, phone_hash, phone_cipher, name_cipher, masked_name,
                                                       created_at, updated_at)
                            values (?, '\\x0102'::bytea, '\\x03', '\\x04', '\\x05', '\\x06', '张*', now(), now())""").param(person).update();
            old.sql("insert into health_status (person_id, colour, since, version) values (?, 'YELLOW', now(), 3)")
                    .param(person)
                    .update();
            long declaration = declare(old, person, LocalDate.of(2020, 2, 10));
            old.sql("""
                            insert into health_list_entry (id_hash, kind, listed_on, source, created_at)
                            values ('\\x0102'::bytea, 'CLOSE_CONTACT', date '2020-02-11', 'cdc', now())""").update();

            Flyway.configure()
                    .dataSource(before)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();

            assertThat(old.sql("select person_id from health_person_key where id_hash = '\\x0102'::bytea")
                            .query(UUID.class)
                            .single())
                    .isEqualTo(person);
            assertThat(old.sql("select colour || version from health_status where person_id = ?")
                            .param(person)
                            .query(String.class)
                            .single())
                    .isEqualTo("YELLOW3");
            assertThat(old.sql("select id from health_declaration where person_id = ?")
                            .param(person)
                            .query(Long.class)
                            .single())
                    .isEqualTo(declaration);
            long next = declare(old, person, LocalDate.of(2020, 2, 12));
            assertThat(next).isGreaterThan(declaration);
            assertThat(old.sql("select count(*) from health_list_entry where id_hash = '\\x0102'::bytea")
                            .query(Integer.class)
                            .single())
                    .isOne();
            assertThat(old.sql("select count(*) from pg_class where relname like '%\\_old'")
                            .query(Integer.class)
                            .single())
                    .isZero();
        } finally {
            jdbc.sql("drop database " + database + " with (force)").update();
        }
    }

    /** A declaration written by SQL; its id. */
    private static long declare(JdbcClient database, UUID person, LocalDate on) {
        return database.sql("""
                        insert into health_declaration (person_id, declared_on, contact, symptoms, created_at)
                        values (?, ?, false, 'NONE', now()) returning id""").params(person, on).query(Long.class).single();
    }

    /** How many partitions of a table the plan of a query reads. */
    private int partitionsRead(String query) {
        String plan = String.join(
                "\n", jdbc.sql("explain " + query).query(String.class).list());
        return (int) plan.lines().filter(line -> line.contains(" on health_")).count();
    }
}
