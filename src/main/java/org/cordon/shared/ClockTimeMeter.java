package org.cordon.shared;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;

/** Bucket4j's time source read from the application's {@link Clock} bean, so that rate limits follow test clocks. */
public record ClockTimeMeter(Clock clock) implements TimeMeter {

    @Override
    public long currentTimeNanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
