package org.fugong.enterprises;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.geography.Township;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills the registry with synthetic enterprises at city scale (a million and more) for load tests
 * and benchmarks: streamed with COPY, not inserted row by row, and not audited (they are not real
 * changes). Codes are valid and unique; names are plausible and unique.
 */
@Component
public class RegistryGenerator {

    private static final String CHARACTERS =
            "甬明海天恒永华达东方金源新力宏远瑞丰博润宇中安信鑫富泰嘉禾汇通众诚航江一湖四慈姚象港舜精工凯越德顺隆昌锦程正茂协和兴业百川裕益康美欧赛尔宝利君豪盛广福龙凤祥春秋杰峰晨阳光辉彩云星月山水林森绿野";
    private static final String[] BUSINESS = {
        "机械制造", "电子", "塑料制品", "模具", "服饰", "汽车零部件", "电器", "五金工具", "轴承", "纺织", "新材料", "精密铸造", "文具", "化工", "医疗器械", "食品",
        "贸易", "进出口", "商贸", "物流", "运输", "建设", "信息技术", "软件", "酒店管理", "餐饮管理", "物业管理", "检测技术", "环境科技", "家政服务"
    };
    private static final IndustrySection[] INDUSTRIES = IndustrySection.values();

    private final DataSource dataSource;
    private final Geography geography;
    private final Clock clock;

    RegistryGenerator(DataSource dataSource, Geography geography, Clock clock) {
        this.dataSource = dataSource;
        this.geography = geography;
        this.clock = clock;
    }

    /** Adds {@code count} enterprises spread over the districts; returns how many were added. */
    @Transactional
    public long generate(int count, long seed) {
        Set<String> existingCodes = new HashSet<>();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery("select uscc from enterprise")) {
                while (rs.next()) {
                    existingCodes.add(rs.getString(1));
                }
            }
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            """
                    copy enterprise (id, uscc, name, legal_representative, district_code, township_code, industry_section,
                                     size, above_scale, staff_count, key_enterprise, priority_category, floor_area_m2,
                                     created_at, updated_at) from stdin""",
                            new Rows(
                                    count,
                                    new Random(seed),
                                    existingCodes,
                                    geography.districts(),
                                    geography,
                                    clock.instant().toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not generate enterprises", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Gives about {@code share} of the enterprises without one a synthetic return-to-work
     * application (drafts, pending, approved, reopened, ...), submitted over the last three days,
     * in one set-based statement; for load tests of the review queue and the figures. Not audited.
     */
    @Transactional
    public long generateApplications(double share) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (var statement = connection.prepareStatement("""
                insert into resumption_application (id, enterprise_id, district_code, current, status, planned_date,
                    staff_local, staff_other_provinces, staff_risk_areas, measures, commitment_name, commitment_at,
                    policy_decision, policy_colour, policy_category, submitted_at, valid_from, valid_until, created_at,
                    updated_at)
                select gen_random_uuid(), e.id, e.district_code, true, s.status, current_date,
                       e.staff_count * 6 / 10, e.staff_count / 10, 0,
                       '{"ISOLATION_ROOM": "true", "TEMPERATURE_CHECKS": "true", "STAGGERED_CANTEEN": "true",
                         "MASK_STOCK_DAYS": "14", "DISINFECTION_PLAN": "true"}'::jsonb,
                       e.legal_representative, e.at, 'REVIEW', 'GREEN', coalesce(e.priority_category, 'GENERAL'),
                       case when s.status = 'DRAFT' then null else e.at end,
                       case when s.status in ('APPROVED', 'RESUMED') then current_date end,
                       case when s.status in ('APPROVED', 'RESUMED') then current_date + 29 end, e.at, e.at
                from (select e.*, random() / ? as r, now() - random() * interval '72 hours' as at
                      from enterprise e
                      where not exists (select 1 from resumption_application a where a.enterprise_id = e.id)) e
                cross join lateral (select case when r < 0.07 then 'DRAFT' when r < 0.27 then 'SUBMITTED'
                                                when r < 0.33 then 'IN_REVIEW' when r < 0.50 then 'APPROVED'
                                                when r < 0.53 then 'RETURNED_FOR_REVISION' when r < 0.55 then 'REJECTED'
                                                when r < 1.00 then 'RESUMED' end as status) s
                where s.status is not null""")) {
            statement.setDouble(1, share);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not generate applications", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The rows as COPY text, made as COPY reads them, so a million rows never sit in memory at once. */
    private static final class Rows extends Reader {
        private final int count;
        private final Random random;
        private final Set<String> codes;
        private final List<District> districts;
        private final Geography geography;
        private final String now;
        private final StringBuilder buffer = new StringBuilder();
        private int made;
        private int position;

        Rows(int count, Random random, Set<String> codes, List<District> districts, Geography geography, String now) {
            this.count = count;
            this.random = random;
            this.codes = codes;
            this.districts = districts;
            this.geography = geography;
            this.now = now;
        }

        @Override
        public int read(char[] target, int offset, int length) {
            if (position == buffer.length()) {
                buffer.setLength(0);
                position = 0;
                for (int i = 0; i < 1000 && made < count; i++, made++) {
                    row();
                }
                if (buffer.isEmpty()) {
                    return -1;
                }
            }
            int n = Math.min(length, buffer.length() - position);
            buffer.getChars(position, position + n, target, offset);
            position += n;
            return n;
        }

        private void row() {
            District district = districts.get(random.nextInt(districts.size()));
            List<Township> townships = geography.townships(district.code());
            Township township = townships.isEmpty() ? null : townships.get(random.nextInt(townships.size()));
            String code;
            do {
                code = UnifiedSocialCreditCode.randomCompany(district.code(), random);
            } while (!codes.add(code));
            String name = "宁波" + CHARACTERS.charAt(random.nextInt(CHARACTERS.length()))
                    + CHARACTERS.charAt(random.nextInt(CHARACTERS.length())) + BUSINESS[random.nextInt(BUSINESS.length)]
                    + "有限公司" + (made > 0 ? "（" + Integer.toString(made, 36).toUpperCase() + "）" : "");
            EnterpriseSize size =
                    EnterpriseSize.values()[Math.min(3, (int) Math.floor(Math.abs(random.nextGaussian()) * 1.2))];
            int staff = switch (size) {
                case MICRO -> 3 + random.nextInt(17);
                case SMALL -> 20 + random.nextInt(280);
                case MEDIUM -> 300 + random.nextInt(700);
                case LARGE -> 1000 + random.nextInt(7000);
            };
            IndustrySection industry =
                    random.nextInt(100) < 45 ? IndustrySection.C : INDUSTRIES[random.nextInt(INDUSTRIES.length)];
            boolean aboveScale = size.ordinal() >= 2 || (size == EnterpriseSize.SMALL && random.nextInt(100) < 20);
            buffer.append(UUID.randomUUID())
                    .append('\t')
                    .append(code)
                    .append('\t')
                    .append(name)
                    .append('\t')
                    .append("法人")
                    .append(made)
                    .append('\t')
                    .append(district.code())
                    .append('\t')
                    .append(township == null ? "\\N" : township.code())
                    .append('\t')
                    .append(industry.name())
                    .append('\t')
                    .append(size.name())
                    .append('\t')
                    .append(aboveScale ? 't' : 'f')
                    .append('\t')
                    .append(staff)
                    .append('\t')
                    .append(size == EnterpriseSize.LARGE ? 't' : 'f')
                    .append('\t')
                    .append(
                            random.nextInt(10) == 0
                                    ? PriorityCategory.values()[random.nextInt(PriorityCategory.values().length)].name()
                                    : "\\N")
                    .append('\t')
                    .append(Math.round(staff * (15 + random.nextInt(40)) * 10) / 10.0)
                    .append('\t')
                    .append(now)
                    .append('\t')
                    .append(now)
                    .append('\n');
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
