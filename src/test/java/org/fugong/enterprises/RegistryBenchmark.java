package org.fugong.enterprises;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.shell.Slice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Fills the registry to a million enterprises with COPY and prints how long that took, then the
 * median time of registry pages through the whole web stack (security, scope, SQL, Thymeleaf) as
 * a city and a district official. A program, not a test: run it with {@code bench/registry.sh}.
 */
@Tag("benchmark")
class RegistryBenchmark extends IntegrationTest {

    @Autowired
    RegistryGenerator generator;

    @Test
    void measure() throws Exception {
        int target = Integer.getInteger("fugong.bench.enterprises", 1_000_000);
        long present =
                jdbc.sql("select count(*) from enterprise").query(Long.class).single();
        long start = System.nanoTime();
        long added = generator.generate((int) Math.max(0, target - present), 42);
        double seconds = (System.nanoTime() - start) / 1e9;
        long analyzeStart = System.nanoTime();
        jdbc.sql("analyze enterprise").update();
        System.out.printf(
                "BENCH generated %,d enterprises with COPY in %.1f s (%,.0f rows/s); analyze %.1f s; registry now %,d%n",
                added,
                seconds,
                added / seconds,
                (System.nanoTime() - analyzeStart) / 1e9,
                jdbc.sql("select count(*) from enterprise").query(Long.class).single());

        long appsStart = System.nanoTime();
        long applications = generator.generateApplications(0.3);
        jdbc.sql("analyze resumption_application").update();
        System.out.printf(
                "BENCH generated %,d applications in %.1f s; pending in Haishu: %,d; in the city: %,d%n",
                applications,
                (System.nanoTime() - appsStart) / 1e9,
                jdbc.sql(
                                "select count(*) from resumption_application where district_code = '330203' and status in ('SUBMITTED', 'IN_REVIEW')")
                        .query(Long.class)
                        .single(),
                jdbc.sql("select count(*) from resumption_application where status in ('SUBMITTED', 'IN_REVIEW')")
                        .query(Long.class)
                        .single());

        measure("city, first page", "city", "/enterprises");
        measure("city, one district and industry C", "city", "/enterprises?district=330212&industry=C");
        measure("city, above-scale large enterprises", "city", "/enterprises?size=LARGE&aboveScale=true");
        measure("haishu, own district", "haishu", "/enterprises");
        measure("haishu, own district, industry F", "haishu", "/enterprises?industry=F");
        // Deep in Haishu's list: page 200 at a million, the middle of the list at smaller counts.
        long haishu = jdbc.sql("select count(*) from enterprise where district_code = '330203'")
                .query(Long.class)
                .single();
        long offset = Math.min(5000, haishu / 2);
        String next = jdbc.sql(
                        "select name from enterprise where district_code = '330203' order by name, id offset ? limit 1")
                .param(offset)
                .query(String.class)
                .single();
        measure(
                "haishu, page " + (offset / 25 + 1) + " (keyset)",
                "haishu",
                "/enterprises?after=" + cursorAfter("330203", next));
        measure("city, JSON API 50 rows", "city", "/api/enterprises?limit=50");
        // Name search: the bigram index narrows, the substring test confirms.
        measure("city, name contains 甬兴", "city", "/enterprises?q=" + URLEncoder.encode("甬兴", StandardCharsets.UTF_8));
        measure(
                "haishu, name contains 甬兴",
                "haishu",
                "/enterprises?q=" + URLEncoder.encode("甬兴", StandardCharsets.UTF_8));

        // The review queue: oldest first over the partial index, a page at a time.
        measure("haishu, review queue", "haishu", "/applications/queue");
        measure("haishu, review queue, exporters", "haishu", "/applications/queue?category=EXPORTER");
        measure("haishu, review queue, in review", "haishu", "/applications/queue?status=IN_REVIEW");
        measure("city, review queue", "city", "/applications/queue");
        measure("city, review queue, one district", "city", "/applications/queue?district=330212");
        String queueCursor = queueCursorAt("330203", 2500);
        if (queueCursor != null) {
            measure("haishu, review queue page 101 (keyset)", "haishu", "/applications/queue?after=" + queueCursor);
        }
        measure(
                "haishu, review queue, name contains 甬兴",
                "haishu",
                "/applications/queue?q=" + URLEncoder.encode("甬兴", StandardCharsets.UTF_8));
        measure("haishu, resumption figures (API)", "haishu", "/api/applications/figures");
        measure("city, resumption figures (API)", "city", "/api/applications/figures");
    }

    private String queueCursorAt(String district, int offset) {
        var rows = jdbc.sql("""
                        select submitted_at, id from resumption_application
                        where district_code = ? and status in ('SUBMITTED', 'IN_REVIEW')
                        order by submitted_at, id offset ? limit 1""")
                .params(district, offset)
                .query((rs, n) -> Slice.cursor(List.of(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class))))
                .list();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private String cursorAfter(String district, String name) {
        var id = jdbc.sql("select id from enterprise where district_code = ? and name = ? order by id limit 1")
                .params(district, name)
                .query(UUID.class)
                .single();
        return Slice.cursor(List.of(name, id));
    }

    private void measure(String label, String user, String url) throws Exception {
        printTimes(label, get(url).with(as(user)));
    }
}
