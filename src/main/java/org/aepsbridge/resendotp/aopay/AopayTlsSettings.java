package org.aepsbridge.resendotp.aopay;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the bundle reaches AOPay on the wire (docs/tls.md). */
@ConfigMapping(prefix = "aopay.tls")
public interface AopayTlsSettings {

    /**
     * Lets an {@code http://} AOPay base URL through outside the embedded, dev and test
     * profiles. Off: production refuses to start with a plain-text AOPay, which would carry
     * full Aadhaar and mobile numbers in clear.
     */
    @WithDefault("false")
    boolean allowPlainHttp();
}
