package org.aepsbridge.resendotp.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A test profile whose application gets exactly these test resources, none of the suite's
 * global ones (the plain test broker, the machine's PostgreSQL), and data folders of its own:
 * for a test whose peer is another one of the same kind (a TLS broker, a TLS database).
 */
public abstract class OnlyTheseResources implements QuarkusTestProfile {

    private final String folders;
    private final List<Class<? extends QuarkusTestResourceLifecycleManager>> resources;

    @SafeVarargs
    protected OnlyTheseResources(String folders, Class<? extends QuarkusTestResourceLifecycleManager>... resources) {
        this.folders = folders;
        this.resources = Arrays.asList(resources);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return resources.stream().map(TestResourceEntry::new).toList();
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return OwnFolders.with(folders, Map.of());
    }
}
