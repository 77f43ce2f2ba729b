package org.fugong.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.Staff;
import org.fugong.transport.Charters;
import org.springframework.stereotype.Component;

/**
 * February 2020's charters: a Beilun garment maker bringing back some three thousand workers from
 * Anhui and eastern Guizhou in many buses; the Hi-tech Zone's special train G9421 from 阜阳 with 108
 * workers for 37 enterprises; ent-haishu's shop with named workers from 颍上, one of them turned away
 * at freeze for a yellow code and his seat given to a waiting colleague; one trip handed over on
 * arrival, one worker with symptoms sent to isolation.
 */
@Component
class DemoTransport {

    static final LocalDate FROM = LocalDate.of(2020, 2, 10);
    static final LocalDate TO = LocalDate.of(2020, 2, 23);
    /** The day the special train G9421 leaves 阜阳 (the date was not found; the week the zone surveyed its workers). */
    static final LocalDate TRAIN_DAY = LocalDate.of(2020, 2, 21);

    private final Charters charters;
    private final EnterpriseDirectory enterprises;
    private final Staff staff;

    DemoTransport(Charters charters, EnterpriseDirectory enterprises, Staff staff) {
        this.charters = charters;
        this.enterprises = enterprises;
        this.staff = staff;
    }

    /** Loads the fleet, the demand and a solved plan; the number of workers registered. */
    int load(String cityCode, Map<String, List<UUID>> byDistrict, UUID shop) {
        Actor system = Actor.system("demo", cityCode);
        charters.addVehicles("BUS", "浙B·公运", "宁波公运集团", 55, 2, FROM.minusDays(2), TO.plusDays(20), "", 220);
        charters.addVehicles("BUS", "浙B·长运", "宁波长运集团", 55, 3, FROM.minusDays(2), TO.plusDays(20), "", 80);
        charters.addVehicles("BUS", "浙B·旅游", "宁波旅游客运", 45, 2, FROM.minusDays(2), TO.plusDays(20), "", 20);
        charters.addVehicles("TRAIN", "G9421", "中国铁路上海局", 120, 0, TRAIN_DAY, TRAIN_DAY, "341202", 1);
        int workers = 0;
        // A Beilun garment maker: thousands of workers, many buses.
        EnterpriseSummary maker =
                enterprises.get(Scope.city(), byDistrict.get("330206").get(0));
        String[][] origins = {
            {"341221", "620", "2020-02-12", "2020-02-14"}, {"341222", "410", "2020-02-12", "2020-02-14"},
            {"341225", "330", "2020-02-15", "2020-02-17"}, {"341522", "260", "2020-02-15", "2020-02-17"},
            {"341524", "180", "2020-02-15", "2020-02-17"}, {"520624", "350", "2020-02-13", "2020-02-16"},
            {"520626", "290", "2020-02-13", "2020-02-16"}, {"520625", "210", "2020-02-13", "2020-02-16"},
            {"522601", "240", "2020-02-17", "2020-02-19"}, {"520628", "160", "2020-02-17", "2020-02-19"}
        };
        UUID linquan = null;
        for (String[] o : origins) {
            UUID demand = charters.register(
                    system,
                    maker.uscc(),
                    o[0],
                    Integer.parseInt(o[1]),
                    LocalDate.parse(o[2]),
                    LocalDate.parse(o[3]),
                    "人事部 0574-86881234");
            linquan = linquan == null ? demand : linquan;
            workers += Integer.parseInt(o[1]);
        }
        // The Hi-tech Zone: 108 workers from 阜阳 for 37 enterprises, the week of the special train.
        List<UUID> zone = byDistrict.getOrDefault("330200-GX", List.of());
        String[] fuyang = {"341202", "341203", "341204", "341221", "341222", "341225"};
        int left = 108;
        for (int e = 0; e < Math.min(37, zone.size()) && left > 0; e++) {
            int count = e < 34 ? 3 : Math.max(1, left);
            count = Math.min(count, left);
            EnterpriseSummary enterprise = enterprises.get(Scope.city(), zone.get(e));
            charters.register(
                    system,
                    enterprise.uscc(),
                    fuyang[e % fuyang.length],
                    count,
                    TRAIN_DAY.minusDays(1),
                    TRAIN_DAY.plusDays(1),
                    "高新区人才服务中心");
            left -= count;
            workers += count;
        }
        // ent-haishu's shop: eight workers from 颍上, six named among its staff (one of them yellow).
        EnterpriseSummary shopSummary = enterprises.get(Scope.city(), shop);
        Actor employer = new Actor(
                UUID.nameUUIDFromBytes("demo-shop".getBytes()),
                "demo-shop",
                shopSummary.name(),
                Role.ENTERPRISE,
                cityCode,
                null,
                null,
                shop,
                true,
                false,
                false,
                null);
        List<Staff.Member> members = staff.of(employer);
        List<UUID> green = members.stream()
                .filter(m -> m.colour() == CodeColour.GREEN)
                .map(Staff.Member::personId)
                .toList();
        List<UUID> yellow = members.stream()
                .filter(m -> m.colour() == CodeColour.YELLOW)
                .map(Staff.Member::personId)
                .toList();
        UUID shopDemand = charters.register(
                system,
                shopSummary.uscc(),
                "341226",
                8,
                LocalDate.of(2020, 2, 14),
                LocalDate.of(2020, 2, 16),
                "店长 0574-87351234");
        workers += 8;
        List<UUID> named = new ArrayList<>(green.stream().limit(5).toList());
        if (!yellow.isEmpty()) {
            named.add(1, yellow.get(0));
        }
        charters.name(employer, shopDemand, named);
        charters.plan(system, FROM, TO, Duration.ofSeconds(3));
        // Registered after the plan: two more named workers from 颍上 wait for a seat.
        UUID waiting = charters.register(
                system,
                shopSummary.uscc(),
                "341226",
                2,
                LocalDate.of(2020, 2, 14),
                LocalDate.of(2020, 2, 16),
                "店长 0574-87351234");
        workers += 2;
        charters.name(employer, waiting, green.stream().skip(5).limit(2).toList());
        List<Charters.TripRef> shopTrips = charters.tripsOf(shopDemand);
        if (!shopTrips.isEmpty()) {
            charters.freeze(system, shopTrips.get(0));
        }
        // One of the maker's buses from 临泉 has arrived: its workers handed over, one with symptoms isolated.
        Charters.TripRef bus = charters.tripsOf(linquan).stream()
                .filter(t -> t.mode().equals("BUS"))
                .findFirst()
                .orElse(null);
        if (bus != null) {
            charters.freeze(system, bus);
            UUID id = bus.id();
            charters.arrive(
                    charters.tripsOf(linquan).stream()
                            .filter(t -> t.id().equals(id))
                            .findFirst()
                            .orElseThrow(),
                    Set.of(3));
        }
        return workers;
    }
}
