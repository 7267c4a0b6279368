package org.aepsbridge.resendotp.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.aepsbridge.resendotp.aopay.ResendExchange;
import org.aepsbridge.resendotp.model.AcceptedRequest;
import org.aepsbridge.resendotp.model.FieldError;
import org.aepsbridge.resendotp.model.ResendRequest;
import org.aepsbridge.resendotp.privacy.Masking;
import org.apache.camel.Exchange;

/**
 * The core's first step: reads a request (a {@link ResendRequest} from the CSV channel,
 * or JSON text/bytes from REST and JMS), applies every rule at once and normalises the
 * identity numbers. A request that breaks a rule ends here as a
 * {@link RequestRejectedException} listing each broken field.
 */
@ApplicationScoped
@Named("resendRequests")
public class ResendRequests {

    /** Field order of the contract, so errors read in the same order as the documentation. */
    private static final List<String> FIELD_ORDER = List.of(
            "body",
            "Userkey",
            "Mobile",
            "AdhaarNumber",
            "PrimaryKeyId",
            "EncodeTxnId",
            "RegistrationID",
            "Pipe",
            "AccessModeType",
            "Otp");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // "PrimaryKeyId": true is a caller's mistake, not the text "true"
            .withCoercionConfig(
                    LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();
    private static final ObjectReader JSON = MAPPER.readerFor(ResendRequest.class);
    /** Every name and alias a field is read by, lower-cased (names match in any letter case), to its AOPay name. */
    private static final Map<String, String> FIELD_NAMES = fieldNames();

    private final Validator validator;

    ResendRequests(Validator validator) {
        this.validator = validator;
    }

    public AcceptedRequest accept(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        ResendRequest request = body instanceof ResendRequest given
                ? given
                : read(exchange.getMessage().getBody(byte[].class));
        // a channel that could not read the input as a request (a CSV row with values in the
        // wrong columns, or bytes not in the file's encoding) says why; that comes before any rule
        FieldError unreadable = exchange.getProperty(ResendExchange.UNREADABLE_INPUT, FieldError.class);
        if (unreadable != null) {
            throw new RequestRejectedException(List.of(unreadable), request);
        }
        return accept(request);
    }

    public AcceptedRequest accept(ResendRequest request) {
        List<FieldError> errors = brokenRules(request);
        if (!errors.isEmpty()) {
            throw new RequestRejectedException(errors, request);
        }
        return new AcceptedRequest(
                request.getUserkey(),
                MobileNumber.normalize(request.getMobile()).orElseThrow(),
                AadhaarNumber.normalize(request.getAdhaarNumber()).orElseThrow(),
                request.getPrimaryKeyId(),
                request.getEncodeTxnId(),
                request.getRegistrationId(),
                request.getPipe(),
                request.getAccessModeType(),
                request.getOtp());
    }

    /** Every broken rule, one per field (a missing value is reported alone, not also as malformed). */
    List<FieldError> brokenRules(ResendRequest request) {
        Set<ConstraintViolation<ResendRequest>> violations = validator.validate(request);
        Map<String, FieldError> byField = new TreeMap<>(Comparator.comparingInt(FIELD_ORDER::indexOf));
        for (ConstraintViolation<ResendRequest> v : violations) {
            String field = v.getPropertyPath().toString();
            FieldError error = new FieldError(field, v.getMessage());
            boolean required = ResendRequest.Rules.REQUIRED.equals(v.getMessage());
            byField.merge(field, error, (kept, next) -> required ? next : kept);
        }
        return new ArrayList<>(byField.values());
    }

    /** The request as far as it can be read, e.g. for the correlation fields of a result; empty when it cannot. */
    public static Optional<ResendRequest> readIfPossible(String json) {
        try {
            return Optional.of(read(json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
        } catch (RequestRejectedException e) {
            return Optional.empty();
        }
    }

    private static ResendRequest read(byte[] json) {
        if (json == null || json.length == 0) {
            throw bodyError("is empty: expected a JSON object with the resend request");
        }
        List<FieldError> duplicates = duplicatedFields(json);
        if (!duplicates.isEmpty()) {
            throw new RequestRejectedException(duplicates, null);
        }
        try {
            ResendRequest request = JSON.readValue(json);
            if (request == null) { // the document "null"
                throw bodyError("must be a JSON object with the resend request");
            }
            return request;
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null) {
                throw bodyError("must be a JSON object with the resend request");
            }
            String field = e.getPath().get(0).getFieldName();
            throw new RequestRejectedException(
                    List.of(new FieldError(
                            FIELD_NAMES.getOrDefault(field.toLowerCase(Locale.ROOT), field),
                            "must be text or a number, not true/false, an object or an array")),
                    null);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw bodyError("is not valid JSON: " + Masking.scrub(firstLine(e.getOriginalMessage())) + where);
        } catch (IOException e) {
            throw bodyError("could not be read");
        }
    }

    /**
     * A field given twice is refused, naming it: a document that says two things cannot be
     * sent on anyone's behalf, and which one a parser keeps is an accident. Names match as
     * the binding does (any letter case, aliases), so {@code Mobile} and {@code mobile}, or
     * {@code AdhaarNumber} and {@code AadhaarNumber}, are the same field. A document that is
     * not a well-formed object is left to the binding, which says what is wrong with it.
     */
    private static List<FieldError> duplicatedFields(byte[] json) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new LinkedHashSet<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            parser.disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                String field = FIELD_NAMES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
                if (!seen.add(field)) {
                    twice.add(field);
                }
                parser.nextToken();
                parser.skipChildren();
            }
        } catch (IOException notWellFormed) {
            return List.of();
        }
        return twice.stream()
                .map(field -> new FieldError(field, "is given more than once"))
                .toList();
    }

    private static Map<String, String> fieldNames() {
        Map<String, String> names = new HashMap<>();
        BeanDescription bean = MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(ResendRequest.class));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            names.put(property.getName().toLowerCase(Locale.ROOT), property.getName());
            for (PropertyName alias : property.findAliases()) {
                names.put(alias.getSimpleName().toLowerCase(Locale.ROOT), property.getName());
            }
        }
        return Map.copyOf(names);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static RequestRejectedException bodyError(String rule) {
        return new RequestRejectedException(List.of(new FieldError("body", rule)), null);
    }
}
