package org.fugong.visits;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.visits.internal.Checklists;
import org.fugong.visits.internal.ItemResult;
import org.fugong.visits.internal.VisitLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Visits logged before the system (on paper), loaded in their order with the time they took place:
 * every item of the current checklist passed except those named failed, with their remarks. The
 * lights, orders and talks follow as for a visit sent from a phone.
 */
@Service
public class VisitBackfill {

    private final VisitLog visits;
    private final Checklists checklists;

    VisitBackfill(VisitLog visits, Checklists checklists) {
        this.visits = visits;
        this.checklists = checklists;
    }

    /** Records one past visit; the light it gave. */
    @Transactional
    public Light record(
            Actor commissioner,
            Scope scope,
            UUID enterpriseId,
            Instant visitedAt,
            Map<String, String> failed,
            int staffOnSite,
            int staffNormal,
            int capacityPercent) {
        Map<String, VisitLog.ItemInput> items = new LinkedHashMap<>();
        for (Checklists.Item item : checklists.current().items()) {
            String remark = failed.get(item.code());
            items.put(
                    item.code(),
                    new VisitLog.ItemInput(remark == null ? ItemResult.PASSED : ItemResult.FAILED, remark, null));
        }
        return visits.record(
                        commissioner,
                        scope,
                        new VisitLog.VisitInput(
                                UUID.nameUUIDFromBytes((enterpriseId + "@" + visitedAt).getBytes()),
                                enterpriseId,
                                visitedAt,
                                items,
                                staffOnSite,
                                staffNormal,
                                capacityPercent,
                                null,
                                null,
                                List.of()),
                        true)
                .visit()
                .light();
    }
}
