package org.fugong.shell;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must see only what is committed: run once the current transaction commits, or now without one. */
public final class AfterCommit {

    private AfterCommit() {}

    /** Runs the work after the current transaction commits (never if it rolls back), or at once outside one. */
    public static void run(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }
}
