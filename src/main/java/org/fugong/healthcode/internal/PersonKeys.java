package org.fugong.healthcode.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Which person an ID number's keyed hash belongs to. The person tables are partitioned by the person's
 * id; this lookup is partitioned by the hash and holds its one unique key, so that a person is found by
 * the hash in one partition and then by id in one partition (docs/healthcode.md, "At a city's scale").
 */
@Service
public class PersonKeys {

    private final JdbcClient jdbc;

    PersonKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The person with this ID number's hash, if known. */
    public Optional<UUID> find(byte[] idHash) {
        return jdbc.sql("select person_id from health_person_key where id_hash = ?")
                .param(idHash)
                .query(UUID.class)
                .optional();
    }

    /** The people known among these hashes, in no order. */
    public List<UUID> findAll(List<byte[]> idHashes) {
        List<UUID> people = new ArrayList<>();
        for (int from = 0; from < idHashes.size(); from += 1000) {
            people.addAll(jdbc.sql("select person_id from health_person_key where id_hash = any(?)")
                    .param(idHashes.subList(from, Math.min(idHashes.size(), from + 1000))
                            .toArray(new byte[0][]))
                    .query(UUID.class)
                    .list());
        }
        return people;
    }

    /**
     * The person with this hash: the candidate id if the hash was not known, else the one it has. Two
     * who claim the same hash at once get the same answer (the second waits for the first's commit).
     */
    public UUID claim(byte[] idHash, UUID candidate) {
        return jdbc.sql("""
                        insert into health_person_key (id_hash, person_id) values (?, ?)
                        on conflict do nothing returning person_id""")
                .params(idHash, candidate)
                .query(UUID.class)
                .optional()
                .or(() -> find(idHash))
                .orElseThrow();
    }
}
