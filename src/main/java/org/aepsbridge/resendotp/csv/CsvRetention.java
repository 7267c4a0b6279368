package org.aepsbridge.resendotp.csv;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Drops the progress of old batches (routes/file.camel.yaml, route csv-progress-retention). */
@ApplicationScoped
@Named("csvRetention")
public class CsvRetention {

    private static final Logger LOG = Logger.getLogger(CsvRetention.class);

    private final CsvProgress progress;
    private final FileSettings settings;

    CsvRetention(CsvProgress progress, FileSettings settings) {
        this.progress = progress;
        this.settings = settings;
    }

    public void forgetExpired() throws SQLException {
        int rows = progress.forgetOlderThan(Instant.now().minus(settings.progressRetention()));
        if (rows > 0) {
            LOG.infof("CSV progress retention: forgot %d rows of finished batches", rows);
        }
    }
}
