package org.fugong.healthcode.internal;

import org.fugong.riskmap.RiskColourChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A district's colour changed: the codes of those who declared a stay there are computed again. */
@Component
class AreaRiskListener {

    private final CodeStatus status;

    AreaRiskListener(CodeStatus status) {
        this.status = status;
    }

    @ApplicationModuleListener
    void on(RiskColourChanged change) {
        if (!change.unitCode().equals(change.districtCode())) {
            return;
        }
        status.recomputeAll(status.declaredAt(change.districtCode()));
    }
}
