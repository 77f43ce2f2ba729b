package org.fugong.healthcode.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.Persons;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Issues the signed token a QR code carries, and verifies one: offline from a key set (signature
 * and expiry, no database), or online (the current colour too).
 */
@Service
public class HealthCodes {

    /**
     * What a verification found. {@code problem} is null when the code is valid. The code's
     * reference identifies the person to this server only (it is sealed with a fresh nonce in every
     * code) and is never part of the answer a gate reads.
     */
    public record Verification(
            boolean valid,
            @Nullable String problem,
            @JsonIgnore @Nullable String reference,
            @Nullable CodeColour colour,
            @Nullable String maskedName,
            @Nullable Instant expiresAt) {

        static Verification refused(String problem) {
            return new Verification(false, problem, null, null, null, null);
        }
    }

    public record Code(String token, CodeColour colour, Instant issuedAt, Instant expiresAt) {}

    private final SigningKeys keys;
    private final Persons persons;
    private final HealthCodeProperties properties;
    private final Clock clock;
    private final PersonalDataCipher cipher;

    HealthCodes(
            SigningKeys keys,
            Persons persons,
            HealthCodeProperties properties,
            Clock clock,
            PersonalDataCipher cipher) {
        this.cipher = cipher;
        this.keys = keys;
        this.persons = persons;
        this.properties = properties;
        this.clock = clock;
    }

    /** A fresh code for a person, with the current colour, valid for the configured lifetime. */
    public Code issue(UUID personId) {
        CodeColour colour = persons.colour(personId);
        String name =
                persons.maskedName(personId).orElseThrow(() -> new IllegalArgumentException("No person " + personId));
        Instant now = clock.instant();
        Instant expires = now.plus(properties.codeLifetime());
        ECKey key = keys.current();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    new JWTClaimsSet.Builder()
                            // Not the person's id: a reference only this server can open, new in every code.
                            .claim("ref", reference(personId))
                            .claim("c", colour.name())
                            .claim("n", name)
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(expires))
                            .build());
            jwt.sign(new ECDSASigner(key));
            return new Code(jwt.serialize(), colour, now, expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a code", e);
        }
    }

    /** Offline verification against a key set, as a gate does it: no database. */
    public static Verification verify(String token, JWKSet keySet, Instant now) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token.trim());
        } catch (ParseException e) {
            return Verification.refused("MALFORMED");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return Verification.refused("ALGORITHM");
        }
        JWK key = jwt.getHeader().getKeyID() == null
                ? null
                : keySet.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (!(key instanceof ECKey ecKey)) {
            return Verification.refused("UNKNOWN_KEY");
        }
        try {
            if (!jwt.verify(new ECDSAVerifier(ecKey))) {
                return Verification.refused("SIGNATURE");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (expiry == null || !now.isBefore(expiry.toInstant())) {
                return Verification.refused("EXPIRED");
            }
            return new Verification(
                    true,
                    null,
                    Objects.requireNonNull(claims.getStringClaim("ref")),
                    CodeColour.valueOf(claims.getStringClaim("c")),
                    claims.getStringClaim("n"),
                    expiry.toInstant());
        } catch (JOSEException | ParseException | IllegalArgumentException | NullPointerException e) {
            return Verification.refused("MALFORMED");
        }
    }

    /** Offline verification with this server's published keys. */
    public Verification verify(String token) {
        return verify(token, keys.published(), clock.instant());
    }

    /** Online verification: valid offline, and the colour as it is now (it may have changed since the code was shown). */
    public Verification verifyOnline(String token) {
        Verification offline = verify(token);
        UUID person = personOf(offline);
        if (!offline.valid() || person == null) {
            return offline.valid() ? Verification.refused("UNKNOWN_PERSON") : offline;
        }
        return new Verification(
                true, null, offline.reference(), persons.colour(person), offline.maskedName(), offline.expiresAt());
    }

    /** The person a verified code was issued to, opened from its reference: on this server only. */
    public @Nullable UUID personOf(Verification verification) {
        String reference = verification.reference();
        if (reference == null) {
            return null;
        }
        try {
            return UUID.fromString(cipher.decrypt(Base64.getUrlDecoder().decode(reference)));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private String reference(UUID personId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cipher.encrypt(personId.toString()));
    }
}
