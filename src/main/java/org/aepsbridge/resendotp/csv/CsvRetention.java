package org.aepsbridge.resendotp.csv;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * What the drop folder keeps, for as long as it is configured to (routes/file.camel.yaml, route
 * csv-retention): the progress of old batches ({@code aopay.file.progress-retention}) and the
 * files in done, error and outbox ({@code aopay.file.done-retention}, {@code ...error-retention},
 * {@code ...outbox-retention}), by their time stamp. Each deleted file is logged (name, folder,
 * age; never its content) and counted in {@code aopay_csv_files_deleted_total{folder}}.
 */
@ApplicationScoped
@Named("csvRetention")
public class CsvRetention {

    private static final Logger LOG = Logger.getLogger(CsvRetention.class);

    private final CsvProgress progress;
    private final FileSettings settings;
    private final MeterRegistry metrics;
    private final Clock clock;

    @Inject
    CsvRetention(CsvProgress progress, FileSettings settings, MeterRegistry metrics) {
        this(progress, settings, metrics, Clock.systemUTC());
    }

    CsvRetention(CsvProgress progress, FileSettings settings, MeterRegistry metrics, Clock clock) {
        this.progress = progress;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void forgetExpired() throws SQLException {
        int rows = progress.forgetOlderThan(clock.instant().minus(settings.progressRetention()));
        if (rows > 0) {
            LOG.infof(
                    "CSV retention: forgot %d rows of finished batches (aopay.file.progress-retention=%s)",
                    rows, settings.progressRetention());
        }
    }

    /** Deletes every file in done, error and outbox older than its folder's retention; returns how many. */
    public int deleteExpiredFiles() {
        int deleted = 0;
        for (Map.Entry<String, Map.Entry<String, Duration>> folder : List.of(
                Map.entry("done", Map.entry(settings.done(), settings.doneRetention())),
                Map.entry("error", Map.entry(settings.error(), settings.errorRetention())),
                Map.entry("outbox", Map.entry(settings.outbox(), settings.outboxRetention())))) {
            deleted += deleteOlderThan(
                    folder.getKey(),
                    Path.of(folder.getValue().getKey()),
                    folder.getValue().getValue());
        }
        return deleted;
    }

    private int deleteOlderThan(String name, Path folder, Duration retention) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        int deleted = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    Instant modified = Files.getLastModifiedTime(file).toInstant();
                    if (modified.isBefore(cutoff)) {
                        Files.delete(file);
                        deleted++;
                        LOG.infof(
                                "CSV retention: deleted file=%s folder=%s age=%s (aopay.file.%s-retention=%s)",
                                CsvBatches.forLog(file.getFileName().toString()),
                                name,
                                Duration.between(modified, now),
                                name,
                                retention);
                        Counter.builder("aopay.csv.files.deleted")
                                .description("Files the retention deleted, by folder")
                                .tag("folder", name)
                                .register(metrics)
                                .increment();
                    }
                } catch (NoSuchFileException gone) {
                    // deleted meanwhile (an operator, another replica sharing the folder)
                }
            }
        } catch (IOException e) {
            LOG.warnf("CSV retention: cannot clear %s folder %s: %s", name, folder, e.toString());
        }
        return deleted;
    }
}
