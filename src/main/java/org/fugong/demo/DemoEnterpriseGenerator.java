package org.fugong.demo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.IndustrySection;
import org.fugong.enterprises.NewEnterprise;
import org.fugong.enterprises.PriorityCategory;
import org.fugong.enterprises.UnifiedSocialCreditCode;
import org.fugong.geography.District;
import org.fugong.geography.Township;

/**
 * Plausible enterprises: Chinese trade names, valid credit codes registered in their district,
 * industries weighted like Ningbo's economy (manufacturing first), sizes and staff counts to match.
 * Seeded, so every demo city is the same city.
 */
final class DemoEnterpriseGenerator {

    private static final String[] TRADE_NAMES = {
        "甬兴", "明州", "海天", "恒丰", "永盛", "华达", "东方", "金源", "新力", "宏远", "瑞丰", "博润", "天宇", "中意",
        "安信", "鑫达", "富泰", "嘉禾", "汇通", "众诚", "远航", "长江", "三江", "天一", "月湖", "四明", "慈孚", "姚江",
        "象港", "甬舜", "港城", "精工", "凯越", "德顺", "隆昌", "舜宇", "锦程", "正大", "华茂", "协和", "兴业", "百川",
        "裕隆", "通达", "润禾", "泰和", "信诚", "宝利", "益康", "美达", "欧力", "赛特", "菲斯", "莱恩", "奥克", "赛尔"
    };
    private static final String[] SURNAMES = {
        "王", "李", "张", "陈", "刘", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑",
        "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾",
        "丁", "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏"
    };
    private static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "华", "建国", "建华", "志强",
        "国平", "海燕", "晓东", "立新", "春梅", "永康", "文斌", "雪峰", "佳怡"
    };

    /** Industry weights per thousand, and the business words that fit each section. */
    private static final List<Map.Entry<IndustrySection, Integer>> INDUSTRY_WEIGHTS = List.of(
            Map.entry(IndustrySection.C, 430),
            Map.entry(IndustrySection.F, 160),
            Map.entry(IndustrySection.G, 120),
            Map.entry(IndustrySection.E, 50),
            Map.entry(IndustrySection.L, 40),
            Map.entry(IndustrySection.I, 40),
            Map.entry(IndustrySection.M, 35),
            Map.entry(IndustrySection.H, 35),
            Map.entry(IndustrySection.D, 15),
            Map.entry(IndustrySection.A, 20),
            Map.entry(IndustrySection.N, 15),
            Map.entry(IndustrySection.O, 20),
            Map.entry(IndustrySection.Q, 10),
            Map.entry(IndustrySection.K, 10));

    private static final Map<IndustrySection, String[]> BUSINESS = Map.ofEntries(
            Map.entry(IndustrySection.A, new String[] {"农业发展", "水产养殖", "农业科技", "果蔬种植"}),
            Map.entry(IndustrySection.C, new String[] {
                "机械制造", "电子", "塑料制品", "模具", "服饰", "汽车零部件", "电器", "五金工具", "轴承", "纺织", "新材料", "精密铸造", "文具", "化工", "医疗器械",
                "食品"
            }),
            Map.entry(IndustrySection.D, new String[] {"热电", "能源", "燃气"}),
            Map.entry(IndustrySection.E, new String[] {"建设", "建筑工程", "装饰工程", "市政工程"}),
            Map.entry(IndustrySection.F, new String[] {"贸易", "进出口", "商贸", "国际贸易", "供应链"}),
            Map.entry(IndustrySection.G, new String[] {"物流", "运输", "港口物流", "冷链物流", "货运代理"}),
            Map.entry(IndustrySection.H, new String[] {"酒店管理", "餐饮管理", "餐饮"}),
            Map.entry(IndustrySection.I, new String[] {"信息技术", "软件", "网络科技", "数据科技"}),
            Map.entry(IndustrySection.K, new String[] {"融资租赁", "投资管理"}),
            Map.entry(IndustrySection.L, new String[] {"房地产开发", "物业管理", "置业"}),
            Map.entry(IndustrySection.M, new String[] {"检测技术", "工程设计", "环境科技", "研究院"}),
            Map.entry(IndustrySection.N, new String[] {"环境工程", "园林绿化", "水务"}),
            Map.entry(IndustrySection.O, new String[] {"家政服务", "洗涤服务", "维修服务"}),
            Map.entry(IndustrySection.Q, new String[] {"医药", "健康管理", "康复医疗"}));

    private final Random random;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedCodes = new HashSet<>();

    DemoEnterpriseGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** Reserves a name and code that the generator must not produce again (the named demo enterprises). */
    void reserve(NewEnterprise enterprise) {
        usedNames.add(enterprise.name());
        usedCodes.add(enterprise.uscc());
    }

    List<NewEnterprise> generate(District district, List<Township> townships, int count) {
        List<NewEnterprise> result = new ArrayList<>(count);
        String place = district.nameZh().replaceAll("(区|县|市)$", "").replace("宁波国家高新", "高新");
        while (result.size() < count) {
            IndustrySection industry =
                    pick(INDUSTRY_WEIGHTS, Map.Entry::getValue).getKey();
            String[] words = BUSINESS.get(industry);
            String business = words[random.nextInt(words.length)];
            String trade = TRADE_NAMES[random.nextInt(TRADE_NAMES.length)];
            boolean large = random.nextInt(100) < 6;
            String suffix = large && random.nextBoolean() ? "股份有限公司" : "有限公司";
            String name = "宁波" + (random.nextInt(3) == 0 ? place : "") + trade + business + suffix;
            if (!usedNames.add(name)) {
                continue;
            }
            EnterpriseSize size = large
                    ? (random.nextBoolean() ? EnterpriseSize.LARGE : EnterpriseSize.MEDIUM)
                    : pick(
                                    List.of(
                                            Map.entry(EnterpriseSize.MICRO, 50),
                                            Map.entry(EnterpriseSize.SMALL, 38),
                                            Map.entry(EnterpriseSize.MEDIUM, 12)),
                                    Map.Entry::getValue)
                            .getKey();
            int staff = switch (size) {
                case MICRO -> 3 + random.nextInt(17);
                case SMALL -> 20 + random.nextInt(280);
                case MEDIUM -> 300 + random.nextInt(700);
                case LARGE -> 1000 + random.nextInt(7000);
            };
            // 规上: industrial enterprises above the revenue threshold; here most medium and large ones.
            boolean aboveScale = switch (size) {
                case MICRO -> false;
                case SMALL -> industry == IndustrySection.C && random.nextInt(100) < 35;
                case MEDIUM, LARGE -> random.nextInt(100) < 90;
            };
            Township township = townships.isEmpty() ? null : townships.get(random.nextInt(townships.size()));
            // Workshops and shops: 10 to 40 m² a worker; micro shops often under the 300 m² of the simple path.
            double area = Math.round(staff * (10 + random.nextInt(30)) * 10) / 10.0;
            boolean key = size == EnterpriseSize.LARGE || (aboveScale && random.nextInt(100) < 15);
            result.add(new NewEnterprise(
                    code(district),
                    name,
                    person(),
                    district.code(),
                    township == null ? null : township.code(),
                    industry,
                    size,
                    aboveScale,
                    staff,
                    key,
                    category(industry, business),
                    area));
        }
        return result;
    }

    /** The priority category that the industry and line of business suggest, if any. */
    static PriorityCategory category(IndustrySection industry, String business) {
        return switch (industry) {
            case D -> PriorityCategory.UTILITIES;
            case E -> PriorityCategory.CONSTRUCTION;
            case G -> PriorityCategory.LOGISTICS;
            case Q -> PriorityCategory.MEDICAL_SUPPLIES;
            case C ->
                business.equals("医疗器械")
                        ? PriorityCategory.MEDICAL_SUPPLIES
                        : business.equals("食品") ? PriorityCategory.FOOD : null;
            case F -> business.contains("进出口") || business.equals("国际贸易") ? PriorityCategory.EXPORTER : null;
            default -> null;
        };
    }

    String person() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    /** A credit code of a company (9 1) registered in the district's division, unique in this city. */
    String code(District district) {
        String code;
        do {
            code = UnifiedSocialCreditCode.randomCompany(district.code(), random);
        } while (!usedCodes.add(code));
        return code;
    }

    private <T> T pick(List<T> options, Function<T, Integer> weight) {
        int total = options.stream().mapToInt(weight::apply).sum();
        int roll = random.nextInt(total);
        for (T option : options) {
            roll -= weight.apply(option);
            if (roll < 0) {
                return option;
            }
        }
        return options.get(options.size() - 1);
    }
}
