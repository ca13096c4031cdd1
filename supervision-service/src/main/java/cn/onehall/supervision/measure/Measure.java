package cn.onehall.supervision.measure;

import java.math.BigDecimal;

/**
 * One measure for a region, period and optionally department and item.
 *
 * @param value       numerator / denominator (4 decimals), or the count for counts; null when the denominator is 0 or unknown
 * @param target      the target in force for the region and period (data), null when none is set
 * @param comparison  GE: the value must reach the target; LE: it must stay at or below it
 * @param pass        null when there is no target or no value
 */
public record Measure(String code, String name, String unit, BigDecimal value, Long numerator, Long denominator, BigDecimal target,
                      String comparison, Boolean pass) {
}
