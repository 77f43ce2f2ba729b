package org.fugong.dashboard.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.IndexCategory;
import org.fugong.geography.Geography;
import org.fugong.shell.NotFoundException;
import org.fugong.shell.Times;
import org.fugong.tickets.TicketFigures;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily brief: at the rules' time, the day's snapshot is written and one PDF is made per
 * district and for the city — figures, change since yesterday, the worst five of each list, charts
 * — claimed in the database so that it happens once with several instances, kept, and mailed to
 * {@code fugong.dashboard.brief.mail-to.<district or city>} when mail is configured.
 */
@Service
public class Briefs {

    private static final Logger log = LoggerFactory.getLogger(Briefs.class);
    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    public record Brief(
            LocalDate day,
            String districtCode,
            Instant madeAt,
            int bytes,
            @Nullable String mailedTo) {}

    private final JdbcClient jdbc;
    private final LiveFigures live;
    private final Snapshots snapshots;
    private final IndexRules rules;
    private final BriefPdf pdf;
    private final Geography geography;
    private final MessageSource messages;
    private final Times times;
    private final Clock clock;
    private final AuditTrail audit;
    private final ObjectProvider<JavaMailSender> mail;
    private final Environment environment;
    private final boolean scheduled;
    private final String from;

    Briefs(
            JdbcClient jdbc,
            LiveFigures live,
            Snapshots snapshots,
            IndexRules rules,
            BriefPdf pdf,
            Geography geography,
            MessageSource messages,
            Times times,
            Clock clock,
            AuditTrail audit,
            ObjectProvider<JavaMailSender> mail,
            Environment environment,
            @Value("${fugong.dashboard.brief.scheduled:true}") boolean scheduled,
            @Value("${fugong.tickets.mail-from:fugong@localhost}") String from) {
        this.jdbc = jdbc;
        this.live = live;
        this.snapshots = snapshots;
        this.rules = rules;
        this.pdf = pdf;
        this.geography = geography;
        this.messages = messages;
        this.times = times;
        this.clock = clock;
        this.audit = audit;
        this.mail = mail;
        this.environment = environment;
        this.scheduled = scheduled;
        this.from = from;
    }

    /** Every minute: once the rules' time has come today, the day's snapshot and briefs (once). */
    @Scheduled(
            fixedDelayString = "${fugong.dashboard.brief.check:60s}",
            initialDelayString = "${fugong.dashboard.brief.check:60s}")
    void check() {
        if (!scheduled) {
            return;
        }
        LocalDate today = times.today();
        LocalTime at = rules.on(today).briefAt();
        if (!ZonedDateTime.now(clock.withZone(times.zone())).toLocalTime().isBefore(at)) {
            try {
                runDaily(today, LiveFigures.instance());
            } catch (RuntimeException e) {
                log.warn("The daily brief of {} failed: {}", today, e.toString());
            }
        }
    }

    /** Claims the day's run; the claimant writes the snapshot and the briefs. False if already claimed. */
    @Transactional
    public boolean runDaily(LocalDate day, String instance) {
        int claimed = jdbc.sql("""
                        insert into dashboard_job_run (job, day, started_at, instance) values ('daily-brief', ?, ?, ?)
                        on conflict do nothing""")
                .params(Date.valueOf(day), Timestamp.from(clock.instant()), instance)
                .update();
        if (claimed == 0) {
            return false;
        }
        snapshots.snapshotToday();
        for (String district : live.all().keySet()) {
            make(day, district, instance);
        }
        log.info("Wrote the daily briefs of {}", day);
        return true;
    }

    /** Makes (or makes again) one brief of a day for a district or the city, and mails it when configured. */
    @Transactional
    public Brief make(LocalDate day, String district, String instance) {
        byte[] document = render(day, district);
        String to = environment.getProperty("fugong.dashboard.brief.mail-to." + district);
        jdbc.sql("""
                        insert into dashboard_brief (day, district_code, pdf, made_at, instance, mailed_to)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (day, district_code) do update set pdf = excluded.pdf, made_at = excluded.made_at,
                            instance = excluded.instance, mailed_to = excluded.mailed_to""")
                .params(
                        Date.valueOf(day),
                        district,
                        document,
                        Timestamp.from(clock.instant()),
                        instance,
                        mail.getIfAvailable() == null ? null : to)
                .update();
        audit.record(AuditEntry.of("dashboard", "Brief", day + "/" + district, "BRIEF_MADE")
                .change(null, Map.of("bytes", document.length))
                .owner(district.equals(IndexValue.CITY) ? null : district, null));
        mail(to, day, district, document);
        return brief(day, district).orElseThrow();
    }

    private void mail(@Nullable String to, LocalDate day, String district, byte[] document) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null || to == null || to.isBlank()) {
            return;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to.split(","));
            helper.setSubject("[Fugong] " + title(day, district));
            helper.setText(title(day, district));
            helper.addAttachment("brief-" + district + "-" + day + ".pdf", new ByteArrayResource(document));
            sender.send(message);
        } catch (MessagingException | MailException e) {
            log.warn("Could not mail the brief of {} to {}: {}", district, to, e.getMessage());
        }
    }

    /** The briefs a scope may read (a district: its own and the city's), newest first. */
    @Transactional(readOnly = true)
    public List<Brief> list(Scope scope, int limit) {
        return jdbc.sql("select day, district_code, made_at, length(pdf) as bytes, mailed_to from dashboard_brief"
                        + (scope.isCity() ? "" : " where district_code in ('city', ?)")
                        + " order by day desc, district_code limit " + limit)
                .params(scope.isCity() ? List.of() : List.of(String.valueOf(scope.districtCode())))
                .query(Brief.class)
                .list();
    }

    /** A brief's PDF, if the scope may read it. */
    @Transactional(readOnly = true)
    public byte[] pdf(Scope scope, LocalDate day, String district) {
        if (!district.equals(IndexValue.CITY)) {
            scope.check(district, null);
        }
        return jdbc.sql("select pdf from dashboard_brief where day = ? and district_code = ?")
                .params(Date.valueOf(day), district)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFoundException("brief", day + "/" + district));
    }

    private Optional<Brief> brief(LocalDate day, String district) {
        return jdbc.sql("select day, district_code, made_at, length(pdf) as bytes, mailed_to from dashboard_brief"
                        + " where day = ? and district_code = ?")
                .params(Date.valueOf(day), district)
                .query(Brief.class)
                .optional();
    }

    private String name(String district) {
        return district.equals(IndexValue.CITY)
                ? geography.city().nameZh()
                : geography.district(district).map(d -> d.nameZh()).orElse(district);
    }

    private String title(LocalDate day, String district) {
        return name(district) + " 复工指数日报 Daily resumption brief " + day;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, ZH) + " / " + messages.getMessage(key, args, key, Locale.ENGLISH);
    }

    private static String pct(@Nullable Double v) {
        return v == null ? "—" : String.format("%.1f%%", 100 * v);
    }

    private static String num(@Nullable Double v) {
        return v == null ? "—" : String.format("%.2f", v);
    }

    private static String change(@Nullable Double now, @Nullable Double before, boolean percent) {
        if (now == null || before == null) {
            return "—";
        }
        double d = (now - before) * (percent ? 100 : 1);
        return String.format("%+.1f", d);
    }

    /** The brief's blocks for a district or the city. */
    byte[] render(LocalDate day, String district) {
        Map<String, LiveFigures.Live> all = live.all();
        LiveFigures.Live mine = all.get(district);
        if (mine == null) {
            throw new NotFoundException("district", district);
        }
        IndexValue today = mine.all();
        // The last two weeks, read once: yesterday for the changes, all of it for the trend.
        Map<LocalDate, List<IndexValue>> fortnight = snapshots.history(day.minusDays(13), day, IndexValue.ALL);
        IndexValue before = fortnight.getOrDefault(day.minusDays(1), List.of()).stream()
                .filter(v -> v.districtCode().equals(district))
                .findFirst()
                .orElse(null);
        List<BriefPdf.Block> blocks = new ArrayList<>();
        blocks.add(new BriefPdf.Heading(msg("index.brief.index")));
        blocks.add(new BriefPdf.Text(msg(
                "index.brief.composite",
                num(today.composite()),
                msg("index.preset." + today.shown().name()),
                num(today.stateGrid()),
                num(today.fugong()),
                change(today.composite(), before == null ? null : before.composite(), false))));
        List<List<String>> parts = new ArrayList<>();
        for (IndexValue.Part p : today.orderedParts()) {
            parts.add(List.of(
                    msg("index.part." + p.key()),
                    String.format("%,.0f", p.numerator()),
                    String.format("%,.0f", p.denominator()),
                    pct(p.value()),
                    before == null ? "—" : pct(before.value(p.key())),
                    change(p.value(), before == null ? null : before.value(p.key()), true)));
        }
        blocks.add(new BriefPdf.Table(
                List.of(
                        msg("index.brief.part"),
                        msg("index.brief.numerator"),
                        msg("index.brief.denominator"),
                        msg("index.brief.value"),
                        msg("index.brief.yesterday"),
                        msg("index.brief.change")),
                parts,
                new float[] {4, 2, 2, 1.5f, 1.5f, 1.5f}));
        if (district.equals(IndexValue.CITY)) {
            List<LiveFigures.Live> districts = all.values().stream()
                    .filter(l -> !l.districtCode().equals(IndexValue.CITY))
                    .sorted(Comparator.comparing((LiveFigures.Live l) ->
                            l.all().composite() == null ? -1 : l.all().composite()))
                    .toList();
            blocks.add(new BriefPdf.Heading(msg("index.brief.ranking")));
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int i = districts.size() - 1; i >= 0; i--) {
                LiveFigures.Live l = districts.get(i);
                labels.add(name(l.districtCode()));
                values.add(l.all().composite() == null ? 0.0 : l.all().composite());
            }
            blocks.add(new BriefPdf.Bars(labels, values, 100, ""));
            blocks.add(new BriefPdf.Heading(msg("index.brief.worst")));
            blocks.add(worst(
                    districts.stream().limit(5).toList(),
                    l -> num(l.all().composite()),
                    "index.brief.composite.short"));
            blocks.add(worst(
                    districts.stream()
                            .sorted(Comparator.comparingLong(
                                    (LiveFigures.Live l) -> -l.tiles().ticketsOverdue()))
                            .limit(5)
                            .toList(),
                    l -> String.valueOf(l.tiles().ticketsOverdue()),
                    "dashboard.tile.overdue"));
            blocks.add(worst(
                    districts.stream()
                            .sorted(Comparator.comparingLong(
                                    (LiveFigures.Live l) -> -l.tiles().held()))
                            .limit(5)
                            .toList(),
                    l -> String.valueOf(l.tiles().held()),
                    "dashboard.tile.held"));
        } else {
            List<String> labels = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (IndexCategory c : IndexCategory.values()) {
                IndexValue v = mine.index().get(c.name());
                labels.add(messages.getMessage(c.messageKey(), null, c.name(), ZH));
                values.add(v == null || v.composite() == null ? 0.0 : v.composite());
            }
            blocks.add(new BriefPdf.Heading(msg("index.brief.categories")));
            blocks.add(new BriefPdf.Bars(labels, values, 100, ""));
        }
        List<String> days = new ArrayList<>();
        List<@Nullable Double> trend = new ArrayList<>();
        fortnight.forEach((d, list) -> {
            days.add(d.toString().substring(5));
            trend.add(list.stream()
                    .filter(v -> v.districtCode().equals(district))
                    .findFirst()
                    .map(IndexValue::composite)
                    .orElse(null));
        });
        blocks.add(new BriefPdf.Heading(msg("index.brief.trend")));
        blocks.add(new BriefPdf.Line(days, trend, 100));
        LiveFigures.Tiles t = mine.tiles();
        blocks.add(new BriefPdf.Heading(msg("index.brief.figures")));
        blocks.add(new BriefPdf.Table(
                List.of(msg("index.brief.figure"), msg("index.brief.count")),
                List.of(
                        List.of(msg("dashboard.tile.applications"), String.valueOf(t.pending())),
                        List.of(msg("my.held"), String.valueOf(t.held())),
                        List.of(msg("dashboard.tile.ticketsOpen"), String.valueOf(t.ticketsOpen())),
                        List.of(msg("dashboard.tile.overdue"), String.valueOf(t.ticketsOverdue())),
                        List.of(msg("dashboard.tile.escalations"), String.valueOf(t.escalations())),
                        List.of(msg("dashboard.tile.lightsRed"), String.valueOf(t.lightsRed())),
                        List.of(msg("dashboard.tile.chainsBlocked"), String.valueOf(t.chainsBlocked())),
                        List.of(msg("dashboard.tile.arrived"), t.arrivalsArrived() + " / " + t.arrivalsExpected())),
                new float[] {4, 2}));
        blocks.add(new BriefPdf.Heading(msg("index.brief.escalations")));
        List<List<String>> escalations = new ArrayList<>();
        for (TicketFigures.Escalation e : mine.escalations().stream().limit(5).toList()) {
            escalations.add(List.of("#" + e.number() + " " + e.title(), name(e.districtCode()), times.format(e.at())));
        }
        blocks.add(new BriefPdf.Table(
                List.of(msg("index.brief.ticket"), msg("index.brief.district"), msg("index.brief.at")),
                escalations,
                new float[] {5, 2, 2}));
        return pdf.render(
                title(day, district),
                msg("index.brief.made", times.format(clock.instant()), today.rulesVersion()),
                blocks);
    }

    private BriefPdf.Table worst(List<LiveFigures.Live> rows, Function<LiveFigures.Live, String> value, String key) {
        List<List<String>> lines = new ArrayList<>();
        for (LiveFigures.Live l : rows) {
            lines.add(List.of(name(l.districtCode()), value.apply(l)));
        }
        return new BriefPdf.Table(List.of(msg("index.brief.district"), msg(key)), lines, new float[] {4, 2});
    }
}
