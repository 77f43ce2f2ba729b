package org.fugong.healthcode.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.internal.GateScans;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.healthcode.internal.SigningKeys;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Gates: verify a scanned code (offline from the published keys, or online with the current
 * colour), each scan logged with the gate and the pseudonymous id only. The public keys are at
 * {@code /.well-known/jwks.json} for gates that verify on their own.
 */
@RestController
@Tag(name = "Gates", description = "Verification of health codes at gates, and the public keys that sign them")
class GateApi {

    record Scan(
            String token, @Nullable String gate, @Nullable Boolean online) {}

    private final HealthCodes codes;
    private final GateScans scans;
    private final SigningKeys keys;

    GateApi(HealthCodes codes, GateScans scans, SigningKeys keys) {
        this.codes = codes;
        this.scans = scans;
        this.keys = keys;
    }

    /**
     * The key set, cacheable for five minutes by gates and proxies, with an ETag so that a gate that
     * asks again with {@code If-None-Match} gets a 304 while the set is unchanged.
     */
    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    @Operation(summary = "The public keys (JWKS) that verify health codes, with key ids")
    ResponseEntity<String> jwks(WebRequest request) {
        SigningKeys.Published published = keys.publishedSet();
        String etag = published.etag();
        CacheControl cache = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(cache).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cache).body(published.json());
    }

    @PostMapping("/api/gate/verify")
    @Operation(summary = "Verifies a scanned code: signature and expiry; with online=true the current colour too")
    Scanned verify(@RequestBody Scan scan) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (!isToken(scan.token())) {
            problems.add(new InvalidInputException.Problem("token", "healthcode.error.token", List.of()));
        }
        String gate = scan.gate() == null || scan.gate().isBlank() ? "unnamed" : GateScans.gateName(scan.gate());
        if (gate == null) {
            problems.add(new InvalidInputException.Problem("gate", "healthcode.error.gate", List.of()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        HealthCodes.Verification result =
                Boolean.TRUE.equals(scan.online()) ? codes.verifyOnline(scan.token()) : codes.verify(scan.token());
        boolean recorded = scans.record(gate, result);
        return new Scanned(
                result.valid(), result.problem(), result.colour(), result.maskedName(), result.expiresAt(), recorded);
    }

    /**
     * A gate's answer: the verification, and whether the scan is in the log (false when the database
     * could not take it in time; the scan is then still queued, see {@link GateScans}).
     */
    public record Scanned(
            boolean valid,
            @Nullable String problem,
            @Nullable CodeColour colour,
            @Nullable String maskedName,
            @Nullable Instant expiresAt,
            boolean recorded) {}

    /** What a scanner can have read from a code: a compact JWS, base64url and dots, of a sane length. */
    static boolean isToken(@Nullable String token) {
        return token != null
                && token.length() <= 4096
                && TOKEN.matcher(token.strip()).matches();
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+");

    @GetMapping("/api/gate/ping")
    @Operation(summary = "Answers at once: the ceiling a gate's round trip can reach")
    Map<String, Boolean> ping() {
        return Map.of("ok", true);
    }

    @GetMapping("/api/gate/counts")
    @Operation(summary = "Scans per gate, result and colour")
    List<GateScans.Count> counts() {
        return scans.counts();
    }
}
