package org.fugong.enterprises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.enterprises.internal.EnterpriseImports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

class EnterpriseImportTests extends IntegrationTest {

    @Autowired
    EnterpriseImports imports;

    @Autowired
    DataSource dataSource;

    static String code(String division, String body) {
        return UnifiedSocialCreditCode.compose('9', '1', division, body);
    }

    UUID upload(String user, String filename, String content) throws Exception {
        String location = mvc.perform(multipart("/enterprises/imports")
                        .with(as(user))
                        .with(csrf())
                        .file(new MockMultipartFile(
                                "file", filename, "text/csv", content.getBytes(StandardCharsets.UTF_8))))
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/enterprises/imports/");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    /** How many of these credit codes the registry holds. */
    private long inRegistry(String... codes) {
        return jdbc.sql("select count(*) from enterprise where uscc = any(?)")
                .param(codes)
                .query(Long.class)
                .single();
    }

    /** Runs queued imports here (or waits for the background worker, whichever takes it). */
    EnterpriseImports.Import finished(String user, UUID id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            imports.runNext("test");
            var job = imports.find(Scope.city(), id).orElseThrow();
            if (job.finished()) {
                return job;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Import did not finish");
    }

    @Test
    void aFileWithBadRowsReportsEveryRowAndImportsNothing() throws Exception {
        String existing = jdbc.sql("select uscc from enterprise where district_code = '330203' limit 1")
                .query(String.class)
                .single();
        String good = code("330203", "1A2B3C4D");
        String csv = String.join(
                "\n",
                String.join(",", EnterpriseImports.COLUMNS),
                good + ",宁波测试导入甲有限公司,张三,330203,330203001,C,SMALL,false,25",
                "913302031234567899,宁波坏码有限公司,李四,330203,,C,SMALL,false,25",
                code("330203", "22334455") + ",宁波未知区有限公司,王五,339999,,C,SMALL,false,25",
                good + ",宁波重复有限公司,赵六,330203,,C,SMALL,false,25",
                existing + ",宁波已存在有限公司,钱七,330203,,C,SMALL,false,25",
                code("330203", "55667788") + ",宁波错镇有限公司,孙八,330203,330205001,C,SMALL,false,25",
                code("330203", "66778899") + ",宁波坏数有限公司,周九,330203,,Z,HUGE,maybe,-3",
                code("330203", "77889900") + ",宁波坏电话有限公司,吴十,330203,,C,SMALL,false,25,,,,吴十,12345");
        UUID id = upload("city", "bad.csv", csv);
        var job = finished("city", id);
        assertThat(job.status()).isEqualTo(EnterpriseImports.Status.REJECTED);
        assertThat(job.problems()).extracting(EnterpriseImports.Problem::line).contains(3, 4, 5, 6, 7, 8, 9);
        assertThat(job.problems())
                .extracting(EnterpriseImports.Problem::messageKey)
                .contains(
                        "enterprises.import.error.uscc",
                        "enterprises.import.error.district",
                        "enterprises.import.error.duplicate",
                        "enterprises.import.error.exists",
                        "enterprises.import.error.township",
                        "enterprises.import.error.industry",
                        "enterprises.import.error.size",
                        "enterprises.import.error.boolean",
                        "enterprises.import.error.staff",
                        "enterprises.import.error.phone");
        assertThat(inRegistry(good)).isZero();
        String page = mvc.perform(
                        get("/enterprises/imports/" + id).with(as("city")).header("Accept-Language", "en"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("Line 4, district_code: No district has the code &quot;339999&quot;")
                .contains("Nothing imported: the file has errors")
                .doesNotContain("hx-trigger");
    }

    @Test
    void aGoodFileIsImportedAndAuditedAsTheRequester() throws Exception {
        String first = code("330203", "7A7B7C7D");
        String second = code("330203", "8A8B8C8D");
        UUID id = upload(
                "haishu",
                "good.csv",
                String.join(
                        "\n",
                        String.join(",", EnterpriseImports.COLUMNS),
                        first + ",宁波导入一号有限公司,吴一,330203,330203002,F,MICRO,false,5,,,,吴一,+86 138 0574 0001",
                        second + ",宁波导入二号有限公司,郑二,330203,,C,MEDIUM,true,400"));
        var job = finished("haishu", id);
        assertThat(job.status()).isEqualTo(EnterpriseImports.Status.DONE);
        assertThat(job.importedRows()).isEqualTo(2);
        assertThat(inRegistry(first, second)).isEqualTo(2);
        assertThat(jdbc.sql("select contact_phone from enterprise where uscc = ?")
                        .param(first)
                        .query(String.class)
                        .single())
                .isEqualTo("13805740001");
        assertThat(jdbc.sql("""
                        select actor from audit_event where action = 'ENTERPRISE_REGISTERED' and after_state ->> 'uscc' = ?""").param(first).query(String.class).single()).isEqualTo("haishu");
    }

    @Test
    void aDistrictOfficialImportsOnlyItsDistrictAndSeesOnlyItsImports() throws Exception {
        String jiangbei = code("330205", "9A9B9C9D");
        UUID id = upload(
                "haishu",
                "other.csv",
                String.join(
                        "\n",
                        String.join(",", EnterpriseImports.COLUMNS),
                        jiangbei + ",宁波越界有限公司,冯三,330205,,C,SMALL,false,30"));
        var job = finished("haishu", id);
        assertThat(job.status()).isEqualTo(EnterpriseImports.Status.REJECTED);
        assertThat(job.problems())
                .extracting(EnterpriseImports.Problem::messageKey)
                .containsExactly("enterprises.import.error.notYourDistrict");
        assertThat(mvc.perform(get("/enterprises/imports/" + id).with(as("jiangbei")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/enterprises/imports/" + id).with(as("city")))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void aRunningImportIsPolledByItsFragmentAlone() throws Exception {
        UUID id = imports.submit(actor("city"), "running.csv", "uscc".getBytes(StandardCharsets.UTF_8));
        // Hold it as running, so that no worker takes it while the page is asked for.
        jdbc.sql("update enterprise_import set status = 'IMPORTING' where id = ?")
                .param(id)
                .update();
        String running = mvc.perform(
                        get("/enterprises/imports/" + id).with(as("city")).header("HX-Request", "true"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(running)
                .doesNotContain("<html")
                .contains("id=\"import-status\"")
                .contains("hx-trigger=\"every 1s\"");
        jdbc.sql("update enterprise_import set status = 'FAILED' where id = ?")
                .param(id)
                .update();
        String done = mvc.perform(
                        get("/enterprises/imports/" + id).with(as("city")).header("HX-Request", "true"))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(done).contains("id=\"import-status\"").doesNotContain("hx-trigger");
    }

    @Test
    void twoWorkersRunAnImportOnce() throws Exception {
        UUID id = imports.submit(
                actor("city"),
                "race.csv",
                (String.join(",", EnterpriseImports.COLUMNS) + "\n" + code("330212", "3C3D3E3F")
                                + ",宁波并发有限公司,陈四,330212,,C,SMALL,false,12")
                        .getBytes(StandardCharsets.UTF_8));
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String instance = "worker-" + i;
            runs.add(pool.submit((Callable<Boolean>) () -> {
                start.await();
                return imports.runNext(instance);
            }));
        }
        start.countDown();
        for (Future<Boolean> run : runs) {
            run.get();
        }
        pool.shutdown();
        var job = finished("city", id);
        assertThat(job.status()).isEqualTo(EnterpriseImports.Status.DONE);
        assertThat(jdbc.sql("select count(*) from enterprise where name = '宁波并发有限公司'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    /** An import left as an instance that died leaves it: marked running, its lock released with the dead connection. */
    private UUID interrupted(String csv, int attempts) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into enterprise_import (id, filename, content, status, checked_rows, total_rows, requested_by,
                                                       district_code, created_at, started_at, claimed_by, attempts)
                        values (?, 'killed.csv', ?, 'CHECKING', 500, 2, 'haishu', '330203', now(), now(), 'killed-instance', ?)""").params(id, csv.getBytes(StandardCharsets.UTF_8), attempts).update();
        return id;
    }

    private String twoRows(String first, String second) {
        return String.join(
                "\n",
                String.join(",", EnterpriseImports.COLUMNS),
                first + ",宁波续跑甲有限公司,张三,330203,,C,SMALL,false,25",
                second + ",宁波续跑乙有限公司,李四,330203,,C,SMALL,false,25");
    }

    @Test
    void anImportWhoseInstanceDiedIsRunAgainFromTheStartAndEndsDone() throws Exception {
        String first = code("330203", "8K1M2N3P");
        String second = code("330203", "8K1M2N3Q");
        UUID id = interrupted(twoRows(first, second), 0);
        var job = finished("haishu", id);
        assertThat(job.status()).isEqualTo(EnterpriseImports.Status.DONE);
        assertThat(job.importedRows()).isEqualTo(2);
        assertThat(inRegistry(first, second)).isEqualTo(2);
        assertThat(jdbc.sql("select attempts from enterprise_import where id = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where entity_id = ? and action = 'IMPORT_RESUMED'")
                        .param(id.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anImportStillHeldByALiveInstanceIsLeftAloneUntilThatInstanceDies() throws Exception {
        String first = code("330203", "9K1M2N3P");
        UUID id = interrupted(twoRows(first, code("330203", "9K1M2N3Q")), 0);
        // Another instance runs it: its own connection (not one of this pool's) holds the import's lock.
        var pool = dataSource.unwrap(HikariDataSource.class);
        try (Connection other =
                DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            try (var lock = other.prepareStatement("select pg_advisory_lock(1179076913, hashtext(?))")) {
                lock.setString(1, id.toString());
                lock.execute();
            }
            assertThat(imports.resumeInterrupted()).isZero();
            assertThat(imports.find(Scope.city(), id).orElseThrow().status())
                    .isEqualTo(EnterpriseImports.Status.CHECKING);
            // That instance dies: its connection is cut, and the lock goes with it.
            other.abort(Runnable::run);
        }
        assertThat(finished("haishu", id).status()).isEqualTo(EnterpriseImports.Status.DONE);
    }

    /** The runner is another process, killed with SIGKILL: the database drops its lock, and the import runs again here. */
    @Test
    void anImportWhoseRunnerProcessIsKilledIsRunAgain() throws Exception {
        String first = code("330203", "6K1M2N3P");
        UUID id = interrupted(twoRows(first, code("330203", "6K1M2N3Q")), 0);
        Process runner = processOnThisDatabase(ImportLockHolder.class, id.toString());
        try (var out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("holding");
            assertThat(imports.resumeInterrupted()).as("while its runner lives").isZero();
            runner.destroyForcibly();
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(finished("haishu", id).status()).isEqualTo(EnterpriseImports.Status.DONE);
        assertThat(inRegistry(first)).isEqualTo(1);
    }

    @Test
    void anImportInterruptedThreeTimesEndsFailedSayingSo() throws Exception {
        String first = code("330203", "7K1M2N3P");
        UUID id = interrupted(twoRows(first, code("330203", "7K1M2N3Q")), EnterpriseImports.MAX_ATTEMPTS - 1);
        imports.resumeInterrupted();
        var job = imports.find(Scope.city(), id).orElseThrow();
        assertThat(job.status()).isEqualTo(EnterpriseImports.Status.FAILED);
        assertThat(job.problems())
                .extracting(EnterpriseImports.Problem::messageKey)
                .containsExactly("import.error.interrupted");
        assertThat(inRegistry(first)).isZero();
        assertThat(mvc.perform(get("/enterprises/imports/" + id)
                                .with(as("haishu"))
                                .header("Accept-Language", "en"))
                        .getResponse()
                        .getContentAsString())
                .contains("interrupted three times");
    }
}
