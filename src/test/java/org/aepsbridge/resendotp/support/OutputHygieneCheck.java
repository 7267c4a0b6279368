package org.aepsbridge.resendotp.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The suite's last word on privacy: after every unit, {@code @QuarkusTest} and packaged
 * test has run, no output the bundle wrote holds a full identity number (see
 * {@link OutputHygiene} for what counts as an output). Not a {@code *Test} or {@code *IT},
 * so neither the usual surefire nor the failsafe run picks it up: the pom runs it alone
 * in the post-integration-test phase, after both, and the build fails with it.
 *
 * <p>It must find outputs of every kind, or a renamed folder would make it pass by
 * scanning nothing; when only some tests were selected ({@code -Dtest=…} or
 * {@code -Dit.test=…}) it scans what is there without asking for every kind.
 */
class OutputHygieneCheck {

    @Test
    void noOutputOfTheWholeSuiteHoldsAFullIdentityNumber() throws Exception {
        Map<OutputHygiene.Kind, List<Path>> outputs = OutputHygiene.outputs();
        String counts = outputs.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().size())
                .collect(Collectors.joining(", "));
        System.out.println("Output hygiene: scanned " + counts);
        if (wholeSuiteRan()) {
            outputs.forEach((kind, files) -> assertTrue(
                    !files.isEmpty(),
                    "no " + kind + " output found under target/: the check would prove nothing (" + counts + ")"));
        }
        List<String> findings = OutputHygiene.findings(outputs);
        assertTrue(
                findings.isEmpty(),
                findings.size() + " full identity number(s) in the suite's outputs:\n" + String.join("\n", findings));
    }

    /** The pom passes -Dtest and -Dit.test on; unset, Maven leaves the expression as it is. */
    private static boolean wholeSuiteRan() {
        return !selected("hygiene.selected-tests") && !selected("hygiene.selected-its");
    }

    private static boolean selected(String property) {
        String value = System.getProperty(property, "");
        return !value.isBlank() && !value.startsWith("${");
    }
}
