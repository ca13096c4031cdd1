package cn.onehall.supervision.exchange;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "exchange 办件数据交换", description = "The push of case process records to upstream halls")
class ExchangeResource {

    private final ExchangeSender sender;

    ExchangeResource(ExchangeSender sender) {
        this.sender = sender;
    }

    @GetMapping("/api/supervision/exchange/status")
    @PreAuthorize("hasAnyRole('supervisor', 'platform-admin')")
    @Operation(summary = "Per upstream: records waiting, the lag (age of the oldest waiting, seconds), records sent, the last error")
    List<ExchangeSender.Status> status() {
        return sender.status();
    }
}
