package cn.onehall.identity.page;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.onehall.identity.message.Inbox;
import cn.onehall.starter.events.EventPublisher;
import cn.onehall.starter.personaldata.BlindIndex;
import cn.onehall.starter.security.CurrentUser;

/**
 * 市民个人网页 / 企业专属网页: my cases, licences, messages, subscriptions and suggested items on one page. Each remote part
 * comes from its owning service through Feign with a circuit breaker (the starter's defaults); a part whose service is
 * down or whose circuit is open is marked unavailable and the page still answers. Every visit is a page-visited event.
 */
@Service
public class PersonalPage {

    private static final Logger log = LoggerFactory.getLogger(PersonalPage.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int PART_SIZE = 5;

    private final Peers.Applications applications;
    private final Peers.Licences licences;
    private final Peers.Catalog catalog;
    private final Inbox inbox;
    private final Subscriptions subscriptions;
    private final EventPublisher events;
    private final BlindIndex index;
    private final TransactionTemplate tx;

    PersonalPage(Peers.Applications applications, Peers.Licences licences, Peers.Catalog catalog, Inbox inbox, Subscriptions subscriptions,
                 EventPublisher events, BlindIndex index, PlatformTransactionManager transactions, JdbcClient jdbc) {
        this.applications = applications;
        this.licences = licences;
        this.catalog = catalog;
        this.inbox = inbox;
        this.subscriptions = subscriptions;
        this.events = events;
        this.index = index;
        this.tx = new TransactionTemplate(transactions);
    }

    /** One part of the page: its data, or available=false when its service could not answer. */
    public record Part(boolean available, Object data) {
    }

    public record Page(String pageType, String regionCode, long unreadMessages, Map<String, Part> parts) {
    }

    public Page of(CurrentUser user) {
        String pageType = "LEGAL_PERSON".equals(user.holderType()) ? "ENTERPRISE" : "PERSONAL";
        String region = user.region();
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("cases", remote("cases", () -> applications.mine(PART_SIZE)));
        parts.put("licences", remote("licences", () -> licences.mine(PART_SIZE)));
        parts.put("messages", new Part(true, inbox.page(user, null, PART_SIZE).items()));
        parts.put("subscriptions", new Part(true, subscriptions.of(user)));
        parts.put("suggestedItems", region == null ? new Part(true, List.of()) : remote("suggestedItems", () -> catalog.items(region, serviceObject(user), PART_SIZE)));
        long unread = inbox.unread(user);
        String visitorKey = index.of(user.holderRef() != null ? user.holderRef() : user.subject(), "page-visitor");
        tx.executeWithoutResult(s -> events.publish("cn.onehall.identity.page-visited", null, Map.of("pageType", pageType,
                "regionCode", region == null ? "" : region, "visitorKey", visitorKey, "month", YearMonth.now(CHINA).toString())));
        return new Page(pageType, region, unread, parts);
    }

    /** The catalogue's service object for the holder the token acts for; staff (no holder type) get no filter. */
    static String serviceObject(CurrentUser user) {
        return "LEGAL_PERSON".equals(user.holderType()) || "NATURAL_PERSON".equals(user.holderType()) ? user.holderType() : null;
    }

    private static Part remote(String name, Supplier<Object> call) {
        try {
            return new Part(true, call.get());
        } catch (RuntimeException e) {
            // Service down, timing out, answering 5xx, or its circuit open: the rest of the page still shows.
            log.debug("page part {} unavailable: {}", name, e.toString());
            return new Part(false, null);
        }
    }
}
