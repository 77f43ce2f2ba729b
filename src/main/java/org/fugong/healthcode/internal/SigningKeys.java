package org.fugong.healthcode.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fugong.shell.Digests;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign health codes, on a schedule kept in the database: each key signs from
 * its {@code signs_from} until the next key's, so every instance signs with the same key at the
 * same moment (each reads the schedule again every minute). A new key is made
 * {@code key-pre-publication} (a day) before it signs, and published from then on, so a gate that
 * cached the key set knows it before the first code it signs; a key that no longer signs stays
 * published until its last code has expired. Private keys are kept encrypted like personal data.
 */
@Service
public class SigningKeys {

    private static final long LOCK = 0x4655_474f_4e47_0006L;
    private static final Duration RELOAD = Duration.ofMinutes(1);

    /** A key of the schedule: its public half, and when it signs. */
    record Planned(String kid, Instant signsFrom, @Nullable Instant retiredAt, ECKey publicKey) {}

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final HealthCodeProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Map<String, ECKey> privateKeys = new ConcurrentHashMap<>();
    private final Reloaded<List<Planned>> schedule;

    SigningKeys(
            JdbcClient jdbc,
            PersonalDataCipher cipher,
            HealthCodeProperties properties,
            Clock clock,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
        this.schedule = new Reloaded<>("the signing keys", RELOAD, clock, this::load);
    }

    /** The key that signs now: the last of the schedule that has started (the first is made on first use). */
    public ECKey current() {
        Instant now = clock.instant();
        Planned signer = null;
        for (Planned key : schedule.get().value()) {
            if (!key.signsFrom().isAfter(now) && key.retiredAt() == null) {
                signer = key;
            }
        }
        if (signer == null) {
            refresh();
            transactions.executeWithoutResult(status -> {
                lock();
                if (jdbc.sql("select count(*) from health_signing_key where signs_from <= ? and retired_at is null")
                                .param(Timestamp.from(now))
                                .query(Long.class)
                                .single()
                        == 0) {
                    create(now);
                }
            });
            refresh();
            return current();
        }
        String kid = signer.kid();
        return privateKeys.computeIfAbsent(
                kid,
                id -> parse(cipher.decrypt(jdbc.sql("select private_cipher from health_signing_key where kid = ?")
                        .param(id)
                        .query(byte[].class)
                        .single())));
    }

    /**
     * The key set as gates fetch it, with its JSON and an ETag; computed once and kept until the
     * schedule is read again or the set's next change is due (a key starts signing, or an old key's
     * last code expires), so a verification or a fetch costs no work.
     */
    public record Published(JWKSet keys, String json, String etag) {}

    private record PublishedCache(Reloaded.Read<List<Planned>> source, Published published, Instant until) {}

    private volatile @Nullable PublishedCache publishedCache;

    /**
     * The public keys gates need: those that will sign (published ahead), the one that signs, and
     * those whose signing ended less than a code's lifetime ago.
     */
    public JWKSet published() {
        return publishedSet().keys();
    }

    public Published publishedSet() {
        Instant now = clock.instant();
        Reloaded.Read<List<Planned>> source = schedule.get();
        PublishedCache cache = publishedCache;
        if (cache != null && cache.source() == source && now.isBefore(cache.until())) {
            return cache.published();
        }
        Duration lasts = properties.codeLifetime().plusSeconds(60);
        List<Planned> keys = source.value();
        List<JWK> published = new ArrayList<>();
        Instant until = source.at().plus(RELOAD);
        for (int i = keys.size() - 1; i >= 0; i--) {
            Planned key = keys.get(i);
            Instant ended = key.retiredAt();
            for (Planned next : keys.subList(i + 1, keys.size())) {
                if (!next.signsFrom().isAfter(now) && next.retiredAt() == null) {
                    ended = ended == null || next.signsFrom().isBefore(ended) ? next.signsFrom() : ended;
                    break;
                }
            }
            if (ended == null || ended.plus(lasts).isAfter(now)) {
                published.add(key.publicKey());
            }
            // The set changes when a key starts signing (an older one's end begins) or a code lifetime after an end.
            for (Instant change :
                    new Instant[] {key.signsFrom().plus(lasts), ended == null ? null : ended.plus(lasts)}) {
                if (change != null && change.isAfter(now) && change.isBefore(until)) {
                    until = change;
                }
            }
        }
        JWKSet set = new JWKSet(published);
        String json = set.toString(true);
        String etag = "\"" + HexFormat.of().formatHex(Digests.sha256(json), 0, 16) + "\"";
        Published result = new Published(set, json, etag);
        publishedCache = new PublishedCache(source, result, until);
        return result;
    }

    /**
     * Makes the next key, which signs from {@code key-pre-publication} from now and is published at
     * once. Until then the current key goes on signing.
     */
    public ECKey rotate() {
        return transactions.execute(status -> {
            lock();
            ECKey key = create(clock.instant().plus(properties.keyPrePublication()));
            refresh();
            return key.toPublicJWK();
        });
    }

    /**
     * Makes the next key when the signing one is due to be replaced within the pre-publication
     * period and no next key is scheduled yet (every few minutes, one instance at a time under a
     * lock), and reads the schedule again so that another instance's key is seen.
     */
    @Scheduled(
            fixedDelayString = "${fugong.healthcode.key-check:5m}",
            initialDelayString = "${fugong.healthcode.key-check:5m}")
    public void rotateWhenDue() {
        refresh();
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            lock();
            var newest = jdbc.sql("select max(signs_from) from health_signing_key where retired_at is null")
                    .query(Timestamp.class)
                    .optional();
            if (newest.isEmpty() || newest.get() == null) {
                return;
            }
            Instant signsFrom = newest.get().toInstant();
            Instant due = signsFrom.plus(properties.keyRotation()).minus(properties.keyPrePublication());
            if (!signsFrom.isAfter(now) && !due.isAfter(now)) {
                create(now.plus(properties.keyPrePublication()));
            }
        });
        refresh();
    }

    /** Forgets the schedule read, for another instance's key to be seen at once. */
    public void refresh() {
        schedule.forget();
    }

    /** The keys that sign or verify codes now: in use, planned, or retired less than a code's life ago. */
    private List<Planned> load(Instant now) {
        return jdbc.sql("""
                        select kid, signs_from, retired_at, public_jwk from health_signing_key
                        where retired_at is null or retired_at > ? order by signs_from, created_at""")
                .param(Timestamp.from(now.minus(properties.codeLifetime()).minusSeconds(60)))
                .query((rs, n) -> new Planned(
                        rs.getString("kid"),
                        rs.getTimestamp("signs_from").toInstant(),
                        rs.getTimestamp("retired_at") == null
                                ? null
                                : rs.getTimestamp("retired_at").toInstant(),
                        parse(rs.getString("public_jwk"))))
                .list();
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
    }

    private ECKey create(Instant signsFrom) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID("fg-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            jdbc.sql("""
                            insert into health_signing_key (kid, public_jwk, private_cipher, created_at, signs_from)
                            values (?, ?, ?, ?, ?)""")
                    .params(
                            key.getKeyID(),
                            key.toPublicJWK().toJSONString(),
                            cipher.encrypt(key.toJSONString()),
                            Timestamp.from(clock.instant()),
                            Timestamp.from(signsFrom))
                    .update();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a signing key", e);
        }
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored key is unreadable", e);
        }
    }
}
