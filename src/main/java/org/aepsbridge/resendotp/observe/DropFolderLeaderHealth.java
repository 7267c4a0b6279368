package org.aepsbridge.resendotp.observe;

import jakarta.enterprise.context.ApplicationScoped;
import org.aepsbridge.resendotp.csv.DropFolderLock;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says whether this replica is the one polling the CSV drop folder
 * ({@code leader: true|false}). It is UP either way: a replica that does not poll the
 * folder still serves REST and JMS, and stands by to take the folder over.
 */
@Readiness
@ApplicationScoped
public class DropFolderLeaderHealth implements HealthCheck {

    private final DropFolderLock lock;

    DropFolderLeaderHealth(DropFolderLock lock) {
        this.lock = lock;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("csv-drop-folder")
                .up()
                .withData("leader", lock.isLeader())
                .withData("lockFile", lock.lockFile().toString())
                .build();
    }
}
