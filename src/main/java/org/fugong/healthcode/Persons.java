package org.fugong.healthcode;

import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fugong.enterprises.ContactPhone;
import org.fugong.healthcode.internal.PersonKeys;
import org.fugong.healthcode.internal.PersonalDataCipher;
import org.fugong.shell.RefusedChangeException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People who hold a code, known by a pseudonymous id. The ID number and the phone are kept only
 * encrypted and as keyed hashes (to find the person again); the name only encrypted, with a
 * masked form for gates.
 */
@Service
public class Persons {

    /** A person as this module uses it, never with the plain ID number or phone. */
    public record Person(UUID id, String maskedName, String maskedIdNumber, String maskedPhone) {}

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final PersonKeys keys;
    private final Clock clock;

    Persons(JdbcClient jdbc, PersonalDataCipher cipher, PersonKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The person with this ID number, registered now if new (with a green code) and bound to this
     * phone. A known person is returned only if the name and the phone are the stored ones: nothing
     * is overwritten (a new phone is a request the health bureau decides).
     *
     * @throws RefusedChangeException when the ID number is bound to another name or phone
     */
    @Transactional
    public Person identify(String idNumber, String name, String phone) {
        String id = ResidentId.normalise(idNumber);
        String mobile = ContactPhone.normalise(phone);
        String person = ResidentId.normaliseName(name);
        if (id == null || mobile == null || person == null) {
            throw new IllegalArgumentException("A valid ID number, name and phone are needed");
        }
        byte[] idHash = cipher.hash("id", id);
        Timestamp now = Timestamp.from(clock.instant());
        UUID personId = keys.claim(idHash, UUID.randomUUID());
        jdbc.sql("""
                        insert into health_person (id, id_hash, id_cipher, phone_hash, phone_cipher, name_cipher, masked_name,
                                                   created_at, updated_at)
                        values (:id, :idHash, :idCipher, :phoneHash, :phoneCipher, :nameCipher, :masked, :now, :now)
                        on conflict (id) do nothing""")
                .params(Map.of(
                        "id",
                        personId,
                        "idHash",
                        idHash,
                        "idCipher",
                        cipher.encrypt(id),
                        "phoneHash",
                        cipher.hash("phone", mobile),
                        "phoneCipher",
                        cipher.encrypt(mobile),
                        "nameCipher",
                        cipher.encrypt(person),
                        "masked",
                        ResidentId.maskName(person),
                        "now",
                        now))
                .update();
        var stored = jdbc.sql("select phone_hash, name_cipher from health_person where id = ? for update")
                .param(personId)
                .query((rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)})
                .single();
        if (!MessageDigest.isEqual(stored[0], cipher.hash("phone", mobile))
                || !person.equals(cipher.decrypt(stored[1]))) {
            throw new RefusedChangeException("healthcode.error.bound");
        }
        jdbc.sql("insert into health_status (person_id, colour, since) values (?, 'GREEN', ?) on conflict do nothing")
                .params(personId, now)
                .update();
        return new Person(personId, ResidentId.maskName(person), ResidentId.mask(id), ResidentId.maskPhone(mobile));
    }

    @Transactional(readOnly = true)
    public Optional<Person> findByIdNumber(String idNumber) {
        String id = ResidentId.normalise(idNumber);
        if (id == null) {
            return Optional.empty();
        }
        return keys.find(cipher.hash("id", id))
                .flatMap(personId -> jdbc.sql(
                                "select id, masked_name, id_cipher, phone_cipher from health_person where id = ?")
                        .param(personId)
                        .query((rs, n) -> new Person(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                ResidentId.mask(cipher.decrypt(rs.getBytes(3))),
                                ResidentId.maskPhone(cipher.decrypt(rs.getBytes(4)))))
                        .optional());
    }

    /** The current colour of a person (green if none was ever set). */
    @Transactional(readOnly = true)
    public CodeColour colour(UUID personId) {
        return jdbc.sql("select colour from health_status where person_id = ?")
                .param(personId)
                .query(String.class)
                .optional()
                .map(CodeColour::valueOf)
                .orElse(CodeColour.GREEN);
    }

    @Transactional(readOnly = true)
    public Optional<String> maskedName(UUID personId) {
        return jdbc.sql("select masked_name from health_person where id = ?")
                .param(personId)
                .query(String.class)
                .optional();
    }

    /** Seals every stored value again with the current key (after a key rotation); returns how many people. */
    @Transactional
    public int reseal() {
        var rows = jdbc.sql("select id, id_cipher, phone_cipher, name_cipher from health_person for update")
                .query((rs, n) ->
                        new Object[] {rs.getObject(1, UUID.class), rs.getBytes(2), rs.getBytes(3), rs.getBytes(4)})
                .list();
        int resealed = 0;
        for (Object[] row : rows) {
            byte[] id = (byte[]) row[1];
            if (!cipher.needsRotation(id)
                    && !cipher.needsRotation((byte[]) row[2])
                    && !cipher.needsRotation((byte[]) row[3])) {
                continue;
            }
            jdbc.sql("update health_person set id_cipher = ?, phone_cipher = ?, name_cipher = ? where id = ?")
                    .params(
                            cipher.encrypt(cipher.decrypt(id)),
                            cipher.encrypt(cipher.decrypt((byte[]) row[2])),
                            cipher.encrypt(cipher.decrypt((byte[]) row[3])),
                            row[0])
                    .update();
            resealed++;
        }
        return resealed;
    }
}
