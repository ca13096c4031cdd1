package cn.onehall.supervision.card;

import java.time.Instant;

/** A yellow or red card as supervisors and departments read it. */
public record Card(String cardId, String colour, String kind, String rule, String caseNumber, String complaintNumber, String departmentCode, String regionCode,
                   String itemCode, Instant raisedAt, Instant clearedAt, String status) {
}
