package org.aepsbridge.resendotp.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.aepsbridge.resendotp.model.ResendRequest;

/** One data row of a CSV batch: its line number in the file and the request it carries. */
@RegisterForReflection
public record CsvRow(long line, ResendRequest request) {
}
