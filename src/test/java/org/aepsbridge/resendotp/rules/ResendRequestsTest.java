package org.aepsbridge.resendotp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aepsbridge.resendotp.aopay.AopaySettings;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of a resend request (docs/rest.md, the rules table), applied by
 * {@link ResendRequests} on a plain Hibernate Validator, without Quarkus or HTTP: every
 * broken field is reported at once, by AOPay's field name, in the documented order.
 */
class ResendRequestsTest {

    /** The configured pipe of these tests, as {@code aopay.pipe} would say. */
    static final String PIPE = "bank6";

    private final ResendRequests rules = new ResendRequests(validator(PIPE));

    @Test
    void aValidRequestIsAcceptedWithItsNumbersNormalised() {
        AcceptedRequest accepted = rules.accept(read("""
                {"Userkey":"AOP554N3X","Mobile":"+91 98765-43210","AdhaarNumber":"2341 2341 2346",
                 "PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"AOP-554"}"""));
        assertEquals(
                new AcceptedRequest(
                        "AOP554N3X", "9876543210", "234123412346", "TEST", "DEMO", "AOP-554", null, null, null),
                accepted);
    }

    @Test
    void optionalFieldsAreKeptWhenGiven() {
        AcceptedRequest accepted = rules.accept(read("""
                {"Userkey":"AOP554N3X","Mobile":9876543210,"AadhaarNumber":"234123412346","PrimaryKeyId":"T",
                 "EncodeTxnId":"D","RegistrationID":"R","Pipe":"bank6","AccessModeType":"APP_MODE","Otp":"123456"}"""));
        assertEquals(
                new AcceptedRequest(
                        "AOP554N3X", "9876543210", "234123412346", "T", "D", "R", "bank6", "APP_MODE", "123456"),
                accepted);
    }

    @Test
    void fieldNamesMatchInAnyLetterCase() {
        AcceptedRequest accepted = rules.accept(read("""
                {"userkey":"U1","MOBILE":"09876543210","adhaarnumber":"2341-2341-2346","primarykeyid":"P",
                 "ENCODETXNID":"E","registrationid":"R"}"""));
        assertEquals("U1", accepted.userkey());
        assertEquals("9876543210", accepted.mobile());
        assertEquals("234123412346", accepted.aadhaar());
        assertEquals("R", accepted.registrationId());
    }

    @Test
    void everyMissingFieldIsReportedOnceAsRequiredInTheContractsOrder() {
        RequestRejectedException e = rejected("{}");
        assertEquals(
                List.of("Userkey", "Mobile", "AdhaarNumber", "PrimaryKeyId", "EncodeTxnId", "RegistrationID"),
                fields(e));
        e.errors().forEach(error -> assertEquals(ResendRequest.Rules.REQUIRED, error.message(), error.field()));
        assertNull(e.request().getMobile());
    }

    @Test
    void anEmptyNumberIsMissingNotMalformed() {
        RequestRejectedException e = rejected(body("\"\"", "\"   \""));
        assertEquals(
                List.of(
                        new FieldError("Mobile", ResendRequest.Rules.REQUIRED),
                        new FieldError("AdhaarNumber", ResendRequest.Rules.REQUIRED)),
                e.errors());
    }

    @Test
    void everyBrokenRuleIsListedAtOnceByAopaysFieldName() {
        RequestRejectedException e = rejected("""
                {"Userkey":"AOP-554-TOO-LONG","Mobile":"12345","AdhaarNumber":"234123412345","PrimaryKeyId":"P",
                 "EncodeTxnId":"E","Pipe":"bank7","AccessModeType":"SITE 1","Otp":"12ab"}""");
        assertEquals(
                List.of("Userkey", "Mobile", "AdhaarNumber", "RegistrationID", "Pipe", "AccessModeType", "Otp"),
                fields(e));
        assertEquals(new FieldError("Mobile", MobileNumber.RULE), e.errors().get(1));
        assertEquals(
                new FieldError("AdhaarNumber", AadhaarNumber.RULE), e.errors().get(2));
        assertEquals(
                new FieldError("RegistrationID", ResendRequest.Rules.REQUIRED),
                e.errors().get(3));
        assertTrue(
                e.errors().get(4).message().contains("\"" + PIPE + "\""),
                e.errors().get(4).message());
        assertTrue(e.getMessage().startsWith("Request rejected: Userkey "), e.getMessage());
        assertTrue(e.getMessage().contains("; Mobile " + MobileNumber.RULE + "; "), e.getMessage());
    }

    @Test
    void theConfiguredPipeIsTheOnlyPipe() {
        assertEquals(
                "bank6",
                rules.accept(read(body("\"9876543210\"", "\"234123412346\"").replace("}", ",\"Pipe\":\"bank6\"}")))
                        .pipe());
        ResendRequests elsewhere = new ResendRequests(validator("bank9"));
        RequestRejectedException e = assertThrows(
                RequestRejectedException.class,
                () -> elsewhere.accept(
                        read(body("\"9876543210\"", "\"234123412346\"").replace("}", ",\"Pipe\":\"bank6\"}"))));
        assertEquals(List.of("Pipe"), fields(e));
        assertTrue(
                e.errors().get(0).message().contains("\"bank9\""),
                e.errors().get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123", "AOP_554", "AOP 554", ""})
    void userkeyIsOneToTwelveLettersOrDigits(String userkey) {
        String json = body("\"9876543210\"", "\"234123412346\"").replace("\"AOP554N3X\"", "\"" + userkey + "\"");
        assertEquals(List.of("Userkey"), fields(rejected(json)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "ABCDEFGHIJKL", "123456789012"})
    void userkeyOfOneToTwelveIsAccepted(String userkey) {
        String json = body("\"9876543210\"", "\"234123412346\"").replace("\"AOP554N3X\"", "\"" + userkey + "\"");
        assertEquals(userkey, rules.accept(read(json)).userkey());
    }

    @Test
    void correlationTextOfUnicodeSpacesIsMissingAndOverlongOrInvisibleTextIsBroken() {
        RequestRejectedException e = rejected("""
                {"Userkey":"U","Mobile":"9876543210","AdhaarNumber":"234123412346","PrimaryKeyId":"\\u00a0\\u3000",
                 "EncodeTxnId":"%s","RegistrationID":"AOP\\u202e554"}""".formatted("x".repeat(101)));
        assertEquals(
                List.of(
                        new FieldError("PrimaryKeyId", ResendRequest.Rules.REQUIRED),
                        new FieldError("EncodeTxnId", ResendRequest.Rules.TOO_LONG),
                        new FieldError("RegistrationID", CorrelationText.RULE)),
                e.errors());
    }

    @Test
    void correlationTextOfAHundredCharactersInAnyScriptIsAccepted() {
        String hundred = "x".repeat(100);
        AcceptedRequest accepted = rules.accept(read("""
                {"Userkey":"U","Mobile":"9876543210","AdhaarNumber":"234123412346","PrimaryKeyId":"%s",
                 "EncodeTxnId":"क्‍ष 😀","RegistrationID":"ＡＯＰ-५५४"}""".formatted(hundred)));
        assertEquals(hundred, accepted.primaryKeyId());
        assertEquals("क्‍ष 😀", accepted.encodeTxnId());
        assertEquals("ＡＯＰ-५५४", accepted.registrationId());
    }

    @Test
    void aFieldGivenTwiceInAnyCaseOrByItsAliasIsRejectedNamingIt() {
        RequestRejectedException e = rejected("""
                {"Userkey":"U","Mobile":"9876543210","mobile":"8123456789","AdhaarNumber":"234123412346",
                 "AadhaarNumber":"499182736455","PrimaryKeyId":"P","EncodeTxnId":"E","RegistrationID":"R"}""");
        assertEquals(List.of("Mobile", "AdhaarNumber"), fields(e));
        e.errors().forEach(error -> assertTrue(error.message().contains("more than once"), error.toString()));
        assertNull(e.request(), "a document that says two things is not read at all");
    }

    @Test
    void trueOrFalseIsNotTextAndTheFieldIsNamedAsAopayNamesIt() {
        RequestRejectedException e = rejected(body("\"9876543210\"", "\"234123412346\"")
                .replace("\"TEST\"", "true")
                .replace("PrimaryKeyId", "primarykeyid"));
        assertEquals(List.of("PrimaryKeyId"), fields(e));
        assertTrue(
                e.errors().get(0).message().contains("true/false"),
                e.errors().get(0).message());
    }

    @Test
    void anObjectForAFieldIsRejectedNamingTheField() {
        assertEquals(List.of("Mobile"), fields(rejected(body("{\"n\":1}", "\"234123412346\""))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"text\"", "42", "{\"Userkey\":\"U\"} {}", "{\"Userkey\":"})
    void aBodyThatIsNotOneJsonObjectIsRejectedAsBody(String json) {
        RequestRejectedException e = rejected(json);
        assertEquals(List.of("body"), fields(e));
        assertNull(e.request());
    }

    @Test
    void aJsonSyntaxErrorSaysWhatAndWhereWithoutEchoingTheNumbers() {
        RequestRejectedException e = rejected("{\"Mobile\": 9876543210x}");
        String message = e.errors().get(0).message();
        int where = message.indexOf(" (line 1, column ");
        assertTrue(where > 0, message);
        String what = message.substring(0, where).replaceFirst("^is not valid JSON: ", "");
        assertTrue(
                what.length() > 5 && !what.equals(message.substring(0, where)),
                "the parser's reason is given: " + message);
        assertFalse(message.contains("9876543210"), message);
    }

    @Test
    void aBlankValueThatAlsoBreaksTheShapeIsReportedOnlyAsMissing() {
        RequestRejectedException e =
                rejected(body("\"9876543210\"", "\"234123412346\"").replace("\"AOP554N3X\"", "\"\""));
        assertEquals(List.of(new FieldError("Userkey", ResendRequest.Rules.REQUIRED)), e.errors());
    }

    @Test
    void correlationTextOfUnicodeSpacesBreaksOneRuleNotTwo() {
        ResendRequest request =
                read(body("\"9876543210\"", "\"234123412346\"").replace("\"TEST\"", "\"\\u00a0\\u3000\""));
        List<String> messages = validator(PIPE).validateProperty(request, "primaryKeyId").stream()
                .map(jakarta.validation.ConstraintViolation::getMessage)
                .toList();
        assertEquals(List.of(ResendRequest.Rules.REQUIRED), messages);
    }

    /** A bean with one field named for JSON and one not. */
    static class Named {
        @com.fasterxml.jackson.annotation.JsonProperty("JsonName")
        @jakarta.validation.constraints.NotNull
        String javaName;

        @jakarta.validation.constraints.NotNull
        String plain;
    }

    @Test
    void fieldsAreNamedByTheirJsonNameAndOthersByTheirJavaName() {
        java.util.Set<String> paths = new java.util.TreeSet<>();
        validator(PIPE)
                .validate(new Named())
                .forEach(v -> paths.add(v.getPropertyPath().toString()));
        assertEquals(java.util.Set.of("JsonName", "plain"), paths);
    }

    @Test
    void readIfPossibleGivesTheCorrelationFieldsOfAReadableBodyOnly() {
        assertEquals(
                "AOP-554",
                ResendRequests.readIfPossible(body("\"1\"", "\"2\"")
                                .replace("TEST", "X")
                                .replace("\"RegistrationID\":\"R\"", "\"RegistrationID\":\"AOP-554\""))
                        .orElseThrow()
                        .getRegistrationId());
        assertTrue(ResendRequests.readIfPossible("not json").isEmpty());
        assertTrue(ResendRequests.readIfPossible(null).isEmpty());
    }

    @Test
    void anExchangeCarriesJsonBytesOrAnAlreadyBuiltRequest() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange json = new DefaultExchange(camel);
            json.getMessage().setBody(body("\"9876543210\"", "\"234123412346\"").getBytes(StandardCharsets.UTF_8));
            assertEquals("234123412346", rules.accept(json).aadhaar());

            ResendRequest built = read(body("\"8123456789\"", "\"499182736455\""));
            Exchange csv = new DefaultExchange(camel);
            csv.getMessage().setBody(built);
            assertEquals("8123456789", rules.accept(csv).mobile());

            Exchange broken = new DefaultExchange(camel);
            broken.getMessage().setBody(built);
            built.setMobile("12345");
            RequestRejectedException e = assertThrows(RequestRejectedException.class, () -> rules.accept(broken));
            assertSame(built, e.request());
        }
    }

    @Test
    void theRejectionKeepsItsOwnCopyOfTheErrors() {
        java.util.ArrayList<FieldError> errors = new java.util.ArrayList<>(List.of(new FieldError("Mobile", "x")));
        RequestRejectedException e = new RequestRejectedException(errors, null);
        errors.clear();
        assertEquals(List.of(new FieldError("Mobile", "x")), e.errors());
        assertEquals("Request rejected: Mobile x", e.getMessage());
    }

    // ---------------------------------------------------------------------------------

    /** A valid body but for the two identity numbers, given as JSON values. */
    static String body(String mobile, String aadhaar) {
        return """
                {"Userkey":"AOP554N3X","Mobile":%s,"AdhaarNumber":%s,"PrimaryKeyId":"TEST","EncodeTxnId":"DEMO","RegistrationID":"R"}""".formatted(mobile, aadhaar);
    }

    private ResendRequest read(String json) {
        return ResendRequests.readIfPossible(json).orElseThrow(() -> new AssertionError("unreadable: " + json));
    }

    private RequestRejectedException rejected(String json) {
        return assertThrows(RequestRejectedException.class, () -> {
            ResendRequest request = ResendRequests.readIfPossible(json).orElse(null);
            if (request == null) {
                // unreadable: let accept() say why, as the channels do
                try (DefaultCamelContext camel = new DefaultCamelContext()) {
                    Exchange exchange = new DefaultExchange(camel);
                    exchange.getMessage().setBody(json.getBytes(StandardCharsets.UTF_8));
                    rules.accept(exchange);
                }
            }
            rules.accept(request);
        });
    }

    private static List<String> fields(RequestRejectedException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    /**
     * Hibernate Validator as Quarkus sets it up for the bundle: fields named by their JSON
     * names ({@link JsonFieldNames}), and {@link ConfiguredPipe} reading {@code aopay.pipe}.
     */
    static Validator validator(String pipe) {
        HibernateValidatorConfiguration config = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator());
        new JsonFieldNames().customize(config);
        ConstraintValidatorFactory defaults = config.getDefaultConstraintValidatorFactory();
        AopaySettings settings = (AopaySettings) Proxy.newProxyInstance(
                AopaySettings.class.getClassLoader(), new Class<?>[] {AopaySettings.class}, (proxy, method, args) -> {
                    if (method.getName().equals("pipe")) {
                        return pipe;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        config.constraintValidatorFactory(new ConstraintValidatorFactory() {
            @Override
            public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                if (key == ConfiguredPipe.Validator.class) {
                    ConfiguredPipe.Validator validator = new ConfiguredPipe.Validator();
                    validator.settings = () -> settings;
                    return key.cast(validator);
                }
                return defaults.getInstance(key);
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {
                defaults.releaseInstance(instance);
            }
        });
        return config.buildValidatorFactory().getValidator();
    }
}
