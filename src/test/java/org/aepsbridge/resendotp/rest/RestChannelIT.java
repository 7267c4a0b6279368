package org.aepsbridge.resendotp.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same REST promises, against the packaged application (target/quarkus-app). */
@QuarkusIntegrationTest
class RestChannelIT extends RestChannelTest {
}
