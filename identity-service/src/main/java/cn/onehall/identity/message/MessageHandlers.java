package cn.onehall.identity.message;

import java.util.Map;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.onehall.starter.events.CloudEvent;
import cn.onehall.starter.events.EventHandler;
import tools.jackson.databind.JsonNode;

/**
 * Turns other services' events into messages (docs/contracts.md): case events to the case's holder (and new cases to
 * the department), licences issued to the holder of the case they were issued for, supervision cards to the
 * department's officers. Handlers run once per event (the starter's processed_event); the texts hold no personal data.
 */
@Configuration(proxyBeanMethods = false)
class MessageHandlers {

    private static final String CASE_PREFIX = "cn.onehall.case.";
    /** Case verbs a holder is told about, with the title of the message. */
    private static final Map<String, String> CASE_TITLES = Map.ofEntries(
            Map.entry("accepted", "您的申请已受理"),
            Map.entry("refused", "您的申请未予受理"),
            Map.entry("correction-requested", "您的申请需要补正材料"),
            Map.entry("suspended", "您的申请办理时限已中止"),
            Map.entry("resumed", "您的申请已恢复办理"),
            Map.entry("approved", "您的申请已准予许可"),
            Map.entry("denied", "您的申请未予许可"),
            Map.entry("delivered", "办理结果已送达"),
            Map.entry("completed", "您的申请已办结"));

    @Bean
    EventHandler caseMessages(Inbox inbox, JdbcClient jdbc) {
        return new EventHandler() {
            @Override
            public String stream() {
                return "application-service";
            }

            @Override
            public boolean supports(String type) {
                return type.startsWith(CASE_PREFIX) && (CASE_TITLES.containsKey(verb(type)) || "submitted".equals(verb(type)));
            }

            @Override
            public void handle(CloudEvent event) {
                JsonNode data = event.data();
                String caseNumber = text(data, "caseNumber").orElse(event.subject());
                String verb = verb(event.type());
                Optional<String> holderRef = text(data, "holderRef");
                if (holderRef.isPresent() && caseNumber != null) {
                    String key = inbox.holderKey(holderRef.get());
                    jdbc.sql("INSERT IGNORE INTO case_holder (case_number, holder_key, item_code) VALUES (?, ?, ?)")
                            .params(caseNumber, key, text(data, "itemCode").orElse(null)).update();
                    if (CASE_TITLES.containsKey(verb)) {
                        String body = "办件编号 " + caseNumber + "：" + CASE_TITLES.get(verb) + text(data, "reason").map(r -> "（" + r + "）").orElse("")
                                + text(data, "dueDate").map(d -> "，承诺办结日期 " + d).orElse("") + "。";
                        inbox.deliver(Inbox.HOLDER, key, "case." + verb, CASE_TITLES.get(verb), clip(body), caseNumber, event.id());
                    }
                }
                if ("submitted".equals(verb)) {
                    text(data, "departmentCode").ifPresent(department -> inbox.deliver(Inbox.DEPARTMENT, department, "case.submitted",
                            "新的申请待受理", clip("办件编号 " + caseNumber + " 已提交，请及时受理" + text(data, "dueDate").map(d -> "（" + d + " 前）").orElse("") + "。"),
                            caseNumber, event.id()));
                }
            }
        };
    }

    @Bean
    EventHandler licenceMessages(Inbox inbox, JdbcClient jdbc) {
        return new EventHandler() {
            @Override
            public String stream() {
                return "e-license-service";
            }

            @Override
            public boolean supports(String type) {
                return "cn.onehall.license.issued".equals(type);
            }

            @Override
            public void handle(CloudEvent event) {
                JsonNode data = event.data();
                Optional<String> caseNumber = text(data, "caseNumber");
                if (caseNumber.isEmpty()) {
                    return; // a licence issued outside a case (imports): no holder to tell from the event alone
                }
                // The case events come from another stream and usually first; if not yet, failing retries the event later.
                String holderKey = jdbc.sql("SELECT holder_key FROM case_holder WHERE case_number = ?").param(caseNumber.get())
                        .query(String.class).optional()
                        .orElseThrow(() -> new IllegalStateException("licence issued for a case not seen yet; retried"));
                String name = text(data, "typeName").orElse("电子证照");
                inbox.deliver(Inbox.HOLDER, holderKey, "license.issued", "您的电子证照已签发",
                        clip("办件编号 " + caseNumber.get() + " 的" + name + "已签发" + text(data, "validUntil").map(d -> "，有效期至 " + d).orElse("") + "，可在我的证照中查看。"),
                        caseNumber.get(), event.id());
            }
        };
    }

    /** What each card rule means, for the message (docs/contracts.md lists the rules). */
    private static final Map<String, String> CARD_RULES = Map.of(
            "PROCESS_SECOND_CORRECTION", "两次及以上要求补正",
            "PROCESS_LATE_ACCEPTANCE", "未在规定时间内受理",
            "PROCESS_BAD_REVIEW_NOT_RECTIFIED", "差评未按期整改",
            "CONTENT_FEE_ABOVE_GUIDE", "收费超出办事指南",
            "CONTENT_MISSING_REQUIRED_MATERIAL", "缺少必要材料",
            "COMPLAINT_NOT_ANSWERED", "投诉未在答复期限内答复");

    /**
     * Cards to the department's officers. A time card is told as what it means for the officer: YELLOW TIME
     * (TIME_NEARLY_DUE) is "即将超期" (category {@code supervision.due-soon}), RED TIME (TIME_OVERDUE) is "已超期"
     * ({@code supervision.overdue}); other cards keep 黄牌预警 / 红牌警告 with their rule ({@code supervision.card-raised}).
     * {@code card-cleared} is consumed and changes nothing: the message was true when sent, and read state is each
     * officer's own (ADR 0009).
     */
    @Bean
    EventHandler cardMessages(Inbox inbox) {
        return new EventHandler() {
            @Override
            public String stream() {
                return "supervision-service";
            }

            @Override
            public boolean supports(String type) {
                return "cn.onehall.supervision.card-raised".equals(type) || "cn.onehall.supervision.card-cleared".equals(type);
            }

            @Override
            public void handle(CloudEvent event) {
                if (!"cn.onehall.supervision.card-raised".equals(event.type())) {
                    return; // card-cleared: nothing to tell, nothing to mark
                }
                JsonNode data = event.data();
                Optional<String> department = text(data, "departmentCode");
                if (department.isEmpty()) {
                    return;
                }
                boolean red = "RED".equals(text(data, "colour").orElse("YELLOW"));
                String kind = text(data, "kind").orElse("");
                String rule = text(data, "rule").orElse("");
                Optional<String> complaint = text(data, "complaintNumber");
                String subject = text(data, "caseNumber").or(() -> complaint).orElse(event.subject());
                String what = (complaint.isPresent() && text(data, "caseNumber").isEmpty() ? "投诉编号 " : "办件编号 ") + subject;
                String category;
                String title;
                String body;
                if ("TIME".equals(kind) && !red) {
                    category = "supervision.due-soon";
                    title = "即将超期";
                    body = what + " 即将超过承诺办结时限（黄牌预警），请在期限内办结。";
                } else if ("TIME".equals(kind)) {
                    category = "supervision.overdue";
                    title = "已超期";
                    body = what + " 已超过承诺办结时限（红牌警告），请立即处理。";
                } else {
                    category = "supervision.card-raised";
                    title = red ? "红牌警告" : "黄牌预警";
                    body = what + " 被亮" + title + "（" + CARD_RULES.getOrDefault(rule, rule) + "），请及时处理。";
                }
                inbox.deliver(Inbox.DEPARTMENT, department.get(), category, title, clip(body), subject, event.id());
            }
        };
    }

    static String verb(String type) {
        return type.startsWith(CASE_PREFIX) ? type.substring(CASE_PREFIX.length()) : "";
    }

    static Optional<String> text(JsonNode data, String field) {
        if (data == null || !data.has(field) || data.get(field).isNull()) {
            return Optional.empty();
        }
        String value = data.get(field).asString();
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    static String clip(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
