package org.fugong.healthcode.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys and limits of the health codes. {@code dataKeys}: key id → a 256-bit AES key in Base64;
 * {@code currentDataKey} encrypts, the others still decrypt (rotation). {@code hashKey}: the HMAC
 * key of the lookup hashes. Without keys (a developer's machine), keys are made once and kept in
 * {@code keyFile}, with a warning.
 */
@ConfigurationProperties("fugong.healthcode")
public record HealthCodeProperties(
        Map<String, String> dataKeys,
        String currentDataKey,
        String hashKey,
        String keyFile,
        Duration codeLifetime,
        Duration keyRotation,
        Duration keyPrePublication,
        Duration retention,
        Limits limits) {

    /**
     * How much one phone, ID number or client address may ask in an hour, and how often a code may be
     * guessed. Kept in PostgreSQL, so they hold across sessions and instances.
     */
    public record Limits(
            int codesPerPhone, int codesPerIdNumber, int codesPerAddress, int guessesPerCode, int guessesPerPhone) {
        public Limits {
            codesPerPhone = codesPerPhone <= 0 ? 5 : codesPerPhone;
            codesPerIdNumber = codesPerIdNumber <= 0 ? 5 : codesPerIdNumber;
            codesPerAddress = codesPerAddress <= 0 ? 30 : codesPerAddress;
            guessesPerCode = guessesPerCode <= 0 ? 5 : guessesPerCode;
            guessesPerPhone = guessesPerPhone <= 0 ? 15 : guessesPerPhone;
        }
    }

    public HealthCodeProperties {
        dataKeys = dataKeys == null ? Map.of() : new LinkedHashMap<>(dataKeys);
        currentDataKey = currentDataKey == null ? "" : currentDataKey;
        hashKey = hashKey == null ? "" : hashKey;
        keyFile = keyFile == null ? "data/healthcode-keys.properties" : keyFile;
        codeLifetime = codeLifetime == null ? Duration.ofMinutes(5) : codeLifetime;
        keyRotation = keyRotation == null ? Duration.ofDays(30) : keyRotation;
        keyPrePublication = keyPrePublication == null ? Duration.ofDays(1) : keyPrePublication;
        retention = retention == null ? Duration.ofDays(60) : retention;
        limits = limits == null ? new Limits(0, 0, 0, 0, 0) : limits;
    }
}
