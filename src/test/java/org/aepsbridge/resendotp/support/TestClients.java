package org.aepsbridge.resendotp.support;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.List;

/**
 * The test profile's REST clients and their API keys (application.properties holds only
 * their SHA-256 hashes). Every REST call of the suite presents {@link #KEY} by default:
 * {@link PresentTestClientKey} installs a RestAssured filter that adds it before each test,
 * and {@code packaged/PackagedApp} sends it too. Tests of authentication itself use a plain
 * HTTP client (or set the header themselves) and choose what to present.
 *
 * <p>The keys are test secrets: the output hygiene check looks for them in every output.
 */
public final class TestClients {

    public static final String HEADER = "X-API-Key";
    /** Client {@code test}, key {@code current}. */
    public static final String CLIENT = "test";

    public static final String KEY = "08677b6c611390c7e8e573e1f1b6ee42037a9dbb0dbcbd55aa0a7c8fda17256c";
    /** Client {@code test}, key {@code rotated}: the second key of the same client, valid at the same time. */
    public static final String ROTATED_KEY = "17f5dc19eaef171bb284629b2213a471bd78726e711cfac02adf5e4aeaf43a94";
    /** Client {@code test}, key {@code expired} (expires-at 2026-01-01). */
    public static final String EXPIRED_KEY = "506147dc430689c069bacca5379d60370e7a89143aa119e2f63d61fa09a99406";
    /** Client {@code test}, key {@code revoked}. */
    public static final String REVOKED_KEY = "7c3fb15a8c6588bac9bd13e8bdfe1098ea6a853dca07e6d301a8a2122eb3853d";
    /** Client {@code quota-test} (3 resends a minute). */
    public static final String QUOTA_CLIENT = "quota-test";

    public static final String QUOTA_KEY = "a89da88edb3b89fdd1f352a9ccbc37a3499b49306a067bb5877dbf58a6aa0401";
    /** Client {@code partner}: a second ordinary client. */
    public static final String PARTNER_CLIENT = "partner";

    public static final String PARTNER_KEY = "f01e03b6cae0fad03c6d133ad1e5700bf753b739113e6c074e4a6d0e7de577d9";
    /** A well-formed key no client has. */
    public static final String UNKNOWN_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    /** The SHA-256 of {@link #KEY}, for packaged runs configured on the command line. */
    public static final String KEY_SHA256 = "1c19ef9d43fa58dfbeb61faa063519968c028ec5ad67e7e404bafe265142f39d";

    /** What must never appear in any output. */
    public static final List<String> SECRETS =
            List.of(KEY, ROTATED_KEY, EXPIRED_KEY, REVOKED_KEY, QUOTA_KEY, PARTNER_KEY);

    private TestClients() {}

    /**
     * Makes every RestAssured request of this class loader present the test client's key,
     * unless it carries an {@link #HEADER} of its own: a global filter (a default request
     * specification would freeze the port RestAssured had when it was built).
     */
    public static synchronized void presentKeyByDefault() {
        if (RestAssured.filters().stream().noneMatch(PresentKey.class::isInstance)) {
            RestAssured.filters(new PresentKey());
        }
    }

    static final class PresentKey implements Filter {
        @Override
        public Response filter(
                FilterableRequestSpecification request,
                FilterableResponseSpecification response,
                FilterContext context) {
            if (!request.getHeaders().hasHeaderWithName(HEADER)) {
                request.header(HEADER, KEY);
            }
            return context.next(request, response);
        }
    }
}
