package org.aepsbridge.resendotp.observe;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aepsbridge.resendotp.csv.FileSettings;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness reports whether the CSV drop folder can be worked: the inbox exists, is a
 * folder, and the application may write in it (a file is moved out of it once its
 * results are written, so a read-only inbox would make every file be read again and
 * again). DOWN takes the pod out of its Service until a volume problem is fixed.
 */
@Readiness
@ApplicationScoped
public class InboxHealth implements HealthCheck {

    static final String NAME = "aopay-inbox";

    private final FileSettings settings;

    InboxHealth(FileSettings settings) {
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        String configured = settings.inbox();
        Path inbox = Path.of(configured);
        String problem = !Files.exists(inbox)
                ? "does not exist"
                : !Files.isDirectory(inbox)
                        ? "is not a directory"
                        : !Files.isWritable(inbox) ? "is not writable" : null;
        return HealthCheckResponse.named(NAME)
                .status(problem == null)
                .withData("path", configured)
                .withData("state", problem == null ? "writable" : problem)
                .build();
    }
}
