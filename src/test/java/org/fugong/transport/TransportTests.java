package org.fugong.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fugong.IntegrationTest;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.Staff;
import org.fugong.shell.RefusedChangeException;
import org.fugong.shell.StaleVersionException;
import org.fugong.transport.internal.Demands;
import org.fugong.transport.internal.Planner;
import org.fugong.transport.internal.Trips;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Bringing workers back, as its users do it: an employer registers returning workers (form, file,
 * API; refused in both languages at the field, nothing half saved), names them among its staff; the
 * bureau plans a period in the background (the pages answer meanwhile), pins a trip, plans again (the
 * pinned trip stays), freezes a manifest (a yellow code is removed, the seat goes to a waiting worker),
 * calls the roll and hands over (symptoms to isolation); each side sees only what is its own.
 */
class TransportTests extends IntegrationTest {

    static final String YINGSHANG = "341226";
    static final String FUNAN = "341225";

    @Autowired
    Demands demands;

    @Autowired
    Planner planner;

    @Autowired
    Trips trips;

    @Autowired
    Staff staff;

    @Autowired
    TransportFigures figures;

    @Autowired
    Charters charters;

    /** Buses for the tests' periods (the demo's fleet serves February and early March 2020). */
    @BeforeEach
    void fleet() {
        if (jdbc.sql("select count(*) from transport_vehicle where label like 'TEST-%'")
                        .query(Integer.class)
                        .single()
                == 0) {
            charters.addVehicles(
                    "BUS", "TEST-BUS", "测试客运", 55, 2, LocalDate.of(2020, 3, 25), LocalDate.of(2020, 7, 31), "", 10);
        }
    }

    private String shopUscc() {
        return jdbc.sql("select uscc from enterprise where id = ?")
                .param(enterpriseOf("ent-haishu"))
                .query(String.class)
                .single();
    }

    private UUID register(String origin, int workers, LocalDate from, LocalDate to) {
        return demands.register(
                actor("ent-haishu"),
                scope("ent-haishu"),
                new Demands.NewDemand(
                        null, origin, String.valueOf(workers), from.toString(), to.toString(), "店长", null));
    }

    private List<UUID> staffOf(CodeColour colour, int count, Set<UUID> except) {
        return staff.of(actor("ent-haishu")).stream()
                .filter(m -> m.colour() == colour && !except.contains(m.personId()))
                .filter(m -> jdbc.sql("select count(*) from transport_worker where person_id = ?")
                                .param(m.personId())
                                .query(Integer.class)
                                .single()
                        == 0)
                .map(Staff.Member::personId)
                .limit(count)
                .toList();
    }

    private Planner.Plan plan(LocalDate from, LocalDate to) {
        UUID id = planner.start(actor("transport"), scope("transport"), from, to);
        planner.await(id, Duration.ofSeconds(30));
        return planner.plan(scope("transport"), id);
    }

    private MvcTestResult postDemand(String lang, String origin, String workers, String from, String to) {
        return mvc.post()
                .uri("/transport/demand?lang=" + lang)
                .param("originCode", origin)
                .param("workers", workers)
                .param("windowFrom", from)
                .param("windowTo", to)
                .with(as("ent-haishu"))
                .with(csrf())
                .exchange();
    }

    /** Uploads a CSV file to a page's form as a user. */
    private MvcTestResult upload(String user, String uri, String csv) {
        return mvc.post()
                .multipart()
                .uri(uri)
                .file(new MockMultipartFile("file", "upload.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                .with(as(user))
                .with(csrf())
                .exchange();
    }

    private int demandCount() {
        return jdbc.sql("select count(*) from transport_demand")
                .query(Integer.class)
                .single();
    }

    @Test
    void theFormRefusesWhatItCannotTakeAtItsFieldsInBothLanguagesAndSavesNothing() {
        int before = demandCount();
        assertThat(postDemand("en", "999999", "0", "2020-05-04", "2020-05-01"))
                .hasStatus(422)
                .bodyText()
                .contains("No county-level unit has this code.")
                .contains("Between 1 and 20,000 workers.")
                .contains("Cannot be before the first day.");
        assertThat(postDemand("zh-CN", YINGSHANG, "12", "2020-05-01", "2020-07-01"))
                .hasStatus(422)
                .bodyText()
                .contains("最长 31 天。");
        assertThat(postDemand("zh-CN", "", "x", "soon", ""))
                .hasStatus(422)
                .bodyText()
                .contains("必填。")
                .contains("人数应在 1 至 20000 之间。")
                .contains("日期格式应为 yyyy-mm-dd。");
        assertThat(demandCount()).isEqualTo(before);
        long mark = auditMark();
        assertThat(postDemand("en", YINGSHANG, "12", "2020-05-01", "2020-05-03"))
                .hasStatus3xxRedirection();
        assertThat(demandCount()).isEqualTo(before + 1);
        assertThat(auditSince(mark, "TRANSPORT_DEMAND_REGISTERED")).hasSize(1);
    }

    @Test
    void aFileIsCheckedWholeAndSavedWholeOrNotAtAll() {
        String header = String.join(",", Demands.HEADER) + "\n";
        String good = shopUscc() + "," + YINGSHANG + ",20,2020-05-10,2020-05-12,店长,\n";
        String bad = shopUscc() + ",999999,20,2020-05-10,2020-05-12,,\n";
        int before = demandCount();
        assertThat(upload("city", "/transport/demand/import?lang=en", (header + good + bad)))
                .hasStatus(422)
                .bodyText()
                .contains("Line 3, origin_code: No county-level unit has this code.");
        assertThat(demandCount()).isEqualTo(before);
        // An enterprise may not register for another one in its file.
        String other = jdbc.sql("select uscc from enterprise where id = ?")
                .param(enterpriseOf("ent-jiangbei"))
                .query(String.class)
                .single();
        assertThat(upload(
                        "ent-haishu",
                        "/transport/demand/import?lang=en",
                        (header + good + other + "," + FUNAN + ",5,2020-05-10,2020-05-12,,\n")))
                .hasStatus(422)
                .bodyText()
                .contains("You register for your own enterprise only.");
        assertThat(demandCount()).isEqualTo(before);
        assertThat(upload("haishu", "/transport/demand/import", (header + good + good)))
                .hasStatus3xxRedirection();
        assertThat(demandCount()).isEqualTo(before + 2);
    }

    @Test
    void theApiRegistersAndExplainsItsRefusals() {
        assertThat(sendJson(
                        HttpMethod.POST,
                        "ent-haishu",
                        "/api/transport/demand",
                        "{\"originCode\":\"" + FUNAN
                                + "\",\"workers\":\"9\",\"windowFrom\":\"2020-05-20\",\"windowTo\":\"2020-05-21\"}"))
                .hasStatus(201);
        assertThat(sendJson(
                        HttpMethod.POST,
                        "ent-haishu",
                        "/api/transport/demand",
                        "{\"originCode\":\"" + FUNAN + "\",\"workers\":\"-1\"}"))
                .hasStatus(422)
                .bodyText()
                .contains("workers")
                .contains("windowFrom");
    }

    @Test
    void eachSeesOnlyItsOwnWorkersAndTrips() {
        UUID shopDemand = register(FUNAN, 4, LocalDate.of(2020, 5, 25), LocalDate.of(2020, 5, 26));
        assertThat(demands.list(scope("ent-haishu"), null, null, 1000))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.enterpriseId()).isEqualTo(enterpriseOf("ent-haishu")));
        assertThat(demands.list(scope("jiangbei"), null, null, 1000))
                .allSatisfy(d -> assertThat(d.districtCode()).isEqualTo("330205"));
        assertThat(demands.list(scope("haishu"), null, null, 1000))
                .extracting(Demands.Demand::id)
                .contains(shopDemand);
        assertThat(mvc.get().uri("/transport/demand/" + shopDemand).with(as("jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/transport/demand/" + shopDemand).with(as("ent-jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/transport").with(as("labour"))).hasStatus(403);
        assertThat(mvc.get().uri("/transport/plans").with(as("haishu"))).hasStatus(403);
        // The demo's frozen trip carries ent-haishu's workers with others: the shop sees only its own passengers.
        Trips.Trip shared = trips.list(scope("ent-haishu"), null, null, 100).stream()
                .filter(t -> t.status().equals("FROZEN") && t.workers() > t.mine())
                .findFirst()
                .orElseThrow();
        Trips.Manifest own = trips.manifest(scope("ent-haishu"), shared.id());
        assertThat(own.passengers())
                .allSatisfy(p -> assertThat(p.enterpriseId()).isEqualTo(enterpriseOf("ent-haishu")));
        assertThat(own.loads()).allSatisfy(l -> assertThat(l.enterpriseId()).isEqualTo(enterpriseOf("ent-haishu")));
        assertThat(own.hiddenWorkers()).isPositive();
        assertThat(trips.list(scope("jiangbei"), null, null, 1000))
                .extracting(Trips.Trip::id)
                .doesNotContain(shared.id());
        assertThat(mvc.get().uri("/transport/trips/" + shared.id()).with(as("jiangbei")))
                .hasStatus(403);
        assertThat(mvc.get().uri("/api/transport/trips").with(as("ent-jiangbei")))
                .hasStatusOk()
                .bodyText()
                .doesNotContain(shared.id().toString());
    }

    @Test
    void theBureauPlansPinsPlansAgainFreezesAndHandsOver() throws Exception {
        LocalDate from = LocalDate.of(2020, 4, 1);
        LocalDate to = from.plusDays(6);
        UUID demand = register(YINGSHANG, 30, from.plusDays(1), from.plusDays(3));
        UUID near = register(FUNAN, 10, from.plusDays(2), from.plusDays(4));
        List<UUID> green = staffOf(CodeColour.GREEN, 3, Set.of());
        List<UUID> yellow = staffOf(CodeColour.YELLOW, 1, Set.of());
        assertThat(yellow).as("a yellow code among the shop's staff").hasSize(1);
        demands.name(
                actor("ent-haishu"), scope("ent-haishu"), demand, List.of(green.get(0), yellow.get(0), green.get(1)));

        Planner.Plan first = plan(from, to);
        assertThat(first.status()).isEqualTo("SOLVED");
        assertThat(first.unplanned()).isZero();
        assertThat(first.trips()).isEqualTo(2); // 40 workers from two nearby counties: two buses of 27
        assertThat(first.lowerBound()).isEqualTo(3);
        assertThat(first.constraints())
                .extracting(c -> c[0])
                .contains("capacity", "arrivalWindow", "trips", "distance");
        assertThat(planner.byOrigin(first))
                .extracting(
                        Planner.OriginFigures::originCode,
                        Planner.OriginFigures::workers,
                        Planner.OriginFigures::trips,
                        Planner.OriginFigures::lowerBound)
                .containsExactly(tuple(YINGSHANG, 30, 2, 2), tuple(FUNAN, 10, 1, 1));
        assertThat(mvc.get().uri("/transport/plans/" + first.id() + "?lang=en").with(as("transport")))
                .hasStatusOk()
                .bodyText()
                .contains("Trips against the lower bound, by origin")
                .contains("颍上县");
        List<Trips.Trip> planned = trips.list(scope("transport"), first.id(), null, 100);
        assertThat(planned).hasSize(2).allSatisfy(t -> assertThat(t.workers()).isLessThanOrEqualTo(t.seats()));

        Trips.Trip pinned = planned.get(0);
        trips.pin(scope("transport"), pinned.id(), pinned.version(), true);
        Planner.Plan second = plan(from, to);
        List<Trips.Trip> replanned = trips.list(scope("transport"), second.id(), null, 100);
        assertThat(replanned)
                .extracting(Trips.Trip::id)
                .contains(pinned.id())
                .doesNotContain(planned.get(1).id());
        Trips.Trip kept = replanned.stream()
                .filter(t -> t.id().equals(pinned.id()))
                .findFirst()
                .orElseThrow();
        assertThat(kept.pinned()).isTrue();
        assertThat(kept.workers()).isEqualTo(pinned.workers());
        assertThat(second.unplanned()).isZero();

        // A worker registered after the plan waits; the yellow code's seat goes to him at freeze.
        UUID waiting = register(YINGSHANG, 1, from.plusDays(1), from.plusDays(3));
        List<UUID> late = staffOf(CodeColour.GREEN, 1, Set.copyOf(green));
        demands.name(actor("ent-haishu"), scope("ent-haishu"), waiting, late);
        Trips.Trip carrying = trips.carrying(demand).get(0);
        long mark = auditMark();
        Trips.Freeze frozen = trips.freeze(actor("transport"), scope("transport"), carrying.id(), carrying.version());
        assertThat(frozen.removed()).isEqualTo(1);
        assertThat(frozen.offered()).isEqualTo(1);
        assertThat(auditSince(mark, "TRANSPORT_MANIFEST_FROZEN")).hasSize(1);
        Trips.Manifest manifest = trips.manifest(scope("transport"), carrying.id());
        Trips.Passenger refused = manifest.passengers().stream()
                .filter(p -> p.status().equals("REMOVED"))
                .findFirst()
                .orElseThrow();
        assertThat(refused.colour()).isEqualTo("YELLOW");
        assertThat(refused.reason()).isEqualTo("transport.passenger.reason.code.YELLOW");
        assertThat(refused.seat()).isNull();
        assertThat(manifest.passengers())
                .filteredOn(p -> "transport.passenger.reason.offered".equals(p.reason()))
                .singleElement()
                .satisfies(p -> assertThat(p.demandId()).isEqualTo(waiting));
        assertThat(manifest.passengers().stream()
                        .filter(p -> !p.status().equals("REMOVED"))
                        .count())
                .isEqualTo(carrying.workers());
        // Refused at the page too: the manifest says why, in English.
        assertThat(mvc.get()
                        .uri("/transport/trips/" + carrying.id() + "?lang=en")
                        .with(as("transport")))
                .hasStatusOk()
                .bodyText()
                .contains("Yellow code")
                .contains("Seat offered to a waiting worker");
        // A stale step is refused.
        assertThatThrownBy(() -> trips.rollCall(scope("transport"), carrying.id(), carrying.version(), Set.of()))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> trips.pin(scope("transport"), carrying.id(), carrying.version() + 1, false))
                .isInstanceOf(RefusedChangeException.class);

        Set<UUID> aboard = manifest.passengers().stream()
                .filter(p -> !p.status().equals("REMOVED"))
                .map(Trips.Passenger::id)
                .collect(Collectors.toSet());
        UUID absent = aboard.iterator().next();
        Set<UUID> boarded = aboard.stream().filter(id -> !id.equals(absent)).collect(Collectors.toSet());
        int version = trips.manifest(scope("transport"), carrying.id()).trip().version();
        assertThat(trips.rollCall(scope("transport"), carrying.id(), version, boarded))
                .isEqualTo(boarded.size());
        UUID unwell = boarded.iterator().next();
        Trips.Arrival arrival = trips.arrive(scope("transport"), carrying.id(), version + 1, Set.of(unwell));
        assertThat(arrival.isolated()).isEqualTo(1);
        assertThat(arrival.received()).isEqualTo(boarded.size() - 1);
        Trips.Manifest after = trips.manifest(scope("transport"), carrying.id());
        assertThat(after.trip().status()).isEqualTo("ARRIVED");
        assertThat(after.passengers())
                .filteredOn(p -> p.id().equals(absent))
                .singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("ABSENT"));
        assertThat(after.passengers())
                .filteredOn(p -> p.id().equals(unwell))
                .singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo("ISOLATED"));
        assertThat(figures.byEmployer(scope("ent-haishu"), 5))
                .singleElement()
                .satisfies(e -> assertThat(e.arrived()).isGreaterThanOrEqualTo(boarded.size()));

        // The manifest as files: XLSX with the passengers, a PDF.
        byte[] xlsx = mvc.get()
                .uri("/transport/trips/" + carrying.id() + "/manifest.xlsx")
                .with(as("ent-haishu"))
                .exchange()
                .getResponse()
                .getContentAsByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            String text = IntStream.rangeClosed(0, sheet.getLastRowNum())
                    .mapToObj(r -> sheet.getRow(r) == null
                            ? ""
                            : sheet.getRow(r).getCell(2) == null
                                    ? ""
                                    : sheet.getRow(r).getCell(2).getStringCellValue())
                    .collect(Collectors.joining("|"));
            assertThat(text).contains("ISOLATED").contains("RECEIVED");
        }
        assertThat(mvc.get()
                        .uri("/transport/trips/" + carrying.id() + "/manifest.pdf")
                        .with(as("ent-haishu")))
                .hasStatusOk()
                .hasContentType("application/pdf")
                .body()
                .satisfies(bytes -> assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1))
                        .isEqualTo("%PDF-"));
    }

    @Test
    void onePlanSolvesAtATimeOverAPeriodAndThePagesAnswerMeanwhile() {
        LocalDate from = LocalDate.of(2020, 6, 1);
        register(YINGSHANG, 60, from, from.plusDays(2));
        UUID running = planner.start(actor("transport"), scope("transport"), from, from.plusDays(6));
        try {
            assertThatThrownBy(() -> planner.start(actor("city"), scope("city"), from.plusDays(3), from.plusDays(9)))
                    .isInstanceOf(RefusedChangeException.class);
            long start = System.nanoTime();
            assertThat(mvc.get().uri("/transport/demand").with(as("transport"))).hasStatusOk();
            assertThat(mvc.get()
                            .uri("/transport/plans/" + running + "/progress")
                            .with(as("transport")))
                    .hasStatusOk()
                    .bodyText()
                    .contains("data-status=\"SOLVING\"");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(planner.plan(scope("transport"), running).status()).isEqualTo("SOLVING");
        } finally {
            planner.await(running, Duration.ofSeconds(30));
        }
        assertThat(planner.plan(scope("transport"), running).status()).isEqualTo("SOLVED");
    }

    @Test
    void aPeriodThatCannotBeReadIsToldSoAtItsField() {
        assertThat(mvc.post()
                        .uri("/transport/plans?lang=en")
                        .param("periodFrom", "2020-13-45")
                        .param("periodTo", "2020-03-07")
                        .with(as("transport"))
                        .with(csrf()))
                .hasStatus(422)
                .bodyText()
                .contains("Not a date (yyyy-mm-dd).");
    }

    @Test
    void aPlanCanBeStoppedAndKeepsTheBestItFound() {
        LocalDate from = LocalDate.of(2020, 6, 20);
        register(YINGSHANG, 40, from, from.plusDays(2));
        UUID running = planner.start(actor("transport"), scope("transport"), from, from.plusDays(3));
        long mark = auditMark();
        assertThat(mvc.post()
                        .uri("/transport/plans/" + running + "/stop")
                        .with(as("transport"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        planner.await(running, Duration.ofSeconds(30));
        Planner.Plan stopped = planner.plan(scope("transport"), running);
        assertThat(stopped.status()).isEqualTo("STOPPED");
        assertThat(stopped.trips()).isEqualTo(2);
        assertThat(auditSince(mark, "TRANSPORT_PLAN_STOPPED")).hasSize(1);
    }

    @Test
    void theOverviewChartsTheDemandByDayAndMapsItsOrigins() {
        // The demo's maker wants its 临泉 workers from 12 February: the chart by day has that day, the map the county.
        assertThat(mvc.get().uri("/transport?lang=en").with(as("city")))
                .hasStatusOk()
                .bodyText()
                .contains("&quot;days&quot;:[")
                .contains("&quot;key&quot;:&quot;2020-02-12&quot;")
                .contains("临泉县");
    }

    @Test
    void roadDistancesAreLoadedWholeOrNotAtAll() {
        String header = "from_code,to_code,km\n";
        assertThat(upload(
                        "transport",
                        "/transport/rules/roads?lang=en",
                        (header + "520624,CITY,1702\n999999,CITY,10\n520626,CITY,0\n")))
                .hasStatus(422)
                .bodyText()
                .contains("Line 3, from_code: No county-level unit has this code.")
                .contains("Line 4, km: Between 1 and 10,000 km.");
        assertThat(upload(
                        "transport",
                        "/transport/rules/roads?lang=en",
                        (header + "520624,CITY,1702\n520626,CITY,1688\nCITY,520626,1690\n")))
                .hasStatus3xxRedirection();
        assertThat(jdbc.sql("select km from transport_road_km where from_code = 'CITY' and to_code = ?")
                        .param("520624")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1702);
        assertThat(jdbc.sql("select km from transport_road_km where from_code = 'CITY' and to_code = ?")
                        .param("520626")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1690);
        assertThat(upload("haishu", "/transport/rules/roads", header)).hasStatus(403);
    }

    @Test
    void aNewVersionOfTheRulesChangesTheUsableSeats() {
        assertThat(mvc.post()
                        .uri("/transport/rules?lang=en")
                        .param("effectiveFrom", "2020-03-20")
                        .param("usableShare", "1.5")
                        .param("observationRows", "2")
                        .param("seatsPerRow", "4")
                        .param("roadFactor", "1.25")
                        .param("speedKmh", "80")
                        .param("drivingHours", "8")
                        .param("pickupRadiusKm", "150")
                        .param("railThresholdKm", "1500")
                        .param("reason", "")
                        .with(as("transport"))
                        .with(csrf()))
                .hasStatus(422)
                .bodyText()
                .contains("Between 0 and 1.")
                .contains("Required.");
        assertThat(mvc.post()
                        .uri("/transport/rules")
                        .param("effectiveFrom", "2030-03-20")
                        .param("usableShare", "0.75")
                        .param("observationRows", "2")
                        .param("seatsPerRow", "4")
                        .param("roadFactor", "1.25")
                        .param("speedKmh", "80")
                        .param("drivingHours", "8")
                        .param("pickupRadiusKm", "150")
                        .param("railThresholdKm", "1500")
                        .param("reason", "测试：疫情缓解后放宽")
                        .with(as("transport"))
                        .with(csrf()))
                .hasStatus3xxRedirection();
        assertThat(mvc.post().uri("/transport/rules").with(as("haishu")).with(csrf()))
                .hasStatus(403);
    }
}
