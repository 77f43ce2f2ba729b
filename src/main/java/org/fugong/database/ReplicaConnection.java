package org.fugong.database;

/**
 * Where the reporting replica is: a PostgreSQL streaming replica (a hot standby) that dashboards and
 * reports read from, so that counting does not load the primary. Set by {@code fugong.replica.url}
 * (with {@code fugong.replica.username} and {@code fugong.replica.password}), or by the embedded
 * server's own replica ({@code fugong.embedded-postgres.replica=true}).
 */
public record ReplicaConnection(String url, String username, String password) {

    @Override
    public String toString() {
        return "ReplicaConnection[" + url + "]";
    }
}
