package org.fugong.healthcode;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fugong.enterprises.ContactPhone;
import org.fugong.healthcode.internal.PersonalDataCipher;
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
    private final Clock clock;

    Persons(JdbcClient jdbc, PersonalDataCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * The person with this ID number, registered now if new (with a green code); the phone and the
     * name are updated if they changed.
     */
    @Transactional
    public Person identify(String idNumber, String name, String phone) {
        String id = ResidentId.normalise(idNumber);
        String mobile = ContactPhone.normalise(phone);
        if (id == null || mobile == null || name == null || name.isBlank() || name.length() > 50) {
            throw new IllegalArgumentException("A valid ID number, name and phone are needed");
        }
        byte[] idHash = cipher.hash("id", id);
        Timestamp now = Timestamp.from(clock.instant());
        UUID personId = jdbc.sql("""
                        insert into health_person (id, id_hash, id_cipher, phone_hash, phone_cipher, name_cipher, masked_name,
                                                   created_at, updated_at)
                        values (:id, :idHash, :idCipher, :phoneHash, :phoneCipher, :nameCipher, :masked, :now, :now)
                        on conflict (id_hash) do update set phone_hash = excluded.phone_hash,
                            phone_cipher = excluded.phone_cipher, name_cipher = excluded.name_cipher,
                            masked_name = excluded.masked_name, updated_at = excluded.updated_at
                        returning id""")
                .params(Map.of(
                        "id",
                        UUID.randomUUID(),
                        "idHash",
                        idHash,
                        "idCipher",
                        cipher.encrypt(id),
                        "phoneHash",
                        cipher.hash("phone", mobile),
                        "phoneCipher",
                        cipher.encrypt(mobile),
                        "nameCipher",
                        cipher.encrypt(name.strip()),
                        "masked",
                        ResidentId.maskName(name),
                        "now",
                        now))
                .query(UUID.class)
                .single();
        jdbc.sql("insert into health_status (person_id, colour, since) values (?, 'GREEN', ?) on conflict do nothing")
                .params(personId, now)
                .update();
        return new Person(personId, ResidentId.maskName(name), ResidentId.mask(id), ResidentId.maskPhone(mobile));
    }

    @Transactional(readOnly = true)
    public Optional<Person> findByIdNumber(String idNumber) {
        String id = ResidentId.normalise(idNumber);
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.sql("select id, masked_name, id_cipher, phone_cipher from health_person where id_hash = ?")
                .param(cipher.hash("id", id))
                .query((rs, n) -> new Person(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        ResidentId.mask(cipher.decrypt(rs.getBytes(3))),
                        ResidentId.maskPhone(cipher.decrypt(rs.getBytes(4)))))
                .optional();
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
