package org.aepsbridge.resendotp.csv;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.ResendRequest;

/**
 * One data row of a CSV batch: its line number in the file and the request it carries, or
 * (as {@code unreadable}) why the row cannot be read as one, e.g. it has more values than
 * the header has columns: an unquoted comma shifted every value after it.
 */
@RegisterForReflection
public record CsvRow(long line, ResendRequest request, FieldError unreadable) {}
