package org.fugong.healthcode.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fugong.database.DemoMode;
import org.fugong.healthcode.Persons;
import org.fugong.healthcode.ResidentId;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.LimitReachedException;
import org.fugong.shell.TextMessages;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How a citizen proves he is the person of an ID number: the first identification binds the ID
 * number to a phone; every later one sends the one-time code to that bound phone only, whatever
 * phone is typed, and succeeds only if the name is the stored one. Nothing stored is ever
 * overwritten here (a new phone is a {@link PhoneChanges request}). The answer to a request is the
 * same whether the ID number is known or not.
 *
 * <p>The code lives in {@code health_otp}, so its guesses are counted once across sessions and
 * instances; codes per phone, ID number and client address, and guesses per phone, are limited
 * per hour by {@link AbuseLimits}.
 */
@Service
public class Identification {

    /** A code asked for: the page shows the typed phone masked, and the code itself in demo mode only. */
    public record Challenge(
            UUID id, String maskedPhone, @Nullable String demoCode) {}

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final AbuseLimits limits;
    private final PersonKeys keys;
    private final HealthCodeProperties properties;
    private final TextMessages sms;
    private final MessageSource messages;
    private final Persons persons;
    private final DemoMode demo;
    private final Clock clock;

    Identification(
            JdbcClient jdbc,
            PersonalDataCipher cipher,
            AbuseLimits limits,
            PersonKeys keys,
            HealthCodeProperties properties,
            TextMessages sms,
            MessageSource messages,
            Persons persons,
            DemoMode demo,
            Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.limits = limits;
        this.keys = keys;
        this.properties = properties;
        this.sms = sms;
        this.messages = messages;
        this.persons = persons;
        this.demo = demo;
        this.clock = clock;
    }

    /** Checks what was typed, counts the request against the limits, and sends a code where it may go. */
    public Challenge start(
            @Nullable String idNumber, @Nullable String name, @Nullable String phone, String clientAddress) {
        Claim claim = Claim.of(idNumber, name, phone, List.of());
        String id = claim.idNumber();
        String person = claim.name();
        String typed = claim.phone();
        HealthCodeProperties.Limits limit = properties.limits();
        byte[] idHash = cipher.hash("id", id);
        // The address first: a client over its limit counts against nobody's phone or ID number.
        if (!limits.hit("CODE_ADDRESS", cipher.hash("address", clientAddress), limit.codesPerAddress())
                || !limits.hit("CODE_ID", idHash, limit.codesPerIdNumber())) {
            throw new LimitReachedException("healthcode.error.tooMany");
        }
        Bound bound = keys.find(idHash)
                .flatMap(known -> jdbc.sql("select name_cipher, phone_cipher from health_person where id = ?")
                        .param(known)
                        .query((rs, n) -> new Bound(cipher.decrypt(rs.getBytes(1)), cipher.decrypt(rs.getBytes(2))))
                        .optional())
                .orElse(null);
        String target = bound == null ? typed : bound.phone();
        boolean redeemable = bound == null || bound.name().equals(person);
        if (!limits.hit("CODE_PHONE", cipher.hash("phone", target), limit.codesPerPhone())) {
            throw new LimitReachedException("healthcode.error.tooMany");
        }
        UUID challenge = UUID.randomUUID();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into health_otp (id, id_hash, phone_hash, id_cipher, name_cipher, phone_cipher, code_hash,
                                                redeemable, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        challenge,
                        idHash,
                        cipher.hash("phone", target),
                        cipher.encrypt(id),
                        cipher.encrypt(person),
                        cipher.encrypt(target),
                        codeHash(challenge, code),
                        redeemable,
                        Timestamp.from(now),
                        Timestamp.from(now.plus(CODE_LIFETIME)))
                .update();
        if (redeemable) {
            sms.send(
                    target,
                    messages.getMessage("healthcode.sms.code", new Object[] {code}, LocaleContextHolder.getLocale()));
        }
        // Demo mode shows the code only where it went to the phone typed on this page.
        boolean shown = demo.enabled() && redeemable && target.equals(typed);
        return new Challenge(challenge, ResidentId.maskPhone(typed), shown ? code : null);
    }

    /**
     * The person whose code this is, once the right code is typed: each guess is counted on the
     * code's row before it is compared, so parallel guesses cannot pass the limit; a code is used
     * once. A new person is registered (bound to the phone the code went to).
     */
    public UUID confirm(UUID challenge, @Nullable String typedCode) {
        String code = typedCode == null ? "" : typedCode.strip();
        HealthCodeProperties.Limits limit = properties.limits();
        var row = jdbc.sql("""
                        update health_otp set attempts = attempts + 1
                        where id = ? and used_at is null and expires_at > ? and attempts < ?
                        returning phone_hash, code_hash, redeemable, id_cipher, name_cipher, phone_cipher""")
                .params(challenge, Timestamp.from(clock.instant()), limit.guessesPerCode())
                .query((rs, n) -> new Row(
                        rs.getBytes("phone_hash"),
                        rs.getBytes("code_hash"),
                        rs.getBoolean("redeemable"),
                        rs.getBytes("id_cipher"),
                        rs.getBytes("name_cipher"),
                        rs.getBytes("phone_cipher")))
                .optional()
                .orElseThrow(() -> InvalidInputException.of("code", "healthcode.error.codeExpired"));
        if (!limits.hit("GUESS_PHONE", row.phoneHash(), limit.guessesPerPhone())) {
            throw new LimitReachedException("healthcode.error.tooMany");
        }
        if (!row.redeemable() || !MessageDigest.isEqual(row.codeHash(), codeHash(challenge, code))) {
            throw InvalidInputException.of("code", "healthcode.error.code");
        }
        int used = jdbc.sql("update health_otp set used_at = ? where id = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), challenge)
                .update();
        if (used == 0) {
            throw InvalidInputException.of("code", "healthcode.error.codeExpired");
        }
        return persons.identify(
                        cipher.decrypt(row.idCipher()),
                        cipher.decrypt(row.nameCipher()),
                        cipher.decrypt(row.phoneCipher()))
                .id();
    }

    private byte[] codeHash(UUID challenge, String code) {
        return cipher.hash("otp", challenge + ":" + code);
    }

    private record Bound(String name, String phone) {}

    private record Row(
            byte[] phoneHash,
            byte[] codeHash,
            boolean redeemable,
            byte[] idCipher,
            byte[] nameCipher,
            byte[] phoneCipher) {}
}
