package org.fugong.healthcode.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal data (AES-256-GCM; the key id goes in front of each value, so that keys can be
 * rotated: the current key encrypts, older ones still decrypt) and makes keyed hashes
 * (HMAC-SHA256) to find a person by ID number or phone without storing either in plain text.
 */
@Component
public class PersonalDataCipher {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String current;
    private final SecretKeySpec hashKey;

    public PersonalDataCipher(HealthCodeProperties properties) {
        Map<String, String> dataKeys = properties.dataKeys();
        String currentId = properties.currentDataKey();
        String hash = properties.hashKey();
        if (dataKeys.isEmpty() || hash.isEmpty()) {
            Properties file = developmentKeys(Path.of(properties.keyFile()));
            dataKeys = Map.of("dev-1", file.getProperty("data-key"));
            currentId = "dev-1";
            hash = file.getProperty("hash-key");
        }
        dataKeys.forEach((id, key) -> keys.put(id, new SecretKeySpec(decode(key, "data key " + id), "AES")));
        if (currentId.isEmpty()) {
            currentId = keys.keySet().iterator().next();
        }
        if (!keys.containsKey(currentId) || currentId.contains(":")) {
            throw new IllegalStateException("The current data key " + currentId + " is not among the data keys");
        }
        this.current = currentId;
        this.hashKey = new SecretKeySpec(decode(hash, "hash key"), "HmacSHA256");
    }

    private static byte[] decode(String base64, String what) {
        byte[] key = Base64.getDecoder().decode(base64);
        if (key.length != 32) {
            throw new IllegalStateException("The " + what + " must be 256 bits (32 bytes in Base64)");
        }
        return key;
    }

    /** Keys for a developer's machine, made once and kept next to the embedded database. */
    private static Properties developmentKeys(Path file) {
        Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
                return keys;
            }
            log.warn(
                    "No health-code keys configured (fugong.healthcode.data-keys, hash-key): made development keys in {}. "
                            + "Configure real keys before real data.",
                    file);
            keys.setProperty("data-key", Base64.getEncoder().encodeToString(random(32)));
            keys.setProperty("hash-key", Base64.getEncoder().encodeToString(random(32)));
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                keys.store(out, "Development keys of the health codes; not for real data");
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep development keys in " + file, e);
        }
    }

    static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    public String currentKeyId() {
        return current;
    }

    /** key id ":" then nonce and ciphertext, as bytes. */
    public byte[] encrypt(String plain) {
        try {
            byte[] nonce = random(12);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(current.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] id = (current + ":").getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(id.length + nonce.length + sealed.length)
                    .put(id)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    public String decrypt(byte[] stored) {
        int colon = indexOf(stored, (byte) ':');
        String id = new String(stored, 0, colon, StandardCharsets.UTF_8);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("Data key " + id + " is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, colon + 1, 12));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, colon + 13, stored.length - colon - 13), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt: the value or the key is wrong", e);
        }
    }

    /** Whether a stored value was sealed with an older key and should be sealed again. */
    public boolean needsRotation(byte[] stored) {
        return !new String(stored, 0, indexOf(stored, (byte) ':'), StandardCharsets.UTF_8).equals(current);
    }

    /** The keyed hash of a value, for lookup: the same value always gives the same hash. */
    public byte[] hash(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            mac.update((kind + "\u0000").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot hash", e);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalStateException("Not a sealed value");
    }
}
