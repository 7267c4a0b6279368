package org.aepsbridge.resendotp.csv;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/** The test profile's drop folder as a writer and an operator see it: real files on disk. */
final class DropFolder {

    static final Duration WAIT = Duration.ofSeconds(30);

    final Path inbox = folder("aopay.file.inbox");
    final Path outbox = folder("aopay.file.outbox");
    final Path done = folder("aopay.file.done");
    final Path error = folder("aopay.file.error");
    final WireMockServer aopay;

    DropFolder(WireMockServer aopay) {
        this.aopay = aopay;
    }

    private static Path folder(String setting) {
        return Path.of(ConfigProvider.getConfig().getValue(setting, String.class));
    }

    /** Written beside the inbox and renamed into it, as a well-behaved producer does. */
    Path drop(String name, byte[] content) throws IOException {
        Files.createDirectories(inbox);
        Path staging = inbox.resolveSibling(name + ".staging");
        Files.write(staging, content);
        return Files.move(staging, inbox.resolve(name));
    }

    Path drop(String name, String content) throws IOException {
        return drop(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path awaitResult(String stem) {
        Path result = outbox.resolve(stem + ".result.csv");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(result));
        return result;
    }

    int aopayCallsFor(String primaryKeyId) {
        return aopay.countRequestsMatching(
                        postRequestedFor(urlPathEqualTo("/api/AOP/V1/AEPS/UserRegisterBankWise/ResendOTP"))
                                .withRequestBody(matchingJsonPath("$.PrimaryKeyId", WireMock.equalTo(primaryKeyId)))
                                .build())
                .getCount();
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String log() throws IOException {
        return Files.readString(Path.of("target", "application-test.log"), StandardCharsets.UTF_8);
    }
}
