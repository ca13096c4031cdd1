package cn.onehall.catalog.item;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** One version of an item's guide as stored. */
record VersionRow(String itemCode, int version, VersionState state, LocalDate validFrom, String content, int revision, Set<String> editors,
                  String submittedBy, String reviewedBy, String reviewOpinion, Instant publishedAt) {

    enum VersionState { DRAFT, IN_REVIEW, PUBLISHED }
}
