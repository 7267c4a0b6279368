package org.aepsbridge.resendotp.csv;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.aepsbridge.resendotp.support.LogScan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/** What the drop-folder tests share: AOPay's stand-in (reset before each test), the folder, and the log check after all. */
abstract class DropFolderTest {

    @AopayStandIn.Inject
    WireMockServer aopay;

    DropFolder folder;

    @BeforeEach
    void freshStandInAndFolder() {
        folder = new DropFolder(aopay);
        aopay.resetRequests();
    }

    @AfterAll
    static void noFullIdentityNumberReachedTheLog() throws Exception {
        LogScan.assertNoSecretsInApplicationLog();
    }
}
