package org.fugong.enterprises.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.fugong.access.CurrentActor;
import org.fugong.enterprises.EnterpriseCriteria;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSize;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.IndustrySection;
import org.fugong.shell.Slice;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/enterprises")
@Tag(name = "Enterprises", description = "The enterprise registry, scoped to the caller")
class EnterpriseApi {

    private final EnterpriseDirectory directory;
    private final CurrentActor currentActor;

    EnterpriseApi(EnterpriseDirectory directory, CurrentActor currentActor) {
        this.directory = directory;
        this.currentActor = currentActor;
    }

    @GetMapping
    @Operation(summary = "Enterprises in the caller's scope, a page at a time; pass 'next' back as 'after'")
    Slice<EnterpriseSummary> list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String district,
            @RequestParam(required = false) @Nullable IndustrySection industry,
            @RequestParam(required = false) @Nullable EnterpriseSize size,
            @RequestParam(required = false) @Nullable Boolean aboveScale,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(defaultValue = "50") int limit) {
        return directory.search(
                currentActor.scope(),
                new EnterpriseCriteria(q, district, null, industry, size, aboveScale),
                after,
                Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One enterprise; 403 outside the caller's scope")
    EnterpriseSummary get(@PathVariable UUID id) {
        return directory.get(currentActor.scope(), id);
    }
}
