package org.fugong.enterprises;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The categories the resumption index is shown by (the command center's categories of February
 * 2020). They overlap: an exporting manufacturer above scale counts in large industry and in
 * foreign trade.
 */
public enum IndexCategory {
    /** Above scale in mining, manufacturing or utilities (sections B, C, D). */
    LARGE_INDUSTRY,
    /** Above scale (above quota) in the other sections except construction. */
    SERVICES,
    /** Exporters. */
    FOREIGN_TRADE,
    /** Construction (section E) and construction priorities. */
    CONSTRUCTION,
    /** Micro and small enterprises not above scale. */
    SMALL_SHOPS;

    public String messageKey() {
        return "index.category." + name();
    }

    public boolean includes(EnterpriseSummary e) {
        return includes(e.aboveScale(), e.industrySection(), e.priorityCategory(), e.size());
    }

    /** Whether an enterprise of this description is in the category. */
    public boolean includes(
            boolean aboveScale, IndustrySection section, @Nullable PriorityCategory priority, EnterpriseSize size) {
        boolean industry = section == IndustrySection.B || section == IndustrySection.C || section == IndustrySection.D;
        return switch (this) {
            case LARGE_INDUSTRY -> aboveScale && industry;
            case SERVICES -> aboveScale && !industry && section != IndustrySection.E;
            case FOREIGN_TRADE -> priority == PriorityCategory.EXPORTER;
            case CONSTRUCTION -> section == IndustrySection.E || priority == PriorityCategory.CONSTRUCTION;
            case SMALL_SHOPS -> !aboveScale && (size == EnterpriseSize.MICRO || size == EnterpriseSize.SMALL);
        };
    }

    public static Set<IndexCategory> of(EnterpriseSummary e) {
        Set<IndexCategory> categories = EnumSet.noneOf(IndexCategory.class);
        for (IndexCategory c : values()) {
            if (c.includes(e)) {
                categories.add(c);
            }
        }
        return categories;
    }
}
