package org.aepsbridge.resendotp.rest;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.aepsbridge.resendotp.model.ResendResult;

/** The first result per Idempotency-Key: in memory for one replica, or in the shared database for all. */
interface FirstResults {

    /** Claims the key for a first request; false when it is already claimed (and not expired). */
    boolean claim(String key);

    boolean isClaimed(String key);

    /** The first request's result, from now on what every repeat gets. */
    void complete(String key, ResendResult result);

    /** The first request's result, waiting up to {@code timeout} while it is still in flight. */
    ResendResult await(String key, Duration timeout) throws TimeoutException, InterruptedException;

    /** Gives the key up (the first request failed without a result): the next request is a first again. */
    boolean release(String key);

    void clear();

    /** Deletes expired keys; returns how many (the shared store only; memory expires by itself). */
    int forgetExpired();
}
