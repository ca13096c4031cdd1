package cn.onehall.license.licence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** Expires licences past their last day (China time), on one replica at a time (ShedLock). */
@Component
public class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
    private final LicenceService service;

    ExpiryJob(LicenceService service) {
        this.service = service;
    }

    @Scheduled(cron = "${onehall.license.expiry-cron:0 5 * * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "licence-expiry", lockAtMostFor = "PT10M")
    public void run() {
        int total = 0;
        int batch;
        do {
            batch = service.expireDue(200);
            total += batch;
        } while (batch == 200);
        if (total > 0) {
            log.info("Expired {} licences", total);
        }
    }
}
