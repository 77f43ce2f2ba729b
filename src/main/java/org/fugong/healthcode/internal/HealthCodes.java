package org.fugong.healthcode.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
            ECDSASigner signer = new ECDSASigner(key);
            signer.getJCAContext().setProvider(SignatureProvider.get());
            jwt.sign(signer);
            return new Code(jwt.serialize(), colour, now, expires);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a code", e);
        }
    }

    /** Offline verification against a key set, as a gate does it: no database. */
    public static Verification verify(String token, JWKSet keySet, Instant now) {
        String compact = token.strip();
        int first = compact.indexOf('.');
        int last = compact.lastIndexOf('.');
        if (first <= 0 || last <= first || compact.indexOf('.', first + 1) != last) {
            return Verification.refused("MALFORMED");
        }
        JWSHeader header = header(compact.substring(0, first));
        if (header == null) {
            return Verification.refused("MALFORMED");
        }
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
            return Verification.refused("ALGORITHM");
        }
        JWK key = header.getKeyID() == null ? null : keySet.getKeyByKeyId(header.getKeyID());
        if (!(key instanceof ECKey ecKey)) {
            return Verification.refused("UNKNOWN_KEY");
        }
        try {
            byte[] signingInput = compact.substring(0, last).getBytes(StandardCharsets.US_ASCII);
            if (!signatureValid(signingInput, URL.decode(compact.substring(last + 1)), ecKey)) {
                return Verification.refused("SIGNATURE");
            }
            FlatClaims claims = FlatClaims.parse(
                    new String(URL.decode(compact.substring(first + 1, last)), StandardCharsets.UTF_8));
            Long expiry = claims.number("exp");
            if (expiry == null || now.getEpochSecond() >= expiry) {
                return Verification.refused("EXPIRED");
            }
            return new Verification(
                    true,
                    null,
                    Objects.requireNonNull(claims.string("ref")),
                    CodeColour.valueOf(claims.string("c")),
                    claims.string("n"),
                    Instant.ofEpochSecond(expiry));
        } catch (JOSEException | IllegalArgumentException | NullPointerException e) {
            return Verification.refused("MALFORMED");
        }
    }

    private static final Base64.Decoder URL = Base64.getUrlDecoder();

    private static final Map<String, JWSHeader> HEADERS = new ConcurrentHashMap<>();

    /** A code's header, parsed once for all the codes a key signs (they share it), or null if unreadable. */
    private static @Nullable JWSHeader header(String encoded) {
        return kept(HEADERS, encoded, () -> {
            try {
                return JWSHeader.parse(new Base64URL(encoded));
            } catch (ParseException | IllegalArgumentException e) {
                return null;
            }
        });
    }

    /**
     * What is the same for every code of a key (its header, its public point), made once; the map is
     * emptied if it ever holds more than a few keys' worth, so forged inputs cannot grow it.
     */
    private static <V> @Nullable V kept(Map<String, V> cache, String key, Supplier<@Nullable V> make) {
        V value = cache.get(key);
        if (value == null) {
            value = make.get();
            if (value != null) {
                if (cache.size() > 64) {
                    cache.clear();
                }
                cache.put(key, value);
            }
        }
        return value;
    }

    /** A key of the set with its public point in the provider's own form, so no verification converts it. */
    private record PublicPoint(ECKey key, PublicKey point) {}

    private static final Map<String, PublicPoint> PUBLIC_KEYS = new ConcurrentHashMap<>();
    /**
     * One {@link Signature} a thread, with the key it was last initialised for: a verification
     * leaves it ready for the same key, so it is initialised again only when the key changes (or
     * after a failure).
     */
    private static final class Verifier {
        private final Signature signature;
        private @Nullable PublicKey boundTo;

        Verifier() {
            try {
                Provider provider = SignatureProvider.get();
                signature = provider == null
                        ? Signature.getInstance("SHA256withECDSA")
                        : Signature.getInstance("SHA256withECDSA", provider);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean verify(PublicKey key, byte[] input, byte[] der) {
            try {
                if (boundTo != key) {
                    boundTo = null;
                    signature.initVerify(key);
                    boundTo = key;
                }
                signature.update(input);
                return signature.verify(der);
            } catch (GeneralSecurityException | RuntimeException e) {
                boundTo = null;
                return false;
            }
        }
    }

    private static final ThreadLocal<Verifier> VERIFIERS = ThreadLocal.withInitial(Verifier::new);

    /**
     * The ES256 signature over the code's signing input, checked with one {@link Signature} a
     * thread and the key's public point read once: the signature must be 64 bytes with R and S in
     * range (no "psychic signatures"), then the provider verifies it.
     */
    private static boolean signatureValid(byte[] signingInput, byte[] raw, ECKey key) throws JOSEException {
        if (raw.length != 64) {
            return false;
        }
        ECDSA.ensureLegalSignature(raw, JWSAlgorithm.ES256);
        PublicPoint kept = PUBLIC_KEYS.get(key.getKeyID());
        if (kept == null || (kept.key() != key && !kept.key().equals(key))) {
            kept = point(key);
            if (kept == null) {
                return false;
            }
            if (PUBLIC_KEYS.size() > 64) {
                PUBLIC_KEYS.clear();
            }
            PUBLIC_KEYS.put(key.getKeyID(), kept);
        }
        return VERIFIERS.get().verify(kept.point(), signingInput, ECDSA.transcodeSignatureToDER(raw));
    }

    private static @Nullable PublicPoint point(ECKey key) {
        try {
            ECPublicKey point = key.toECPublicKey();
            Provider provider = SignatureProvider.get();
            return new PublicPoint(
                    key,
                    provider == null
                            ? point
                            : KeyFactory.getInstance("EC", provider)
                                    .generatePublic(new X509EncodedKeySpec(point.getEncoded())));
        } catch (JOSEException | GeneralSecurityException e) {
            return null;
        }
    }

    /** Which provider verifies here: Conscrypt's, or the JDK's. */
    public static String providerName() {
        return SignatureProvider.name();
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
