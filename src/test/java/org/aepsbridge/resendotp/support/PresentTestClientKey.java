package org.aepsbridge.resendotp.support;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (META-INF/services; quarkus-junit's own
 * junit-platform.properties turns JUnit's extension autodetection on): before each test, a
 * RestAssured filter presents {@link TestClients#KEY} on every request that has no key of
 * its own, so the suite's REST calls need no edit of their own.
 * {@code @QuarkusTest} classes live in Quarkus' class loader with their own copy of
 * RestAssured, so the key is installed through the test class's own loader.
 */
public class PresentTestClientKey implements BeforeEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        install(context);
    }

    private static void install(ExtensionContext context) throws ReflectiveOperationException {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class<?> clients = Class.forName(TestClients.class.getName(), true, loader);
        if (Class.forName("io.restassured.RestAssured", false, loader) != null) {
            clients.getMethod("presentKeyByDefault").invoke(null);
        }
    }
}
