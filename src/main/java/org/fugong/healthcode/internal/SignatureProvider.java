package org.fugong.healthcode.internal;

import java.security.Provider;
import org.conscrypt.Conscrypt;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JCA provider that signs and verifies codes: Conscrypt (BoringSSL) where its native library
 * loads on this platform, about twenty times the JDK's ES256 verification rate; else the JDK's own
 * (null: the default providers). Never registered globally, so nothing else changes provider.
 */
final class SignatureProvider {

    private static final Logger log = LoggerFactory.getLogger(SignatureProvider.class);
    private static final @Nullable Provider FAST = load();

    private SignatureProvider() {}

    /** The fast provider, or null to use the JDK's. */
    static @Nullable Provider get() {
        return FAST;
    }

    static String name() {
        return FAST == null ? "JDK" : FAST.getName();
    }

    private static @Nullable Provider load() {
        if (Boolean.getBoolean("fugong.healthcode.jdk-crypto")) {
            return null;
        }
        try {
            if (Conscrypt.isAvailable()) {
                return Conscrypt.newProvider();
            }
        } catch (Throwable unavailable) {
            log.warn("Conscrypt is not available here; codes are verified with the JDK's provider", unavailable);
        }
        return null;
    }
}
