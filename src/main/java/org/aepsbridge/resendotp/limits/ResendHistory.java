package org.aepsbridge.resendotp.limits;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** When each identity was last sent a resend: in memory for one replica, or in the shared database for all. */
interface ResendHistory {

    /**
     * Atomically for one identity: hands its sends after {@code since} (oldest first) to
     * {@code refusal}; when that returns no refusal, records a send at {@code now}, else throws it.
     */
    void recordUnlessRefused(
            String identity, Instant since, Instant now, Function<List<Instant>, ResendThrottledException> refusal);

    /** Forgets one recorded send (it provably never left). */
    void forget(String identity, Instant sentAt);

    /** Forgets sends at or before {@code cutoff}; returns how many. */
    int forgetUpTo(Instant cutoff);
}
