package org.fugong.supplychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.fugong.access.Scope;
import org.fugong.enterprises.RegistryGenerator;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationReview;
import org.fugong.enterprises.applications.Review;
import org.fugong.supplychain.internal.ChainState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Supply chains at the city's scale in the database, through the pages: about 158,000 enterprises
 * (the registry generator), 8,000 leads and about 2,000,000 links over three tiers with alternatives
 * and mutual supply (set-based SQL), then the time to build the graph from the database, one lead's
 * page and analysis over MockMvc (median and p95), one approval applied to the graph, and the city's
 * ranking page. A program, not a test: {@code bench/supplychain-pages.sh}.
 */
@Tag("benchmark")
class SupplyChainPageBenchmark extends IntegrationTest {

    static final int LEADS = 8_000;
    static final int TIER1 = 40_000;
    static final int TIER2 = 60_000;
    static final int TIER3 = 50_000;

    @Autowired
    RegistryGenerator registry;

    @Autowired
    ChainState state;

    @Autowired
    ApplicationDesk desk;

    @Autowired
    ApplicationReview review;

    @Test
    void measure() throws Exception {
        long start = System.nanoTime();
        long present =
                jdbc.sql("select count(*) from enterprise").query(Long.class).single();
        int wanted = LEADS + TIER1 + TIER2 + TIER3 + 2_000;
        registry.generate((int) Math.max(0, wanted - present), 2020);
        registry.generateApplications(1.0);
        jdbc.sql("analyze enterprise").update();
        jdbc.sql("analyze resumption_application").update();
        System.out.printf("BENCH registry: %,d enterprises in %.1f s%n", wanted, seconds(start));

        start = System.nanoTime();
        // Nodes numbered among enterprises that no demo tree uses: leads, then three tiers of suppliers.
        jdbc.sql("""
                create table bench_node as
                select id, district_code, (row_number() over (order by id) - 1)::int as n from enterprise e
                where not exists (select 1 from supply_link l where l.supplier_id = e.id or l.buyer_id = e.id)
                  and not exists (select 1 from supply_tree t where t.lead_id = e.id)""").update();
        jdbc.sql("create unique index on bench_node (n)").update();
        jdbc.sql("""
                insert into supply_tree (lead_id, district_code, version, updated_at, updated_by)
                select id, district_code, 1, now(), 'bench' from bench_node where n < ?""").param(LEADS).update();
        tier(0, LEADS, LEADS, TIER1, 30);
        tier(LEADS, TIER1, LEADS + TIER1, TIER2, 8);
        tier(LEADS + TIER1, TIER2, LEADS + TIER1 + TIER2, TIER3, 6);
        // Mutual supply: some third-tier suppliers buy from first-tier ones.
        int third = LEADS + TIER1 + TIER2;
        jdbc.sql("""
                insert into supply_link (lead_id, position, buyer_kind, buyer_id, supplier_kind, supplier_id, part,
                    importance)
                select l.id, 100000 + g, 'E', b.id, 'E', s.id, 'm', 'MINOR'
                from generate_series(1, 10000) g
                join bench_node b on b.n = ? + (g * 7919) % ?
                join bench_node s on s.n = ? + (g * 104729) % ?
                join bench_node l on l.n = (g * 31) % ?
                where b.id <> s.id""").params(third, TIER3, LEADS, TIER1, LEADS).update();
        jdbc.sql("analyze supply_link").update();
        long links =
                jdbc.sql("select count(*) from supply_link").query(Long.class).single();
        System.out.printf("BENCH links: %,d in %.1f s%n", links, seconds(start));

        // The graph from the database: every link, every status.
        start = System.nanoTime();
        long rebuilds = state.rebuilds();
        state.current();
        assertThat(state.rebuilds()).isGreaterThan(rebuilds);
        System.out.printf("BENCH build from the database: %,.0f ms%n", ms(start));

        List<String[]> leads = jdbc.sql("""
                        select b.id::text, e.uscc from bench_node b join enterprise e on e.id = b.id
                        where b.n < ? order by b.n limit 60""")
                .param(LEADS)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (int run = 1; run <= 3; run++) {
            long[] page = new long[leads.size()];
            long[] analysis = new long[leads.size()];
            for (int i = 0; i < leads.size(); i++) {
                long t = System.nanoTime();
                assertThat(mvc.get().uri("/supply-chains/" + leads.get(i)[0]).with(as("city")))
                        .hasStatusOk();
                page[i] = System.nanoTime() - t;
                t = System.nanoTime();
                assertThat(mvc.get()
                                .uri("/api/supply-chains/" + leads.get(i)[1] + "/analysis")
                                .with(as("city")))
                        .hasStatusOk();
                analysis[i] = System.nanoTime() - t;
            }
            System.out.printf(
                    "BENCH run %d: one lead's page median %.0f ms (p95 %.0f ms); its analysis API median %.0f ms (p95 %.0f ms)%n",
                    run,
                    percentile(page, 50),
                    percentile(page, 95),
                    percentile(analysis, 50),
                    percentile(analysis, 95));
        }

        // One approval: applied where it stands, no rebuild.
        UUID supplier = jdbc.sql("""
                        select a.enterprise_id from resumption_application a join bench_node b on b.id = a.enterprise_id
                        where a.current and a.status = 'SUBMITTED' and b.n >= ? order by b.n limit 1""").param(LEADS).query(UUID.class).single();
        UUID applicationId = jdbc.sql("select id from resumption_application where enterprise_id = ? and current")
                .param(supplier)
                .query(UUID.class)
                .single();
        Application application = desk.get(Scope.city(), applicationId);
        rebuilds = state.rebuilds();
        start = System.nanoTime();
        review.decide(
                actor("city"),
                Scope.city(),
                application.id(),
                application.version(),
                new Review(Review.Outcome.APPROVE, Map.of(), "bench"));
        double decide = ms(start);
        start = System.nanoTime();
        List<Integer> changed = state.refresh(supplier);
        System.out.printf(
                "BENCH one approval: decided in %.0f ms, applied to the graph in %.1f ms (%d nodes changed, %d rebuilds)%n",
                decide, ms(start), changed.size(), state.rebuilds() - rebuilds);

        for (int run = 1; run <= 2; run++) {
            start = System.nanoTime();
            assertThat(mvc.get().uri("/supply-chains/criticality").with(as("city")))
                    .hasStatusOk();
            System.out.printf("BENCH run %d: the city's ranking page %,.0f ms%n", run, ms(start));
        }
    }

    /**
     * Each buyer numbered [from, from + count) buys {@code parts} parts, one in five from one supplier,
     * the others from two or three, in the next tier; the link belongs to a lead's tree.
     */
    private void tier(int from, int count, int next, int nextCount, int parts) {
        jdbc.sql("""
                insert into supply_link (lead_id, position, buyer_kind, buyer_id, supplier_kind, supplier_id, part,
                    importance)
                select l.id, (x.buyer - ?) * 100 + x.p * 3 + x.k, 'E', b.id, 'E', s.id, 'p' || x.p,
                       case when x.p < 5 then 'CRITICAL' else 'IMPORTANT' end
                from (select buyer, p, k, ? + (hashint4(buyer * 131 + p * 17 + k) & 2147483647) % ? as supplier
                      from generate_series(?, ? - 1) buyer, generate_series(0, ? - 1) p, generate_series(0, 2) k
                      where k = 0 or (hashint4(buyer * 7 + p) & 2147483647) % 5 <> 0
                        and (k < 2 or (hashint4(buyer * 13 + p) & 1) = 0)) x
                join bench_node b on b.n = x.buyer
                join bench_node s on s.n = x.supplier
                join bench_node l on l.n = x.buyer % ?""")
                .params(from, next, nextCount, from, from + count, parts, LEADS)
                .update();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }
}
