package org.fugong.dashboard;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.dashboard.internal.IndexValue;
import org.fugong.dashboard.internal.LiveFigures;
import org.fugong.enterprises.RegistryGenerator;
import org.fugong.enterprises.applications.ApplicationReview;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard at a city's scale: fills the registry to a million enterprises (30 % with
 * applications), gives a third of them a meter with a baseline and today's figure, writes a year of
 * daily snapshots, then prints the median time of the dashboard's data (the index API, the live
 * part, the whole page, the wall screen's data) beside a trivial page and the registry's figures
 * counted on each call, and how long the background refresh and an approval's way to the screen
 * take. A program, not a test: run it with {@code bench/dashboard.sh}.
 */
@Tag("benchmark")
class DashboardBenchmark extends IntegrationTest {

    @Autowired
    RegistryGenerator generator;

    @Autowired
    LiveFigures live;

    @Autowired
    ApplicationReview review;

    @Autowired
    JsonMapper json;

    @Test
    void measure() throws Exception {
        int target = Integer.getInteger("fugong.bench.enterprises", 1_000_000);
        long present =
                jdbc.sql("select count(*) from enterprise").query(Long.class).single();
        long start = System.nanoTime();
        generator.generate((int) Math.max(0, target - present), 42);
        generator.generateApplications(0.3);
        jdbc.sql("analyze enterprise").update();
        jdbc.sql("analyze resumption_application").update();
        System.out.printf(
                "BENCH registry %,d enterprises, %,d applications (%.0f s to generate)%n",
                jdbc.sql("select count(*) from enterprise").query(Long.class).single(),
                jdbc.sql("select count(*) from resumption_application")
                        .query(Long.class)
                        .single(),
                (System.nanoTime() - start) / 1e9);

        // A third of the registry known to the grid, with a baseline and today's figure.
        LocalDate today = today();
        start = System.nanoTime();
        jdbc.sql("""
                        insert into dashboard_meter (enterprise_id, district_code, categories, baseline_kwh, baseline_source, updated_at)
                        select e.id, e.district_code, '{}', 100 + (abs(hashtext(e.id::text)) % 5000), 'bench', now()
                        from enterprise e where abs(hashtext(e.id::text)) % 3 = 0
                        on conflict (enterprise_id) do nothing""").update();
        jdbc.sql("""
                        insert into dashboard_electricity (enterprise_id, day, kwh, imported_at)
                        select m.enterprise_id, ?, m.baseline_kwh * (abs(hashtext(m.enterprise_id::text || 'd')) % 120) / 100.0, now()
                        from dashboard_meter m on conflict do nothing""").param(Date.valueOf(today)).update();
        jdbc.sql("analyze dashboard_meter").update();
        jdbc.sql("analyze dashboard_electricity").update();
        // A year of daily snapshots, every district and category, as the daily run writes them.
        IndexValue template = live.of("city").orElseThrow().all();
        String parts = json.writeValueAsString(template);
        jdbc.sql("""
                        insert into dashboard_snapshot (day, district_code, category, parts, state_grid, fugong, rules_version, colour, made_at)
                        select d::date, k.code, c.cat,
                               jsonb_set(jsonb_set(jsonb_set(?::jsonb, '{day}', to_jsonb(d::date::text)), '{districtCode}', to_jsonb(k.code)),
                                         '{category}', to_jsonb(c.cat)),
                               50 + 40 * random(), 50 + 40 * random(), 1, 'GREEN', now()
                        from generate_series(?::date - 365, ?::date - 1, interval '1 day') d
                        cross join (select distinct district_code as code from dashboard_live where district_code <> 'registry') k
                        cross join unnest(array['ALL', 'LARGE_INDUSTRY', 'SERVICES', 'FOREIGN_TRADE', 'CONSTRUCTION', 'SMALL_SHOPS']) c(cat)
                        on conflict do nothing""").params(parts, Date.valueOf(today), Date.valueOf(today)).update();
        System.out.printf(
                "BENCH grid %,d meters, %,d figures; %,d snapshot rows (%.0f s)%n",
                jdbc.sql("select count(*) from dashboard_meter")
                        .query(Long.class)
                        .single(),
                jdbc.sql("select count(*) from dashboard_electricity")
                        .query(Long.class)
                        .single(),
                jdbc.sql("select count(*) from dashboard_snapshot")
                        .query(Long.class)
                        .single(),
                (System.nanoTime() - start) / 1e9);

        // The background refresh: the registry recount and everything else, then everything else alone.
        double[] full = new double[5];
        double[] light = new double[5];
        for (int i = 0; i < full.length; i++) {
            long s = System.nanoTime();
            live.refresh(true);
            full[i] = (System.nanoTime() - s) / 1e6;
            s = System.nanoTime();
            live.refresh(false);
            light[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(full);
        Arrays.sort(light);
        System.out.printf(
                "BENCH background refresh with the registry recount  median %7.1f ms%n"
                        + "BENCH background refresh of the desks alone        median %7.1f ms%n",
                full[2], light[2]);

        String token = screenLink();
        measure("trivial page (GET /menu)", "city", get("/menu"));
        measure("registry figures counted per call (old)", "city", get("/api/applications/figures"));
        measure("index API, city, today", "city", get("/api/index"));
        measure("index API, haishu, today", "haishu", get("/api/index"));
        measure("index API, city, a past day", "city", get("/api/index?date=" + today.minusDays(100)));
        measure(
                "index history API, city, 30 days",
                "city",
                get("/api/index/history?from=" + today.minusDays(29) + "&to=" + today));
        measure("dashboard live part, city", "city", get("/dashboard/live"));
        measure("dashboard live part, haishu", "haishu", get("/dashboard/live"));
        measure("dashboard page, city", "city", get("/dashboard"));
        measure("wall screen data", null, get("/screen/" + token + "/data"));

        // An approval on its way to the dashboard: the event, the next tick, the recount.
        Map<String, Object> waiting = jdbc.sql("""
                        select id, version from resumption_application
                        where current and district_code = '330203' and status in ('SUBMITTED', 'IN_REVIEW')
                          and policy_decision <> 'HOLD' limit 1""").query().singleRow();
        long before = live.of("330203").orElseThrow().tiles().pending();
        long approvedAt = System.nanoTime();
        review.approveAll(
                actor("city"),
                Scope.city(),
                Map.of((UUID) waiting.get("id"), ((Number) waiting.get("version")).longValue()));
        while (live.of("330203").orElseThrow().tiles().pending() == before
                && System.nanoTime() - approvedAt < Duration.ofSeconds(60).toNanos()) {
            Thread.onSpinWait();
        }
        System.out.printf("BENCH approval to the live figures: %.1f s%n", (System.nanoTime() - approvedAt) / 1e9);
    }

    private String screenLink() throws Exception {
        var made = mvc.post()
                .uri("/dashboard/screens")
                .param("label", "bench")
                .with(as("city"))
                .with(csrf())
                .exchange();
        return (String) made.getMvcResult().getFlashMap().get("madeToken");
    }

    private void measure(String label, String user, MockHttpServletRequestBuilder request) throws Exception {
        printTimes(label, user == null ? request : request.with(as(user)));
    }
}
