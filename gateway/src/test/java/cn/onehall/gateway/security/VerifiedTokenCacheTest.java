package cn.onehall.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final AtomicInteger verifications = new AtomicInteger();

    /** Verifies "good-…" tokens (expiring at NOW + 60 s) and rejects everything else, counting the work. */
    private final ReactiveJwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                .issuedAt(NOW.minusSeconds(10)).expiresAt(NOW.plusSeconds(60)).build());
    };

    private VerifiedTokenCache cacheAt(Instant now) {
        return new VerifiedTokenCache(verifier, Duration.ofSeconds(5), 100, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aVerifiedTokenIsNotVerifiedAgain() {
        VerifiedTokenCache cache = cacheAt(NOW);
        assertThat(cache.decode("good-1").block().getSubject()).isEqualTo("good-1");
        assertThat(cache.decode("good-1").block().getSubject()).isEqualTo("good-1");
        assertThat(cache.decode("good-2").block().getSubject()).isEqualTo("good-2");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRejectedTokenIsCheckedEveryTimeAndNeverRemembered() {
        VerifiedTokenCache cache = cacheAt(NOW);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRememberedTokenStillExpiresOnTimeWithTheClockSkew() {
        MutableClock clock = new MutableClock(NOW);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, Duration.ofSeconds(5), 100, clock);
        cache.decode("good-1").block();
        clock.now = NOW.plusSeconds(64); // expired 4 s ago: within the 5 s skew
        assertThat(cache.decode("good-1").block().getSubject()).isEqualTo("good-1");
        clock.now = NOW.plusSeconds(66); // 6 s ago: refused without asking the verifier
        assertThatThrownBy(() -> cache.decode("good-1").block()).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).hasValue(1);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
