package org.fugong.enterprises;

import org.fugong.riskmap.RiskColourChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * 复工图与疫情图相匹配: when a district's colour changes, its applications are ruled on again and, in
 * orange or red, its working enterprises flagged for review. Runs after the risk map's transaction
 * commits, from the event publication registry, so a failure is retried rather than lost.
 */
@Component
class ApplicationPolicyListener {

    private static final Logger log = LoggerFactory.getLogger(ApplicationPolicyListener.class);

    private final ApplicationDesk desk;

    ApplicationPolicyListener(ApplicationDesk desk) {
        this.desk = desk;
    }

    @ApplicationModuleListener
    void on(RiskColourChanged change) {
        if (!change.unitCode().equals(change.districtCode())) {
            return;
        }
        var result = desk.reevaluate(change.districtCode(), change.to(), change.date());
        log.info("District {} turned {}: {} applications ruled on again, {} approved, {} enterprises flagged",
                change.districtCode(), change.to(), result.reevaluated(), result.approved(), result.flagged());
    }
}
