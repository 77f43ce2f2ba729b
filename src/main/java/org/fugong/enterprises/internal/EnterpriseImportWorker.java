package org.fugong.enterprises.internal;

import java.lang.management.ManagementFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs queued registry imports in the background, on every instance; each import runs once. */
@Component
class EnterpriseImportWorker {

    private static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private final EnterpriseImports imports;

    EnterpriseImportWorker(EnterpriseImports imports) {
        this.imports = imports;
    }

    @Scheduled(fixedDelayString = "${fugong.enterprises.import-poll:1s}")
    void runQueued() {
        while (imports.runNext(INSTANCE)) {
            // one import after another until the queue is empty
        }
    }
}
