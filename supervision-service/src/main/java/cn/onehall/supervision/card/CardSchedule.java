package cn.onehall.supervision.card;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Runs the card scan on one replica at a time (ShedLock over the starter's shedlock table). */
@Component
public class CardSchedule {

    public static final String LOCK = "supervision-card-scan";

    private final CardScan scan;

    public CardSchedule(CardScan scan) {
        this.scan = scan;
    }

    @Scheduled(fixedDelayString = "${onehall.supervision.scan-interval:PT1S}", initialDelayString = "${onehall.supervision.scan-initial-delay:PT5S}")
    @SchedulerLock(name = LOCK, lockAtMostFor = "PT5M", lockAtLeastFor = "PT0.2S")
    public void scan() {
        scan.scanOnce();
    }
}
