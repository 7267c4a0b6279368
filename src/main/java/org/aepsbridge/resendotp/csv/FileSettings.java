package org.aepsbridge.resendotp.csv;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The CSV drop folder. Relative folders are relative to the working directory. */
@ConfigMapping(prefix = "aopay.file")
public interface FileSettings {

    @WithDefault("data/inbox")
    String inbox();

    /** The client every row of the drop folder is counted, quoted and logged as: whoever may write to the folder. */
    @WithDefault("drop-folder")
    String clientName();

    @WithDefault("data/outbox")
    String outbox();

    @WithDefault("data/done")
    String done();

    @WithDefault("data/error")
    String error();

    /**
     * Where the progress store (embedded database) and result files being assembled live.
     * A relative folder starts with {@code ./} (the embedded database insists).
     */
    @WithDefault("./data/work")
    String work();

    /** Rows of one file in flight to AOPay at once. Each sends an SMS to a person: kept low by default. */
    @WithDefault("4")
    int concurrency();

    /**
     * Rows claimed in the progress store in one transaction before they go to AOPay; the same
     * transaction writes the results of the rows finished since the group before. So a file costs
     * about one commit per this many rows instead of two per row (an embedded store grows by a
     * chunk a commit), and a {@code kill -9} leaves at most this many rows plus twice
     * {@link #concurrency()} plus one (claimed, or sent but their result not written yet) to end
     * ERROR/INTERRUPTED on restart. At least 1 (1: a commit per row, its result with the next row's claim).
     */
    @WithDefault("64")
    int claimGroup();

    /**
     * A file is read only once it has not been written to for this long (its time stamp is
     * this old). 10 s outlasts an ordinary pause of a writer (a batch job flushing in
     * chunks, a stalled upload) at the cost of that much latency per file; must be more
     * than 200 ms (how often a young file is looked at).
     */
    @WithDefault("10000")
    long stableForMs();

    /**
     * A done-marker that says a file is complete, as Camel's {@code doneFileName}:
     * {@code $simple{file:name}.done} ({@code batch.csv.done}) or
     * {@code $simple{file:name.noext}.ok} ({@code batch.ok}). {@code $simple{...}}, since
     * Quarkus configuration would expand {@code ${...}} itself. Off when not set.
     */
    Optional<String> doneMarker();

    /** The encoding of CSV files; UTF-8 (with or without BOM) unless every file of the folder comes in another. */
    @WithDefault("UTF-8")
    String charset();

    /**
     * How long a file read to its end is watched after it moved to done: if it changes
     * in that time (a writer that paused longer than the stability window wrote on), it
     * is reported and moved to the error folder.
     */
    @WithDefault("1h")
    Duration changeWatch();

    @WithDefault("1000")
    long pollDelayMs();

    /** How long the progress of a finished file is kept (a copy of the same file dropped again is not resent). */
    @WithDefault("7d")
    Duration progressRetention();

    // What the drop folder keeps of its files, and for how long (docs/privacy.md). The ages read
    // like aopay.file.progress-retention: aopay.file.<folder>-retention.

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
