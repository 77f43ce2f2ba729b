package org.fugong.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.dashboard.internal.LiveFigures;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.IndexCategory;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.TabularFile;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grid company's figures: daily use per enterprise (file or API) and baselines (computed over a
 * period, or imported). A batch is checked whole: every bad line is reported with its number and
 * nothing is saved when one is wrong. An importer may only send figures of enterprises in its scope.
 */
@Service
public class Electricity {

    public static final List<String> HEADER = List.of("credit_code", "account", "date", "kwh");
    public static final List<String> BASELINE_HEADER = List.of("credit_code", "account", "kwh_per_day");
    public static final int MAX_LINES = 500_000;

    /** One day's use of one enterprise as sent (strings as typed; the API sends the same). */
    public record Reading(
            @Nullable String creditCode,
            @Nullable String account,
            @Nullable String date,
            @Nullable String kwh) {}

    /** A baseline as sent. */
    public record Baseline(
            @Nullable String creditCode,
            @Nullable String account,
            @Nullable String kwhPerDay) {}

    private record Checked(UUID enterprise, @Nullable LocalDate day, BigDecimal kwh) {}

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;
    private final AuditTrail audit;
    private final Clock clock;
    private final LiveFigures live;

    Electricity(JdbcClient jdbc, EnterpriseDirectory enterprises, AuditTrail audit, Clock clock, LiveFigures live) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.audit = audit;
        this.clock = clock;
        this.live = live;
    }

    /** Imports a CSV or XLSX file of daily use; the number of figures saved. */
    @Transactional
    public int importFile(Scope scope, String filename, byte[] content) {
        List<Reading> readings = new ArrayList<>();
        for (List<String> cells : lines(filename, content, HEADER)) {
            readings.add(new Reading(cells.get(0), cells.get(1), cells.get(2), cells.get(3)));
        }
        return save(scope, readings, 2);
    }

    /** Saves daily figures, all or none; {@code firstLine} numbers the problems (2 for a file with a header, 1 for the API). */
    @Transactional
    public int save(Scope scope, List<Reading> readings, int firstLine) {
        if (readings.isEmpty()) {
            throw InvalidInputException.of("file", "index.electricity.error.empty");
        }
        if (readings.size() > MAX_LINES) {
            throw InvalidInputException.of("file", "index.electricity.error.tooMany", MAX_LINES);
        }
        Resolver resolver = resolver(
                readings.stream().map(Reading::creditCode).toList(),
                readings.stream().map(Reading::account).toList());
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        Map<String, Checked> checked = new LinkedHashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            Map<String, String> found = new LinkedHashMap<>();
            EnterpriseSummary e = resolver.resolve(r.creditCode(), r.account(), scope, found);
            LocalDate day = null;
            try {
                day = LocalDate.parse(r.date() == null ? "" : r.date().trim());
                if (day.isAfter(LocalDate.now(clock).plusDays(1))) {
                    found.put("date", "index.electricity.error.future");
                }
            } catch (DateTimeParseException ex) {
                found.put("date", "index.electricity.error.date");
            }
            BigDecimal kwh = amount(r.kwh(), found, "kwh");
            if (found.isEmpty() && e != null && kwh != null) {
                checked.put(e.id() + "|" + day, new Checked(e.id(), day, kwh));
                resolver.remember(e, r.account());
            }
            problems.addAll(atLine(firstLine + i, found));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems).unprocessable();
        }
        resolver.saveMeters();
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> rows = new ArrayList<>();
        for (Checked c : checked.values()) {
            rows.add(new Object[] {c.enterprise(), Date.valueOf(c.day()), c.kwh(), now});
        }
        jdbc.sql("""
                        insert into dashboard_electricity (enterprise_id, day, kwh, imported_at)
                        select * from unnest(?::uuid[], ?::date[], ?::numeric[], ?::timestamptz[])
                        on conflict (day, enterprise_id) do update set kwh = excluded.kwh, imported_at = excluded.imported_at""")
                .params(
                        rows.stream().map(r -> r[0]).toArray(UUID[]::new),
                        rows.stream().map(r -> r[1]).toArray(Date[]::new),
                        rows.stream().map(r -> r[2]).toArray(BigDecimal[]::new),
                        rows.stream().map(r -> r[3]).toArray(Timestamp[]::new))
                .update();
        LocalDate first = checked.values().stream()
                .map(Checked::day)
                .min(LocalDate::compareTo)
                .orElseThrow();
        LocalDate last = checked.values().stream()
                .map(Checked::day)
                .max(LocalDate::compareTo)
                .orElseThrow();
        audit.record(AuditEntry.of("dashboard", "Electricity", first + ".." + last, "ELECTRICITY_IMPORTED")
                .change(null, Map.of("figures", rows.size(), "enterprises", resolver.seen.size()))
                .owner(scope.districtCode(), null));
        live.changed();
        return rows.size();
    }

    /** Imports baselines (kWh a day) from a file; the number saved. */
    @Transactional
    public int importBaselines(Scope scope, String filename, byte[] content) {
        List<Baseline> baselines = new ArrayList<>();
        for (List<String> cells : lines(filename, content, BASELINE_HEADER)) {
            baselines.add(new Baseline(cells.get(0), cells.get(1), cells.get(2)));
        }
        return saveBaselines(scope, baselines, 2);
    }

    @Transactional
    public int saveBaselines(Scope scope, List<Baseline> baselines, int firstLine) {
        if (baselines.isEmpty()) {
            throw InvalidInputException.of("file", "index.electricity.error.empty");
        }
        Resolver resolver = resolver(
                baselines.stream().map(Baseline::creditCode).toList(),
                baselines.stream().map(Baseline::account).toList());
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        Map<UUID, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < baselines.size(); i++) {
            Baseline b = baselines.get(i);
            Map<String, String> found = new LinkedHashMap<>();
            EnterpriseSummary e = resolver.resolve(b.creditCode(), b.account(), scope, found);
            BigDecimal kwh = amount(b.kwhPerDay(), found, "kwh_per_day");
            if (kwh != null && kwh.signum() == 0) {
                found.put("kwh_per_day", "index.electricity.error.zeroBaseline");
            }
            if (found.isEmpty() && e != null && kwh != null) {
                values.put(e.id(), kwh);
                resolver.remember(e, b.account());
            }
            problems.addAll(atLine(firstLine + i, found));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems).unprocessable();
        }
        resolver.saveMeters();
        jdbc.sql("""
                        update dashboard_meter m set baseline_kwh = v.kwh, baseline_source = 'imported', updated_at = ?
                        from unnest(?::uuid[], ?::numeric[]) as v(id, kwh) where m.enterprise_id = v.id""")
                .params(
                        Timestamp.from(clock.instant()),
                        values.keySet().toArray(UUID[]::new),
                        values.values().toArray(BigDecimal[]::new))
                .update();
        audit.record(AuditEntry.of("dashboard", "Electricity", "baselines", "BASELINES_IMPORTED")
                .change(null, Map.of("enterprises", values.size()))
                .owner(scope.districtCode(), null));
        live.changed();
        return values.size();
    }

    /**
     * Computes every baseline in scope as the average daily use over [from, to] (days with a
     * figure); enterprises without a figure in the period keep theirs. The number computed.
     */
    @Transactional
    public int computeBaselines(Scope scope, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw InvalidInputException.of("to", "index.electricity.error.period");
        }
        Scope.Condition visible = scope.where("m.district_code", "m.enterprise_id");
        Map<String, Object> params = new HashMap<>(visible.parameters());
        params.put("from", Date.valueOf(from));
        params.put("to", Date.valueOf(to));
        params.put("source", "average " + from + ".." + to);
        params.put("now", Timestamp.from(clock.instant()));
        int n = jdbc.sql("""
                        update dashboard_meter m set baseline_kwh = a.kwh, baseline_source = :source, updated_at = :now
                        from (select enterprise_id, round(avg(kwh), 2) as kwh from dashboard_electricity
                              where day between :from and :to group by enterprise_id having avg(kwh) > 0) a
                        where a.enterprise_id = m.enterprise_id and""" + " " + visible.sql()).params(params).update();
        audit.record(AuditEntry.of("dashboard", "Electricity", "baselines", "BASELINES_COMPUTED")
                .change(null, Map.of("enterprises", n, "from", from.toString(), "to", to.toString()))
                .owner(scope.districtCode(), null));
        live.changed();
        return n;
    }

    /** Meters, figures and the latest day with figures, within a scope: what the import page shows. */
    public record Standing(
            long meters,
            long withBaseline,
            long figures,
            @Nullable LocalDate lastDay) {}

    @Transactional(readOnly = true)
    public Standing standing(Scope scope) {
        Scope.Condition visible = scope.where("m.district_code", "m.enterprise_id");
        return jdbc.sql("""
                        select count(*) as meters, count(*) filter (where m.baseline_kwh is not null) as with_baseline,
                               coalesce(sum((select count(*) from dashboard_electricity x where x.enterprise_id = m.enterprise_id)), 0) as figures,
                               (select max(x.day) from dashboard_electricity x join dashboard_meter m on m.enterprise_id = x.enterprise_id
                                where""" + " " + visible.sql() + ") as last_day from dashboard_meter m where " + visible.sql())
                .params(visible.parameters())
                .query((rs, n) -> new Standing(
                        rs.getLong("meters"),
                        rs.getLong("with_baseline"),
                        rs.getLong("figures"),
                        rs.getObject("last_day", LocalDate.class)))
                .single();
    }

    private static @Nullable BigDecimal amount(@Nullable String text, Map<String, String> found, String field) {
        try {
            BigDecimal kwh = new BigDecimal(text == null ? "" : text.trim().replace(",", ""));
            if (kwh.signum() < 0 || kwh.compareTo(new BigDecimal("1e11")) >= 0) {
                found.put(field, "index.electricity.error.kwh");
                return null;
            }
            return kwh.setScale(2, RoundingMode.HALF_UP);
        } catch (NumberFormatException ex) {
            found.put(field, "index.electricity.error.kwh");
            return null;
        }
    }

    private static List<List<String>> lines(String filename, byte[] content, List<String> header) {
        List<List<String>> lines =
                TabularFile.upload(filename, content, header, "index.electricity.error.header", MAX_LINES);
        return lines.subList(1, lines.size());
    }

    private static List<InvalidInputException.Problem> atLine(int line, Map<String, String> found) {
        return InvalidInputException.atLine("index.electricity.error.line", line, found);
    }

    private Resolver resolver(List<@Nullable String> creditCodes, List<@Nullable String> accounts) {
        Set<String> codes = new HashSet<>();
        creditCodes.forEach(c -> {
            if (c != null && !c.isBlank()) {
                codes.add(c.trim().toUpperCase());
            }
        });
        Set<String> accountNos = new HashSet<>();
        accounts.forEach(a -> {
            if (a != null && !a.isBlank()) {
                accountNos.add(a.trim());
            }
        });
        Map<String, UUID> byAccount = new HashMap<>();
        if (!accountNos.isEmpty()) {
            jdbc.sql("select account_no, enterprise_id from dashboard_meter where account_no = any(?)")
                    .param(accountNos.toArray(String[]::new))
                    .query((rs, n) -> byAccount.put(rs.getString(1), rs.getObject(2, UUID.class)))
                    .list();
        }
        Map<String, EnterpriseSummary> byCode = new HashMap<>(enterprises.findAllByUscc(codes));
        Map<UUID, EnterpriseSummary> byId = new HashMap<>();
        byCode.values().forEach(e -> byId.put(e.id(), e));
        List<UUID> missing =
                byAccount.values().stream().filter(id -> !byId.containsKey(id)).toList();
        byId.putAll(enterprises.getAll(missing));
        return new Resolver(byAccount, byCode, byId);
    }

    /** Finds the enterprise of a line and remembers the meters to save. */
    private final class Resolver {
        private final Map<String, UUID> byAccount;
        private final Map<String, EnterpriseSummary> byCode;
        private final Map<UUID, EnterpriseSummary> byId;
        private final Map<UUID, @Nullable String> seen = new LinkedHashMap<>();

        Resolver(
                Map<String, UUID> byAccount, Map<String, EnterpriseSummary> byCode, Map<UUID, EnterpriseSummary> byId) {
            this.byAccount = byAccount;
            this.byCode = byCode;
            this.byId = byId;
        }

        @Nullable EnterpriseSummary resolve(
                @Nullable String creditCode, @Nullable String account, Scope scope, Map<String, String> found) {
            String code = creditCode == null ? "" : creditCode.trim().toUpperCase();
            String acct = account == null ? "" : account.trim();
            EnterpriseSummary e = null;
            if (!code.isEmpty()) {
                e = byCode.get(code);
                if (e == null) {
                    found.put("credit_code", "index.electricity.error.unknownEnterprise");
                } else if (!acct.isEmpty()
                        && byAccount.containsKey(acct)
                        && !byAccount.get(acct).equals(e.id())) {
                    found.put("account", "index.electricity.error.accountTaken");
                }
            } else if (!acct.isEmpty()) {
                UUID id = byAccount.get(acct);
                e = id == null ? null : byId.get(id);
                if (e == null) {
                    found.put("account", "index.electricity.error.unknownAccount");
                }
            } else {
                found.put("credit_code", "index.electricity.error.noEnterprise");
            }
            if (acct.length() > 40) {
                found.put("account", "index.electricity.error.account");
            }
            if (e != null && !scope.permits(e.districtCode(), e.id())) {
                found.put("credit_code", "index.electricity.error.outOfScope");
                return null;
            }
            return e;
        }

        void remember(EnterpriseSummary e, @Nullable String account) {
            String acct = account == null || account.isBlank() ? null : account.trim();
            if (acct != null || !seen.containsKey(e.id())) {
                seen.put(e.id(), acct);
            }
        }

        void saveMeters() {
            List<UUID> ids = new ArrayList<>();
            List<@Nullable String> accountNos = new ArrayList<>();
            List<String> districts = new ArrayList<>();
            List<String> categories = new ArrayList<>();
            seen.forEach((id, account) -> {
                EnterpriseSummary e = byId.get(id);
                ids.add(id);
                accountNos.add(account);
                districts.add(e.districtCode());
                categories.add(String.join(
                        ",", IndexCategory.of(e).stream().map(Enum::name).toList()));
            });
            jdbc.sql("""
                            insert into dashboard_meter (enterprise_id, account_no, district_code, categories, updated_at)
                            select id, acct, district, coalesce(string_to_array(nullif(cats, ''), ','), '{}'), ?
                            from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::text[]) as v(id, acct, district, cats)
                            on conflict (enterprise_id) do update set account_no = coalesce(excluded.account_no, dashboard_meter.account_no),
                                district_code = excluded.district_code, categories = excluded.categories""")
                    .params(
                            Timestamp.from(clock.instant()),
                            ids.toArray(UUID[]::new),
                            accountNos.toArray(String[]::new),
                            districts.toArray(String[]::new),
                            categories.toArray(String[]::new))
                    .update();
        }
    }
}
