package cn.onehall.supervision.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import cn.onehall.supervision.card.CardThresholds.Threshold;

/** "80 % of the promised working days used or one working day left", as days left that turn a case yellow. */
class YellowThresholdTest {

    static final Threshold DEFAULT = new Threshold(new BigDecimal("0.8"), 1, 5);

    @Test
    void eightyPercentUsedOrOneDayLeftWhicheverComesFirst() {
        assertThat(CardRules.yellowRemaining(1, DEFAULT)).isEqualTo(1);
        assertThat(CardRules.yellowRemaining(5, DEFAULT)).isEqualTo(1);   // 4 of 5 used = 80 %
        assertThat(CardRules.yellowRemaining(10, DEFAULT)).isEqualTo(2);  // 8 of 10 used
        assertThat(CardRules.yellowRemaining(14, DEFAULT)).isEqualTo(2);  // 12 of 14 used is 86 %, 11 of 14 is 79 %: not yet
        assertThat(CardRules.yellowRemaining(20, DEFAULT)).isEqualTo(4);
    }

    @Test
    void aRegionsThresholdsAreItsOwn() {
        Threshold strict = new Threshold(new BigDecimal("0.6"), 2, 3);
        assertThat(CardRules.yellowRemaining(5, strict)).isEqualTo(2);
        assertThat(CardRules.yellowRemaining(20, strict)).isEqualTo(8);
        assertThat(CardThresholds.chain("440781101")).containsExactly("440781101", "440781", "440700", "440000");
        assertThat(CardThresholds.chain("bad")).isEmpty();
    }
}
