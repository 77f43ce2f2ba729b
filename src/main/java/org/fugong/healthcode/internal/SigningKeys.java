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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 keys that sign health codes. One key signs at a time; a rotation makes a new one and
 * retires the old, which stays published until every code it signed has expired. Private keys are
 * kept encrypted like personal data.
 */
@Service
public class SigningKeys {

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final HealthCodeProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private volatile @Nullable ECKey current;
    private volatile @Nullable JWKSet published;

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
    }

    /** The key that signs now (made on first use, under a lock so that instances agree). */
    public ECKey current() {
        ECKey key = current;
        if (key == null) {
            key = transactions.execute(status -> load());
            current = key;
        }
        return key;
    }

    private ECKey load() {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(0x4655_474f_4e47_0006L)
                .query()
                .singleRow();
        var stored = jdbc.sql(
                        "select private_cipher from health_signing_key where retired_at is null order by created_at desc limit 1")
                .query(byte[].class)
                .optional();
        if (stored.isPresent()) {
            return parse(cipher.decrypt(stored.get()));
        }
        return create();
    }

    private ECKey create() {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID("fg-" + UUID.randomUUID().toString().substring(0, 8))
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            jdbc.sql("insert into health_signing_key (kid, public_jwk, private_cipher, created_at) values (?, ?, ?, ?)")
                    .params(
                            key.getKeyID(),
                            key.toPublicJWK().toJSONString(),
                            cipher.encrypt(key.toJSONString()),
                            Timestamp.from(clock.instant()))
                    .update();
            return key;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a signing key", e);
        }
    }

    /** Makes a new signing key; the old one is retired but stays published until its codes expire. */
    @Transactional
    public ECKey rotate() {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(0x4655_474f_4e47_0006L)
                .query()
                .singleRow();
        jdbc.sql("update health_signing_key set retired_at = ? where retired_at is null")
                .param(Timestamp.from(clock.instant()))
                .update();
        ECKey key = create();
        current = key;
        published = null;
        return key;
    }

    /** The public keys gates need: the current one and those retired less than a code's lifetime ago. */
    @Transactional(readOnly = true)
    public JWKSet published() {
        JWKSet set = published;
        if (set == null) {
            Instant since = clock.instant().minus(properties.codeLifetime()).minusSeconds(60);
            List<JWK> keys = new ArrayList<>();
            jdbc.sql(
                            "select public_jwk from health_signing_key where retired_at is null or retired_at > ? order by created_at desc")
                    .param(Timestamp.from(since))
                    .query(String.class)
                    .list()
                    .forEach(json -> keys.add(parse(json)));
            set = new JWKSet(keys);
            published = set;
        }
        return set;
    }

    /**
     * Rotates the signing key when it is older than the configured period (every few minutes, on
     * one instance at a time), and forgets the cache so that another instance's rotation is seen.
     */
    @Scheduled(
            fixedDelayString = "${fugong.healthcode.key-check:5m}",
            initialDelayString = "${fugong.healthcode.key-check:5m}")
    public void rotateWhenDue() {
        refresh();
        Boolean due = transactions.execute(status -> jdbc.sql(
                        "select coalesce(max(created_at), '-infinity') < ? from health_signing_key where retired_at is null")
                .param(Timestamp.from(clock.instant().minus(properties.keyRotation())))
                .query(Boolean.class)
                .single());
        if (Boolean.TRUE.equals(due)
                && jdbc.sql("select count(*) from health_signing_key")
                                .query(Long.class)
                                .single()
                        > 0) {
            rotate();
        }
    }

    /** Forgets what is cached, for another instance's rotation to be seen. */
    public void refresh() {
        current = null;
        published = null;
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("A stored key is unreadable", e);
        }
    }
}
