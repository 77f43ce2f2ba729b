package org.fugong.enterprises;

import java.sql.DriverManager;

/**
 * A stand-in for an instance running an import, as a process of its own: it takes the import's
 * lock the way the runner does, says so, and waits to be killed.
 */
public final class ImportLockHolder {

    private ImportLockHolder() {}

    public static void main(String[] args) throws Exception {
        var connection = DriverManager.getConnection(args[0], args[1], args[2]);
        try (var lock = connection.prepareStatement("select pg_advisory_lock(1179076913, hashtext(?))")) {
            lock.setString(1, args[3]);
            lock.execute();
        }
        System.out.println("holding");
        System.out.flush();
        Thread.currentThread().join();
    }
}
