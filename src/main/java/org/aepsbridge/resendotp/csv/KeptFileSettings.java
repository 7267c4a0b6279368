package org.aepsbridge.resendotp.csv;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What the drop folder keeps of its files, and for how long (docs/privacy.md). The ages read
 * like {@code aopay.file.progress-retention}: {@code aopay.file.<folder>-retention}.
 */
@ConfigMapping(prefix = "aopay.file")
public interface KeptFileSettings {

    /** What becomes of an input file once every row has a result. */
    enum KeepInputs {
        /** The copy kept in done (or error) has every Aadhaar and mobile number masked; the original is gone. */
        MASKED,
        /** Nothing is kept in done; a file that goes to error is kept masked. */
        DELETE,
        /** The original is kept as it came, full numbers and all: an explicit choice, warned about at every start. */
        AS_IS
    }

    /** {@code masked}, {@code delete} or {@code as-is}. */
    @WithDefault("masked")
    KeepInputs keepInputs();

    /** Files in the done folder older than this (by their time stamp) are deleted. */
    @WithDefault("30d")
    Duration doneRetention();

    /** Files in the error folder (kept inputs and their {@code .error.txt}) older than this are deleted. */
    @WithDefault("30d")
    Duration errorRetention();

    /** Result files in the outbox older than this are deleted. */
    @WithDefault("30d")
    Duration outboxRetention();

    /** How often the retention route (csv-retention) looks for expired files and progress. */
    @WithDefault("1h")
    Duration retentionInterval();
}
