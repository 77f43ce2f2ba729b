package org.fugong.dashboard.internal;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fugong.access.Scope;
import org.fugong.enterprises.applications.ApplicationStatusChanged;
import org.fugong.enterprises.applications.ResumptionFigures;
import org.fugong.healthcode.CodeFigures;
import org.fugong.shell.AfterCommit;
import org.fugong.shell.ReportingReads;
import org.fugong.shell.Times;
import org.fugong.supplychain.ChainFigures;
import org.fugong.tickets.TicketFigures;
import org.fugong.transport.TransportFigures;
import org.fugong.visits.VisitFigures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of now, per district and for the city, kept in {@code dashboard_live} so that a
 * dashboard, the wall screen and the API read a row instead of counting the registry. Refreshed in
 * the background: the registry's counts when an application changes (its event) or every few
 * minutes, the rest every few seconds. With several instances one refreshes at a time (an advisory
 * lock) and they share the registry's counts through the table.
 */
@Service
public class LiveFigures {

    private static final Logger log = LoggerFactory.getLogger(LiveFigures.class);
    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();
    private static final String REGISTRY = "registry";
    private static final String GRID = "grid";
    private static final int ESCALATIONS = 8;
    private static final int TICKET_DAYS = 30;

    /** The counts behind the tiles of one district or the city. */
    public record Tiles(
            long enterprises,
            long resumed,
            long pending,
            long held,
            long ticketsOpen,
            long ticketsOverdue,
            long escalations,
            long lightsGreen,
            long lightsYellow,
            long lightsRed,
            long ordersOverdue,
            long chainLeads,
            long chainsRunning,
            long chainsBlocked,
            long arrivalsExpected,
            long arrivalsArrived,
            long arrivalsIsolated) {

        /** A district's tiles from each desk's row for it (none: nothing to count). */
        static Tiles of(
                ResumptionFigures.@Nullable CategoryCounts applications,
                TicketFigures.@Nullable Row problems,
                VisitFigures.@Nullable Now lights,
                ChainFigures.@Nullable Counts chains,
                TransportFigures.@Nullable Arrivals arrivals) {
            return new Tiles(
                    applications == null ? 0 : applications.enterprises(),
                    applications == null ? 0 : applications.resumed(),
                    applications == null ? 0 : applications.pending(),
                    applications == null ? 0 : applications.held(),
                    problems == null ? 0 : problems.open(),
                    problems == null ? 0 : problems.overdue(),
                    problems == null ? 0 : problems.escalations(),
                    lights == null ? 0 : lights.green(),
                    lights == null ? 0 : lights.yellow(),
                    lights == null ? 0 : lights.red(),
                    lights == null ? 0 : lights.overdueOrders(),
                    chains == null ? 0 : chains.leads(),
                    chains == null ? 0 : chains.running(),
                    chains == null ? 0 : chains.blockedBySuppliers(),
                    arrivals == null ? 0 : arrivals.expected(),
                    arrivals == null ? 0 : arrivals.arrived(),
                    arrivals == null ? 0 : arrivals.isolated());
        }
    }

    /** Everything a dashboard of one district (or the city) shows of now. */
    public record Live(
            String districtCode,
            Instant computedAt,
            LocalDate day,
            Map<String, IndexValue> index,
            Tiles tiles,
            CodeFigures.Figures codes,
            List<TicketFigures.Escalation> escalations) {

        public IndexValue all() {
            return index.get(IndexValue.ALL);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ReportingReads reporting;
    private final IndexComputer computer;
    private final IndexRules rules;
    private final TicketFigures tickets;
    private final VisitFigures visits;
    private final ChainFigures chains;
    private final Times times;
    private final Clock clock;
    private final Duration interval;
    private final Duration registryInterval;
    private final AtomicBoolean registryDirty = new AtomicBoolean(true);
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final AtomicBoolean gridDirty = new AtomicBoolean(true);
    private volatile Instant lastRefresh = Instant.EPOCH;
    private volatile Duration lastTook = Duration.ZERO;

    LiveFigures(
            JdbcClient jdbc,
            JsonMapper json,
            IndexComputer computer,
            IndexRules rules,
            TicketFigures tickets,
            VisitFigures visits,
            ChainFigures chains,
            Times times,
            Clock clock,
            ReportingReads reporting,
            @Value("${fugong.dashboard.refresh:5s}") Duration interval,
            @Value("${fugong.dashboard.registry-refresh:5m}") Duration registryInterval) {
        this.reporting = reporting;
        this.jdbc = jdbc;
        this.json = json;
        this.computer = computer;
        this.rules = rules;
        this.tickets = tickets;
        this.visits = visits;
        this.chains = chains;
        this.times = times;
        this.clock = clock;
        this.interval = interval;
        this.registryInterval = registryInterval;
    }

    /**
     * The grid's figures or baselines changed: counted again at the next tick — once the change is
     * committed, so that a tick running meanwhile cannot count the old figures and call them new.
     */
    public void changed() {
        AfterCommit.run(() -> {
            gridDirty.set(true);
            dirty.set(true);
        });
    }

    @ApplicationModuleListener
    void on(ApplicationStatusChanged change) {
        registryDirty.set(true);
    }

    @Scheduled(
            fixedDelayString = "${fugong.dashboard.tick:1s}",
            initialDelayString = "${fugong.dashboard.first-tick:3s}")
    void tick() {
        boolean due = dirty.get()
                || registryDirty.get()
                || gridDirty.get()
                || Duration.between(lastRefresh, clock.instant()).compareTo(interval) >= 0;
        if (due) {
            try {
                refresh(false);
            } catch (RuntimeException e) {
                log.warn("Could not refresh the dashboard's figures: {}", e.toString());
            }
        }
    }

    /**
     * Refreshes every district's figures now; the registry's counts too when an application changed,
     * when they are old, or when {@code registryToo}. False when another instance is refreshing.
     */
    @Transactional
    public boolean refresh(boolean registryToo) {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('dashboard_live'))")
                .query(Boolean.class)
                .single();
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        Instant started = clock.instant();
        dirty.set(false);
        boolean recount = registryDirty.getAndSet(false) || registryToo;
        List<ResumptionFigures.CategoryCounts> registry = recount ? null : storedRegistry(started);
        if (registry == null) {
            registry = computer.registry(times.today(), times.startOfDay(times.today()), started);
            store(REGISTRY, json.writeValueAsString(registry), started);
        }
        LocalDate today = times.today();
        Instant dayStart = times.startOfDay(today);
        double threshold = rules.on(today).threshold();
        IndexComputer.Grid grid =
                gridDirty.getAndSet(false) || registryToo ? null : storedGrid(started, today, threshold);
        if (grid == null) {
            grid = computer.grid(today, threshold);
            store(GRID, json.writeValueAsString(grid), started);
        }
        IndexComputer.Now now = computer.now(registry, grid, dayStart, started);
        Map<String, Map<String, IndexValue>> index = new HashMap<>();
        for (IndexValue v : computer.compute(today, now)) {
            index.computeIfAbsent(v.districtCode(), k -> new LinkedHashMap<>()).put(v.category(), v);
        }
        // Each desk's row of every district and the city's, by district code.
        Map<String, ResumptionFigures.CategoryCounts> applications = new HashMap<>();
        registry.stream()
                .filter(c -> c.category().equals(ResumptionFigures.ALL))
                .forEach(c -> applications.put(c.districtCode(), c));
        TicketFigures.Figures t = tickets.figures(Scope.city(), today.minusDays(TICKET_DAYS - 1), today);
        Map<String, TicketFigures.Row> problems = new HashMap<>();
        t.districts().forEach(row -> problems.put(row.key(), row));
        problems.put(IndexValue.CITY, t.total());
        VisitFigures.Figures v = visits.figures(Scope.city(), today, today);
        Map<String, VisitFigures.Now> lights = new HashMap<>();
        v.now().forEach(n -> lights.put(n.districtCode(), n));
        lights.put(IndexValue.CITY, v.total());
        ChainFigures.Figures c = chains.figures(Scope.city());
        Map<String, ChainFigures.Counts> chainCounts = new HashMap<>();
        c.districts().forEach(n -> chainCounts.put(n.districtCode(), n));
        chainCounts.put(IndexValue.CITY, c.total());
        Map<String, TransportFigures.Arrivals> arrivals = new HashMap<>();
        now.arrivals().forEach(a -> arrivals.put(a.key(), a));
        arrivals.put(IndexValue.CITY, cityArrivals(now.arrivals()));
        List<TicketFigures.Escalation> latest = tickets.latestEscalations(Scope.city(), 200);
        for (String district : computer.districts()) {
            Live live = new Live(
                    district,
                    started,
                    today,
                    index.getOrDefault(district, Map.of()),
                    Tiles.of(
                            applications.get(district),
                            problems.get(district),
                            lights.get(district),
                            chainCounts.get(district),
                            arrivals.get(district)),
                    now.codes(),
                    latest.stream()
                            .filter(e -> district.equals(IndexValue.CITY) || district.equals(e.districtCode()))
                            .limit(ESCALATIONS)
                            .toList());
            store(district, json.writeValueAsString(live), started);
        }
        lastRefresh = started;
        lastTook = Duration.between(started, clock.instant());
        return true;
    }

    /** The city's arrivals: its districts' added up. */
    private static TransportFigures.Arrivals cityArrivals(List<TransportFigures.Arrivals> districts) {
        long expected = 0;
        long planned = 0;
        long arrived = 0;
        long isolated = 0;
        for (TransportFigures.Arrivals a : districts) {
            expected += a.expected();
            planned += a.planned();
            arrived += a.arrived();
            isolated += a.isolated();
        }
        return new TransportFigures.Arrivals(IndexValue.CITY, IndexValue.CITY, expected, planned, arrived, isolated);
    }

    private @Nullable List<ResumptionFigures.CategoryCounts> storedRegistry(Instant now) {
        return jdbc.sql("select figures::text from dashboard_live where district_code = ? and computed_at >= ?")
                .params(REGISTRY, Timestamp.from(now.minus(registryInterval)))
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, new TypeReference<List<ResumptionFigures.CategoryCounts>>() {}))
                .orElse(null);
    }

    private IndexComputer.@Nullable Grid storedGrid(Instant now, LocalDate today, double threshold) {
        return jdbc.sql("select figures::text from dashboard_live where district_code = ? and computed_at >= ?")
                .params(GRID, Timestamp.from(now.minus(registryInterval)))
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, IndexComputer.Grid.class))
                .filter(g -> g.asOf().equals(today) && g.threshold() == threshold)
                .orElse(null);
    }

    private void store(String key, String figures, Instant at) {
        jdbc.sql("""
                        insert into dashboard_live (district_code, figures, computed_at) values (?, ?::jsonb, ?)
                        on conflict (district_code) do update set figures = excluded.figures, computed_at = excluded.computed_at""").params(key, figures, Timestamp.from(at)).update();
    }

    /** The figures of a district (or the city) as last refreshed. */
    @Transactional(readOnly = true)
    public Optional<Live> of(String district) {
        return jdbc.sql("select figures::text from dashboard_live where district_code = ?")
                .param(district)
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, Live.class));
    }

    /** Every district's figures and the city's, as last refreshed (refreshed now if there are none yet). */
    @Transactional
    public Map<String, Live> all() {
        Map<String, Live> all = read();
        if (all.isEmpty()) {
            // A dashboard may be reading from the replica: the first figures are written on the primary.
            reporting.onPrimary(() -> refresh(false));
            all = read();
        }
        return all;
    }

    /**
     * The rows as last read, parsed once per refresh: the rows' transaction ids say whether a
     * refresh wrote them since.
     */
    private volatile Map<String, Live> lastRead = Map.of();

    private volatile String lastReadVersion = "";

    private Map<String, Live> read() {
        String latest = jdbc.sql("""
                        select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from dashboard_live
                        where district_code not in (?, ?)""").params(REGISTRY, GRID).query(String.class).single();
        if (latest.equals(lastReadVersion)) {
            return lastRead;
        }
        Map<String, Live> all = new LinkedHashMap<>();
        jdbc.sql("select district_code, figures::text from dashboard_live where district_code not in (?, ?)"
                        + " order by district_code")
                .params(REGISTRY, GRID)
                .query((rs, n) -> all.put(rs.getString(1), json.readValue(rs.getString(2), Live.class)))
                .list();
        Map<String, Live> read = Collections.unmodifiableMap(all);
        lastRead = read;
        lastReadVersion = latest;
        return read;
    }

    public Duration lastTook() {
        return lastTook;
    }

    static String instance() {
        return INSTANCE;
    }
}
