package org.aepsbridge.resendotp.csv;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Scale-out: replicas sharing one drop folder elect one of them, by a file lock in a
 * folder they all share, to poll it (Camel's master endpoint on the file-lock cluster service).
 */
@ConfigMapping(prefix = "aopay.cluster")
public interface ClusterSettings {

    /**
     * Where the lock and heartbeat files live: a folder every replica that shares the inbox
     * sees (by default inside the inbox itself). Relative to the working directory.
     */
    @WithDefault("${aopay.file.inbox}/.cluster")
    String lockFolder();

    /**
     * How often the leader writes its heartbeat and the others look at it (and at the lock).
     * Every replica must use the same value.
     */
    @WithDefault("2s")
    Duration heartbeatInterval();

    /** Heartbeat intervals without a new heartbeat after which the others take the leader for dead. */
    @WithDefault("3")
    int missedHeartbeats();
}
