package cn.onehall.catalog.calendar;

import cn.onehall.starter.calendar.CalendarDay;
import cn.onehall.starter.calendar.CalendarYear;
import cn.onehall.starter.calendar.DayKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.onehall.catalog.calendar.CalendarYearRequest.Entry;
import cn.onehall.starter.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

class CalendarYearRequestTest {

    @SuppressWarnings("unchecked")
    private static List<String> fieldsOf(Runnable validation) {
        try {
            validation.run();
        } catch (ProblemException e) {
            assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
            return ((List<Map<String, String>>) e.properties().get("errors")).stream().map(m -> m.get("field")).toList();
        }
        throw new AssertionError("expected a validation problem");
    }

    @Test
    void theShippedSeedIsValidWithNamedMakeUpDays() {
        CalendarYear year = Calendar2026.year();
        assertThat(year.daysOf(DayKind.DAY_OFF)).hasSize(33);
        assertThat(year.daysOf(DayKind.MAKE_UP_WORKING_DAY)).hasSize(6).allMatch(d -> d.name().equals("调休上班"));
    }

    @Test
    void readsBothEntryShapes() {
        CalendarYearRequest request = JsonMapper.builder().build().readValue("""
                {"daysOff":[{"date":"2030-01-01","name":"元旦"}],
                 "makeUpWorkingDays":["2030-01-05", {"date":"2030-01-06","name":"春节调休"}]}""", CalendarYearRequest.class);
        assertThat(request.validate(2030)).extracting(CalendarDay::name).containsExactly("元旦", "调休上班", "春节调休");
    }

    @Test
    void everyBadFieldIsReported() {
        CalendarYearRequest request = new CalendarYearRequest(2031, "<b>", List.of(
                new Entry("2031-01-01", "元旦"),        // other year
                new Entry("2030-13-01", "x"),          // not a date
                new Entry("2030-10-01", "<script>"),   // markup
                new Entry("2030-10-02", "国".repeat(51)),
                new Entry("2030-10-03", " "),
                new Entry("2030-10-05", "国庆节")),
                List.of(new Entry("2030-10-05", "调休"),   // both off and make-up
                        new Entry("2030-10-08", "调休")));  // a Tuesday
        assertThat(fieldsOf(() -> request.validate(2030))).containsExactly("year", "source", "daysOff[0].date", "daysOff[1].date",
                "daysOff[2].name", "daysOff[3].name", "daysOff[4].name", "makeUpWorkingDays[0].date", "makeUpWorkingDays[1].date");
    }

    @Test
    void fiftyCharacterNamesAndEmptyListsAreFine() {
        assertThat(new CalendarYearRequest(null, null, List.of(new Entry("2030-10-01", "国".repeat(50))), List.of()).validate(2030)).hasSize(1);
        assertThat(new CalendarYearRequest(null, null, List.of(), List.of()).validate(2030)).isEmpty();
    }

    @Test
    void listsAreRequiredAndBounded() {
        assertThat(fieldsOf(() -> new CalendarYearRequest(null, null, null, null).validate(2030))).containsExactly("daysOff", "makeUpWorkingDays");
        List<Entry> many = new ArrayList<>();
        for (int i = 0; i < 121; i++) {
            many.add(new Entry(java.time.LocalDate.of(2030, 1, 1).plusDays(i).toString(), "假"));
        }
        assertThat(fieldsOf(() -> new CalendarYearRequest(null, null, many, List.of()).validate(2030))).containsExactly("daysOff");
        assertThat(new CalendarYearRequest(null, null, many.subList(0, 120), List.of()).validate(2030)).hasSize(120);
        assertThatThrownBy(() -> new CalendarYearRequest(null, null, List.of(), java.util.Collections.singletonList(null)).validate(2030))
                .isInstanceOf(ProblemException.class);
    }
}
