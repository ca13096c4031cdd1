package cn.onehall.supervision.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The star formula of the README: weights, the parts without data left out, the star thresholds. */
class StarFormulaTest {

    @Test
    void weightedPartsAndThresholds() {
        Ratings.Rating r = Ratings.rate("D", List.of(
                Ratings.part("ON_TIME_RATE", Ratings.W_ON_TIME, 9, 10, 1),            // 0.9
                Ratings.part("SATISFACTION_RATE", Ratings.W_SATISFACTION, 8, 10, 1),  // 0.8
                Ratings.part("ONLINE_DEPTH", Ratings.W_ONLINE_DEPTH, 40, 10, 5),      // 4 of 5 = 0.8
                Ratings.part("GUIDE_COMPLETENESS", Ratings.W_GUIDE, 1, 2, 1)));       // 0.5
        // 0.36 + 0.24 + 0.16 + 0.05 = 0.81
        assertThat(r.score()).isEqualByComparingTo("0.81");
        assertThat(r.stars()).isEqualTo(4);
    }

    @Test
    void aPartWithoutDataIsLeftOutAndTheOthersCarryTheScore() {
        Ratings.Rating r = Ratings.rate("D", List.of(
                Ratings.part("ON_TIME_RATE", Ratings.W_ON_TIME, 10, 10, 1),
                Ratings.part("SATISFACTION_RATE", Ratings.W_SATISFACTION, 0, 0, 1),
                Ratings.part("ONLINE_DEPTH", Ratings.W_ONLINE_DEPTH, 50, 10, 5),
                Ratings.part("GUIDE_COMPLETENESS", Ratings.W_GUIDE, 0, 0, 1)));
        assertThat(r.score()).isEqualByComparingTo("1");
        assertThat(r.breakdown().get(1).value()).isNull();
        assertThat(Ratings.rate("D", List.of(Ratings.part("ON_TIME_RATE", Ratings.W_ON_TIME, 0, 0, 1)))).isNull();
        assertThat(List.of("0.95", "0.9", "0.85", "0.75", "0.65", "0.59").stream().map(s -> Ratings.stars(new BigDecimal(s))).toList())
                .containsExactly(5, 5, 4, 3, 2, 1);
    }
}
