package org.aepsbridge.resendotp.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Drop folders of a test profile's own: every profile starts its own application, and one that
 * polled the shared target/test-files/inbox would pick up a file another test class left there
 * (and answer it with AOPay calls that test never made). Each profile adds these to its overrides.
 */
public final class OwnFolders {

    private OwnFolders() {}

    /** The given overrides plus inbox, outbox, done, error and work under target/test-files/{name}/. */
    public static Map<String, String> with(String name, Map<String, String> overrides) {
        String root = "target/test-files/" + name;
        Map<String, String> all = new HashMap<>(Map.of(
                "aopay.file.inbox", root + "/inbox",
                "aopay.file.outbox", root + "/outbox",
                "aopay.file.done", root + "/done",
                "aopay.file.error", root + "/error",
                // H2 wants a relative folder to start with ./ (application.properties)
                "aopay.file.work", "./" + root + "/work"));
        all.putAll(overrides);
        return all;
    }
}
