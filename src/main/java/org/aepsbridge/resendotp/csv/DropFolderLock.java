package org.aepsbridge.resendotp.csv;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.jboss.logging.Logger;

/**
 * Elects the one replica that polls the shared drop folder: Camel's file-lock cluster
 * service, used by the {@code master:} consumer of routes/file.camel.yaml. The leader holds
 * an OS file lock on {@code <aopay.cluster.lock-folder>/<namespace>} and writes a heartbeat
 * beside it every {@code aopay.cluster.heartbeat-interval}; another replica takes over once
 * the lock is free and the heartbeat has stood still for {@code aopay.cluster.missed-heartbeats}
 * intervals (at once after a graceful stop, which clears the heartbeat). A lone replica simply
 * becomes the leader.
 * <p>
 * Camel Main adds every {@code CamelClusterService} of the registry to the context, which is
 * how the master component finds this one. The class also says, in the log and in the gauge
 * {@code aopay_csv_drop_folder_leader}, whether this replica is the leader now.
 */
@Singleton
@Unremovable
@RegisterForReflection
public class DropFolderLock extends FileLockClusterService {

    /** The master namespace of the csv-intake route, and the lock file's name. */
    public static final String NAMESPACE = "aopay-csv-inbox";
    /** First look at the lock when an earlier leader left its files: soon, so that a restart resumes quickly. */
    static final long FIRST_LOOK_MS = 500;

    private static final Logger LOG = Logger.getLogger(DropFolderLock.class);

    private final String inbox;
    private final Set<CamelClusterView> watched = ConcurrentHashMap.newKeySet();
    /** The last state logged, so that each change is logged once. */
    private volatile boolean leader;

    @Inject
    DropFolderLock(ClusterSettings cluster, FileSettings file, MeterRegistry metrics) {
        setId("aopay-drop-folder");
        setRoot(cluster.lockFolder());
        setAcquireLockInterval(cluster.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        setAcquireLockDelay(Math.min(FIRST_LOOK_MS, cluster.heartbeatInterval().toMillis()), TimeUnit.MILLISECONDS);
        setHeartbeatTimeoutMultiplier(cluster.missedHeartbeats());
        this.inbox = file.inbox();
        Gauge.builder("aopay.csv.drop.folder.leader", this, lock -> lock.isLeader() ? 1 : 0)
                .description("1 while this replica is the one polling the CSV drop folder, else 0")
                .register(metrics);
    }

    /** Whether this replica polls the drop folder now. */
    public boolean isLeader() {
        return watched.stream().anyMatch(view -> view.getLocalMember().isLeader());
    }

    /** Where the lock file is. */
    public Path lockFile() {
        return Path.of(getRoot(), NAMESPACE);
    }

    @Override
    public CamelClusterView getView(String namespace) throws Exception {
        CamelClusterView view = super.getView(namespace);
        if (NAMESPACE.equals(namespace) && watched.add(view)) {
            view.addEventListener((CamelClusterEventListener.Leadership) this::leadershipChanged);
        }
        return view;
    }

    private void leadershipChanged(CamelClusterView view, CamelClusterMember newLeader) {
        boolean now = view.getLocalMember().isLeader();
        if (now != leader) {
            leader = now;
            if (now) {
                LOG.infof(
                        "CSV drop folder leader: this replica now polls %s (lock %s, %d ms after the JVM started)",
                        inbox, lockFile(), ManagementFactory.getRuntimeMXBean().getUptime());
            } else {
                LOG.infof(
                        "CSV drop folder leader no more: this replica stopped polling %s (lock %s)", inbox, lockFile());
            }
        }
    }
}
