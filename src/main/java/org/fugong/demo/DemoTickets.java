package org.fugong.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.tickets.CommonIssues;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketChannel;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketHandling;
import org.fugong.tickets.TicketPriority;
import org.fugong.tickets.TicketReplies;
import org.fugong.tickets.TicketSweep;
import org.fugong.tickets.TicketUnits;
import org.springframework.stereotype.Component;

/**
 * A few hundred demo problem tickets, received over the last three days in every district, in
 * every status: some answered, waiting, resolved, confirmed, closed after the follow-up call, and
 * the rest left open, so that the sweep warns, escalates and supervises the overdue ones.
 */
@Component
class DemoTickets {

    private record Problem(TicketCategory category, String title, String description) {}

    private static final List<Problem> PROBLEMS = List.of(
            new Problem(TicketCategory.LABOUR, "外省员工无法返岗", "约 40 名贵州籍员工无法返回宁波，希望协调包车接回。"),
            new Problem(TicketCategory.LABOUR, "急需招聘普工", "订单恢复，缺少普工 60 人，希望对接人社部门招聘会。"),
            new Problem(TicketCategory.LOGISTICS, "货车通行证办理", "两辆货车需跨市运输原料，通行证尚未办下。"),
            new Problem(TicketCategory.LOGISTICS, "出口集装箱无法提箱", "港区提箱排队时间过长，出口订单面临违约。"),
            new Problem(TicketCategory.MATERIALS, "上游供应商未复工", "关键零部件供应商在江苏，尚未复工，库存仅剩三天。"),
            new Problem(TicketCategory.MATERIALS, "原材料涨价断供", "塑料粒子供应紧张，请求协调本地库存。"),
            new Problem(TicketCategory.PREVENTION, "口罩储备不足", "员工口罩仅够两天使用，希望协调采购渠道。"),
            new Problem(TicketCategory.PREVENTION, "缺少测温设备", "厂区出入口需要红外测温仪 3 台。"),
            new Problem(TicketCategory.FINANCE, "流动资金紧张", "复工后需支付工资和货款，申请复工贷款贴息。"),
            new Problem(TicketCategory.FINANCE, "房租减免咨询", "租用国有厂房，询问租金减免如何办理。"),
            new Problem(TicketCategory.POLICY, "外地返甬人员隔离政策", "员工从湖北以外省份返回，是否需要居家隔离 14 天？"),
            new Problem(TicketCategory.OTHER, "员工宿舍不足", "为分散住宿需增加临时宿舍，希望协调闲置场所。"));

    private final TicketDesk desk;
    private final TicketHandling handling;
    private final TicketReplies replies;
    private final TicketSweep sweep;
    private final TicketUnits units;
    private final EnterpriseDirectory enterprises;
    private final Clock clock;
    private final CommonIssues issues;

    DemoTickets(
            TicketDesk desk,
            TicketHandling handling,
            TicketReplies replies,
            TicketSweep sweep,
            TicketUnits units,
            EnterpriseDirectory enterprises,
            Clock clock,
            CommonIssues issues) {
        this.issues = issues;
        this.desk = desk;
        this.handling = handling;
        this.replies = replies;
        this.sweep = sweep;
        this.units = units;
        this.enterprises = enterprises;
        this.clock = clock;
    }

    int load(String cityCode, Map<String, List<UUID>> enterprisesByDistrict, int perDistrict) {
        Random random = new Random(20200212L);
        Instant now = clock.instant();
        int filed = 0;
        List<UUID> labourOpen = new ArrayList<>();
        for (var district : enterprisesByDistrict.entrySet()) {
            List<UUID> ids = district.getValue();
            for (int i = 0; i < perDistrict && i < ids.size(); i++) {
                // Skip the enterprises the applications demo filed for first, to spread the load.
                EnterpriseSummary enterprise = enterprises.get(Scope.city(), ids.get(ids.size() - 1 - i));
                Problem problem = PROBLEMS.get(random.nextInt(PROBLEMS.size()));
                Instant received = now.minus(Duration.ofMinutes(30 + random.nextInt(3 * 24 * 60)));
                Actor owner = new Actor(
                        UUID.nameUUIDFromBytes(("demo-enterprise-" + enterprise.id()).getBytes()),
                        "demo-enterprise",
                        enterprise.legalRepresentative(),
                        Role.ENTERPRISE,
                        cityCode,
                        enterprise.districtCode(),
                        null,
                        enterprise.id(),
                        true,
                        false,
                        false,
                        null);
                Scope own = Scope.enterprise(enterprise.id());
                Ticket ticket = desk.file(
                        owner,
                        own,
                        new TicketDesk.NewTicket(
                                enterprise.id(),
                                problem.category(),
                                random.nextInt(8) == 0 ? TicketPriority.URGENT : TicketPriority.NORMAL,
                                problem.title(),
                                problem.description(),
                                false,
                                null),
                        TicketChannel.ONLINE,
                        received);
                int roll = random.nextInt(100);
                advance(ticket, owner, own, cityCode, roll);
                if (roll < 40
                        && ticket.unitCode().equals("DEPT-LABOUR")
                        && problem.title().contains("返岗")) {
                    labourOpen.add(ticket.id());
                }
                filed++;
            }
        }
        sweep.sweep(now);
        groupCommonIssues(cityCode, labourOpen);
        return filed;
    }

    /** The labour bureau's task force takes the workers' return as one common issue. */
    private void groupCommonIssues(String cityCode, List<UUID> labourOpen) {
        if (labourOpen.size() < 2) {
            return;
        }
        Actor labour = handlerOf("DEPT-LABOUR", cityCode);
        var issue = issues.open(
                labour,
                Scope.city(),
                "外省员工返岗包车",
                "多家企业反映外省员工无法返岗，由市人社局牵头的返岗专班统一协调包车、专列。",
                "DEPT-LABOUR",
                labourOpen.get(0));
        for (UUID id : labourOpen.subList(1, Math.min(labourOpen.size(), 8))) {
            issues.add(labour, Scope.city(), issue.id(), id);
        }
    }

    /** Takes a ticket along its life: the larger {@code roll}, the further. */
    private void advance(Ticket ticket, Actor owner, Scope own, String cityCode, int roll) {
        if (roll < 25) {
            return;
        }
        Actor handler = handlerOf(ticket.unitCode(), cityCode);
        Ticket t = handling.respond(handler, Scope.city(), ticket.id(), ticket.version(), "已受理，正在协调。");
        if (roll < 40) {
            return;
        }
        if (roll < 50) {
            handling.askEnterprise(handler, Scope.city(), t.id(), t.version(), "请提供相关人员名单和联系方式。");
            return;
        }
        t = handling.resolve(handler, Scope.city(), t.id(), t.version(), "已协调解决，详见电话沟通记录。");
        if (roll < 65) {
            return;
        }
        if (roll < 70) {
            replies.reopen(owner, own, t.id(), t.version(), "问题仍未解决。");
            return;
        }
        t = replies.confirm(owner, own, t.id(), t.version());
        if (roll < 80) {
            return;
        }
        handling.followUp(handler, Scope.city(), t.id(), t.version(), roll < 97, roll < 97 ? "企业表示满意" : "企业认为效果不明显");
    }

    private Actor handlerOf(String unitCode, String cityCode) {
        var unit = units.find(unitCode).orElseThrow();
        UUID id = UUID.nameUUIDFromBytes(("demo-handler-" + unitCode).getBytes());
        return switch (unit.kind()) {
            case "DEPARTMENT" ->
                new Actor(
                        id,
                        "demo-handler",
                        unit.nameZh(),
                        Role.DEPARTMENT_OFFICER,
                        cityCode,
                        null,
                        unit.department(),
                        null,
                        true,
                        false,
                        false,
                        null);
            case "DISTRICT_GROUP" ->
                new Actor(
                        id,
                        "demo-handler",
                        unit.nameZh(),
                        Role.DISTRICT_OFFICIAL,
                        cityCode,
                        unit.districtCode(),
                        null,
                        null,
                        true,
                        false,
                        false,
                        null);
            default -> Actor.system("demo", cityCode);
        };
    }
}
