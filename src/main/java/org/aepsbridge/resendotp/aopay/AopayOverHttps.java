package org.aepsbridge.resendotp.aopay;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Every AOPay call carries a full Aadhaar and mobile number: outside the profiles that talk
 * to a stand-in on the same machine (embedded, dev, test), the base URL must be https, or
 * start-up stops naming the setting that would allow it.
 */
@ApplicationScoped
public class AopayOverHttps {

    private static final Logger LOG = Logger.getLogger(AopayOverHttps.class);

    /** The profiles whose AOPay is a local stand-in (the sandbox, WireMock). */
    static final Set<String> LOCAL_PROFILES = Set.of("embedded", "dev", "test");

    void check(@Observes StartupEvent started, AopaySettings aopay, AopayTlsSettings tls) {
        check(aopay.baseUrl(), tls.allowPlainHttp(), ConfigUtils.getProfiles());
    }

    /** Throws if {@code baseUrl} is plain http where it may not be; warns where it is allowed on purpose. */
    static void check(String baseUrl, boolean allowPlainHttp, List<String> profiles) {
        if (baseUrl.toLowerCase(Locale.ROOT).startsWith("https://")
                || profiles.stream().anyMatch(LOCAL_PROFILES::contains)) {
            return;
        }
        if (!allowPlainHttp) {
            throw new IllegalStateException(
                    "aopay.base-url must be an https:// URL: every AOPay call carries full Aadhaar and"
                            + " mobile numbers. Set an https base URL, or, only where the link is protected otherwise (a local TLS proxy),"
                            + " aopay.tls.allow-plain-http=true (AOPAY_TLS_ALLOW_PLAIN_HTTP). See docs/tls.md");
        }
        LOG.warnf(
                "aopay.tls.allow-plain-http=true: AOPay is called over %s without TLS; full Aadhaar and mobile numbers"
                        + " cross that link in clear",
                schemeAndHost(baseUrl));
    }

    private static String schemeAndHost(String baseUrl) {
        try {
            java.net.URI uri = java.net.URI.create(baseUrl);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "a non-https URL";
        }
    }
}
