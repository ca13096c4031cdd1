package cn.onehall.catalog.item;

import java.time.Instant;

/** One implementation item as stored: its codes and whether it is revoked; the guide is in its versions. */
record ItemRow(String code, String basicCode, String regionCode, String departmentCode, int lastVersion, Instant revokedAt,
               String revokeReason, String createdBy) {

    boolean revoked() {
        return revokedAt != null;
    }
}
