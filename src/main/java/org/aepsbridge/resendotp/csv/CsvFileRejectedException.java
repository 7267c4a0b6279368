package org.aepsbridge.resendotp.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A file that cannot be read as a CSV batch at all; the reason is written for an operator. */
@RegisterForReflection
public class CsvFileRejectedException extends RuntimeException {

    public CsvFileRejectedException(String reason) {
        super(reason, null, false, false);
    }
}
