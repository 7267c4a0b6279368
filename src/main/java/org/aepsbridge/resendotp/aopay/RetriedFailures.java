package org.aepsbridge.resendotp.aopay;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * The failures of the AOPay call that routes/errors.camel.yaml ({@code aopay-retries})
 * names by class name; Camel loads them by name, so a native image must keep them.
 * (The JDK's ConnectException, SocketException and InterruptedIOException are kept anyway;
 * HttpOperationFailedException is registered with {@link ResendResults}.)
 */
@RegisterForReflection(
        targets = {NoHttpResponseException.class, ConnectionClosedException.class, MalformedChunkCodingException.class})
final class RetriedFailures {

    private RetriedFailures() {}
}
