package org.aepsbridge.resendotp.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.Outcome;
import org.aepsbridge.resendotp.model.ResendResult;
import org.jboss.logging.Logger;

/**
 * The REST channel's client authentication, on Quarkus Security: the API key in
 * {@code aopay.security.api-key-header} ({@code X-API-Key}) becomes the identity of its
 * client ({@link ApiKeyIdentityProvider}); the path policies in application.properties
 * decide that {@code /api/*} needs one. With mutual TLS configured, Quarkus' own
 * certificate mechanism comes after this one (a request without a key falls through to it).
 *
 * <p>Every refusal is answered here: {@code 401} with {@code WWW-Authenticate} and a JSON
 * body in the bundle's result shape ({@code REJECTED}, the header as the field), or
 * {@code 429} with {@code Retry-After} for a source past its refused credentials
 * ({@link CredentialFailures}). The request never reaches a route. Nothing of the presented
 * key is logged or echoed.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(ApiKeyMechanism.class);
    /** Routing-context key: why this request's credential was refused. */
    static final String REFUSAL = ApiKeyMechanism.class.getName() + ".refusal";
    /** Before Quarkus' mutual-TLS mechanism (and any other), so that this one answers every challenge. */
    static final int PRIORITY = DEFAULT_PRIORITY + 10_000;

    private final SecuritySettings settings;
    private final CredentialFailures failures;
    private final ObjectMapper json;

    ApiKeyMechanism(SecuritySettings settings, CredentialFailures failures, ObjectMapper json) {
        this.settings = settings;
        this.failures = failures;
        this.json = json;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String source = source(context);
        if (failures.locked(source)) {
            return refuse(context, Refusal.TOO_MANY_FAILURES);
        }
        List<String> presented = context.request().headers().getAll(settings.apiKeyHeader());
        if (presented.isEmpty()) {
            // No key: the certificate mechanism may still know the caller; else the path policy challenges.
            return settings.openBehindGateway()
                    ? Uni.createFrom()
                            .item(QuarkusSecurityIdentity.builder()
                                    .setPrincipal(new QuarkusPrincipal(settings.openClientName()))
                                    .build())
                    : Uni.createFrom().nullItem();
        }
        if (presented.size() > 1) {
            return refuse(context, Refusal.REPEATED);
        }
        String key = presented.get(0);
        if (key.isEmpty()) {
            return refuse(context, Refusal.MISSING);
        }
        return identities
                .authenticate(new ApiKeyAuthenticationRequest(key))
                .onFailure()
                .invoke(failure -> {
                    Refusal refusal = CredentialRefusedException.refusalOf(failure);
                    context.put(REFUSAL, refusal != null ? refusal : Refusal.UNKNOWN);
                });
    }

    private static Uni<SecurityIdentity> refuse(RoutingContext context, Refusal refusal) {
        context.put(REFUSAL, refusal);
        return Uni.createFrom().failure(CredentialRefusedException.of(refusal));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Refusal refusal = context.get(REFUSAL, Refusal.MISSING);
        return Uni.createFrom()
                .item(new ChallengeData(
                        refusal.httpStatus(),
                        refusal.httpStatus() == 401 ? "WWW-Authenticate" : HttpHeaders.RETRY_AFTER,
                        refusal.httpStatus() == 401 ? wwwAuthenticate() : Long.toString(failures.retryAfterSeconds())));
    }

    /** Status, header and the JSON body; ends the response (Quarkus then leaves it as it is). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        Refusal refusal = context.get(REFUSAL, Refusal.MISSING);
        String source = source(context);
        if (refusal != Refusal.TOO_MANY_FAILURES) {
            failures.refused(source, refusal);
        }
        LOG.debugf("source=%s path=%s credential refused: %s", source, context.normalizedPath(), refusal);
        var response = context.response();
        if (response.ended()) {
            return Uni.createFrom().item(true);
        }
        response.setStatusCode(refusal.httpStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // a refused caller keeps no connection: a body it may still be sending is never read
                .putHeader(HttpHeaders.CONNECTION, "close");
        if (refusal.httpStatus() == 401) {
            response.putHeader("WWW-Authenticate", wwwAuthenticate());
        } else {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(failures.retryAfterSeconds()));
        }
        return Uni.createFrom()
                .completionStage(response.end(body(refusal)).toCompletionStage())
                .replaceWith(true)
                .onFailure()
                .recoverWithItem(true);
    }

    String body(Refusal refusal) {
        String header = settings.apiKeyHeader();
        ResendResult.Builder result = ResendResult.of(
                Outcome.REJECTED,
                refusal == Refusal.TOO_MANY_FAILURES
                        ? "Not authenticated: " + refusal.rule()
                        : "Not authenticated: " + header + " " + refusal.rule());
        if (refusal == Refusal.TOO_MANY_FAILURES) {
            result.retryAfterSeconds(failures.retryAfterSeconds());
        }
        result.fieldErrors(List.of(new FieldError(header, refusal.rule())));
        try {
            return json.writeValueAsString(result.build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String wwwAuthenticate() {
        return "ApiKey realm=\"aopay-resend-otp\", header=\"" + settings.apiKeyHeader() + "\"";
    }

    private static String source(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
