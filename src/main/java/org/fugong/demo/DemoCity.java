package org.fugong.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.accounts.UserAdministration;
import org.fugong.accounts.UserAdministration.NewUser;
import org.fugong.database.DemoMode;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.NewEnterprise;
import org.fugong.enterprises.PriorityCategory;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.riskmap.reporting.RiskMapDesk;
import org.fugong.shell.Times;
import org.fugong.visits.CommissionerAssignments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo city once: about 2,000 enterprises spread over the districts like Ningbo's
 * economy, one account for every role (all with the password {@code demo}), and the daily
 * epidemic figures of February and March 2020 behind the risk map.
 */
@Component
class DemoCity {

    private static final Logger log = LoggerFactory.getLogger(DemoCity.class);
    private static final long LOCK_KEY = 0x4655_474f_4e47_0003L;
    static final String PASSWORD = "demo";
    static final int ENTERPRISES = 2000;

    /** How many of the 2,000 demo enterprises each district gets, roughly by its economy. */
    private static final Map<String, Integer> SHARE = Map.ofEntries(
            Map.entry("330212", 350),
            Map.entry("330282", 300),
            Map.entry("330281", 250),
            Map.entry("330206", 220),
            Map.entry("330203", 200),
            Map.entry("330211", 130),
            Map.entry("330205", 130),
            Map.entry("330213", 120),
            Map.entry("330226", 120),
            Map.entry("330225", 100),
            Map.entry("330200-GX", 80));

    private final DemoMode mode;
    private final Geography geography;
    private final EnterpriseDirectory enterprises;
    private final UserAdministration users;
    private final CommissionerAssignments assignments;
    private final DemoVisits visits;
    private final DemoSupplyChains supplyChains;
    private final RiskMapDesk riskMap;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final DemoApplications applications;
    private final DemoTickets tickets;
    private final DemoHealthCodes healthCodes;
    private final DemoTransport transport;
    private final DemoElectricity electricity;
    private final Times times;
    private final DemoProgress progress;
    private final boolean background;
    private volatile boolean started;

    DemoCity(
            DemoProgress progress,
            @Value("${fugong.demo.background:true}") boolean background,
            DemoElectricity electricity,
            Times times,
            DemoHealthCodes healthCodes,
            DemoTransport transport,
            DemoApplications applications,
            DemoTickets tickets,
            DemoMode mode,
            Geography geography,
            EnterpriseDirectory enterprises,
            UserAdministration users,
            CommissionerAssignments assignments,
            DemoVisits visits,
            DemoSupplyChains supplyChains,
            RiskMapDesk riskMap,
            TransactionTemplate transaction,
            JdbcClient jdbc) {
        this.progress = progress;
        this.background = background;
        this.riskMap = riskMap;
        this.electricity = electricity;
        this.times = times;
        this.applications = applications;
        this.tickets = tickets;
        this.healthCodes = healthCodes;
        this.transport = transport;
        this.mode = mode;
        this.geography = geography;
        this.enterprises = enterprises;
        this.users = users;
        this.assignments = assignments;
        this.visits = visits;
        this.supplyChains = supplyChains;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    /** Without background loading (the tests), the demo city is there before the application serves. */
    @EventListener(ApplicationStartedEvent.class)
    void loadOnStart() {
        if (mode.enabled() && !background) {
            loadOnce();
        }
    }

    /**
     * With background loading, the application serves first and the demo city follows: started once
     * the instance accepts traffic (after the start-up's own catch-up work, which the demo's figures
     * then recompute), in one transaction, its progress on the readiness probe and the sign-in page.
     */
    @EventListener
    void loadInBackground(AvailabilityChangeEvent<ReadinessState> event) {
        if (!mode.enabled() || !background || event.getState() != ReadinessState.ACCEPTING_TRAFFIC || started) {
            return;
        }
        started = true;
        progress.waiting();
        Thread loader = new Thread(this::loadOnce, "demo-city");
        loader.setDaemon(true);
        loader.start();
    }

    private void loadOnce() {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("select pg_advisory_xact_lock(?)")
                        .param(LOCK_KEY)
                        .query()
                        .singleRow();
                if (users.exists("city")) {
                    progress.none();
                    return;
                }
                long began = System.nanoTime();
                load();
                log.info("Demo city loaded in {} ms", (System.nanoTime() - began) / 1_000_000);
            });
            if (progress.loading()) {
                progress.loaded();
            }
        } catch (RuntimeException e) {
            progress.failed();
            log.error("The demo city could not be loaded; nothing of it was kept", e);
            if (!background) {
                throw e;
            }
        }
    }

    private void load() {
        progress.step("enterprises");
        var generator = new DemoEnterpriseGenerator(20200203L);
        District haishu = district("330203");
        District jiangbei = district("330205");
        var haishuShop = new NewEnterprise(
                generator.code(haishu),
                "宁波甬兴服饰有限公司",
                "王海燕",
                haishu.code(),
                geography.townships(haishu.code()).get(8).code(),
                IndustrySection.C,
                EnterpriseSize.SMALL,
                true,
                186,
                false,
                PriorityCategory.EXPORTER,
                2400.0,
                "王海燕",
                "13805741234");
        var jiangbeiFactory = new NewEnterprise(
                generator.code(jiangbei),
                "宁波慈城精密机械有限公司",
                "陈立新",
                jiangbei.code(),
                geography.townships(jiangbei.code()).get(7).code(),
                IndustrySection.C,
                EnterpriseSize.MEDIUM,
                true,
                452,
                true,
                null,
                8600.0,
                "陈立新",
                "0574-87351234");
        generator.reserve(haishuShop);
        generator.reserve(jiangbeiFactory);
        List<UUID> named = enterprises.registerAll(List.of(haishuShop, jiangbeiFactory));

        Map<String, List<UUID>> byDistrict = new LinkedHashMap<>();
        for (District district : geography.districts()) {
            int count = SHARE.getOrDefault(district.code(), 50)
                    - (district.code().equals(haishu.code()) || district.code().equals(jiangbei.code()) ? 1 : 0);
            byDistrict.put(
                    district.code(),
                    enterprises.registerAll(generator.generate(district, geography.townships(district.code()), count)));
        }
        List<UUID> haishuIds = byDistrict.get(haishu.code());

        progress.step("accounts");
        user("city", "市复工指挥部 值班员", Role.CITY_OFFICIAL, null, null, null);
        user("haishu", "海曙区复工办", Role.DISTRICT_OFFICIAL, haishu.code(), null, null);
        user("jiangbei", "江北区复工办", Role.DISTRICT_OFFICIAL, jiangbei.code(), null, null);
        user("labour", "市人力社保局", Role.DEPARTMENT_OFFICER, null, "LABOUR", null);
        user("transport", "市交通运输局", Role.DEPARTMENT_OFFICER, null, "TRANSPORT", null);
        UUID commissioner = user("commissioner", "驻企专员 李强", Role.COMMISSIONER, haishu.code(), null, null);
        user("ent-haishu", haishuShop.name(), Role.ENTERPRISE, null, null, haishuShop.uscc());
        user("ent-jiangbei", jiangbeiFactory.name(), Role.ENTERPRISE, null, null, jiangbeiFactory.uscc());
        user("gate", "卡口检查员", Role.GATE_CHECKER, null, null, null);
        user("health", "市卫生健康委", Role.DEPARTMENT_OFFICER, null, "HEALTH", null);

        progress.step("epidemic figures");
        riskMap.report(Actor.system("demo", geography.city().code()), Scope.city(), DemoEpidemic.figures(geography));

        progress.step("applications");
        // ent-haishu's enterprise files nothing, so that its first filing can be tried; ent-jiangbei's waits for
        // review.
        int filed = applications.load(geography.city().code(), byDistrict, named.get(1));
        log.info("Demo applications filed: {}", filed);
        progress.step("commissioners");
        // The commissioner's six: ent-haishu's shop, two approved enterprises and three still on paper.
        List<UUID> mine = new ArrayList<>();
        mine.add(named.get(0));
        mine.addAll(applications.working(haishuIds).stream().limit(2).toList());
        mine.addAll(haishuIds.stream()
                .filter(id -> !mine.contains(id))
                .limit(6 - mine.size())
                .toList());
        for (UUID id : mine) {
            assignments.assign(commissioner, id, haishu.code(), "demo");
        }
        progress.step("tickets");
        log.info("Demo tickets filed: {}", tickets.load(geography.city().code(), byDistrict, 28));
        UUID jiangbeiFactoryId = named.get(1);
        UUID second = user("commissioner-jb", "驻企专员 王芳", Role.COMMISSIONER, jiangbei.code(), null, null);
        assignments.assign(second, jiangbeiFactoryId, jiangbei.code(), "demo");
        for (UUID id : byDistrict.get(jiangbei.code()).subList(0, 3)) {
            assignments.assign(second, id, jiangbei.code(), "demo");
        }
        List<UUID> elsewhere = byDistrict.entrySet().stream()
                .filter(e -> !e.getKey().equals(haishu.code()))
                .flatMap(e -> e.getValue().stream())
                .toList();
        progress.step("supply chains");
        log.info(
                "Demo supply-chain links: {}",
                supplyChains.load(geography.city().code(), haishuIds, elsewhere));
        progress.step("visits");
        log.info(
                "Demo visits: {}",
                visits.load(
                        geography.city().code(),
                        commissioner,
                        haishu.code(),
                        mine,
                        second,
                        jiangbei.code(),
                        jiangbeiFactoryId));
        progress.step("health codes");
        Actor health = new Actor(
                UUID.nameUUIDFromBytes("demo-health".getBytes()),
                "demo-health",
                "市卫生健康委",
                Role.DEPARTMENT_OFFICER,
                geography.city().code(),
                null,
                "HEALTH",
                null,
                true,
                false,
                false,
                null);
        log.info("Demo health-code holders: {}", healthCodes.load(health, haishuShop.uscc(), 300));
        progress.step("returning workers");
        log.info("Demo returning workers: {}", transport.load(geography.city().code(), byDistrict, named.get(0)));
        progress.step("electricity");
        List<UUID> all = new ArrayList<>(named);
        byDistrict.values().forEach(all::addAll);
        log.info("Demo electricity figures: {}", electricity.load(all, times.today()));
    }

    private UUID user(
            String username, String displayName, Role role, String district, String department, String enterpriseUscc) {
        return users.createAsSystem(
                new NewUser(username, displayName, role, district, department, enterpriseUscc), PASSWORD, false);
    }

    private District district(String code) {
        return geography
                .district(code)
                .orElseThrow(() -> new IllegalStateException("The demo city needs district " + code));
    }
}
