package cn.onehall.starter.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemAdviceTest {

    @Test
    void everyStatusHasAStableCode() {
        assertThat(ProblemAdvice.codeFor(HttpStatus.NOT_FOUND)).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(ProblemAdvice.codeFor(HttpStatus.METHOD_NOT_ALLOWED)).isEqualTo(ProblemCode.METHOD_NOT_ALLOWED);
        assertThat(ProblemAdvice.codeFor(HttpStatus.PAYLOAD_TOO_LARGE)).isEqualTo(ProblemCode.PAYLOAD_TOO_LARGE);
        assertThat(ProblemAdvice.codeFor(HttpStatus.I_AM_A_TEAPOT)).isEqualTo(ProblemCode.MALFORMED);
        assertThat(ProblemAdvice.codeFor(HttpStatus.BAD_GATEWAY)).isEqualTo(ProblemCode.INTERNAL);
    }

    @Test
    void aProblemCarriesTypeAndCode() {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONFLICT, "CASE_STATE_CONFLICT", "The case is already accepted");
        assertThat(problem.getType().toString()).isEqualTo("https://onehall.cn/problems/case-state-conflict");
        assertThat(problem.getProperties()).containsEntry("code", "CASE_STATE_CONFLICT");
    }
}
