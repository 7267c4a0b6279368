package org.aepsbridge.resendotp.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.aepsbridge.resendotp.support.AopayStandIn;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.SetHeaderDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.rest.ParamDefinition;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API is declared twice: by the REST DSL in routes/rest.camel.yaml (what Camel
 * serves) and by META-INF/openapi.yaml (what /q/openapi serves to the API's users). This test
 * keeps them one: it reads the served document and the loaded REST definitions and fails on
 * any difference in paths, methods, operation ids, media types, header parameters, statuses and
 * schemas; it also checks that every status the route rest-http-answer can set is declared, and
 * that each schema lists exactly the JSON properties of its model class.
 */
@QuarkusTest
@QuarkusTestResource(AopayStandIn.class)
class RestApiDocumentTest {

    static final String MODEL_PACKAGE = "org.aepsbridge.resendotp.model.";
    static final String SCHEMAS = "#/components/schemas/";

    final ObjectMapper json = new ObjectMapper();

    @Inject
    CamelContext context;

    JsonNode document;
    Map<String, VerbDefinition> routes;

    @BeforeEach
    void readBoth() throws Exception {
        document = json.readTree(given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        routes = new TreeMap<>();
        for (RestDefinition rest : ((ModelCamelContext) context).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                routes.put(verb.asVerb() + " " + rest.getPath() + verb.getPath(), verb);
            }
        }
        assertFalse(routes.isEmpty(), "no REST definitions loaded");
    }

    @Test
    void theSamePathsAndMethods() {
        Set<String> documented = new TreeSet<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> documented.add(method + " " + path.getKey())));
        assertEquals(routes.keySet(), documented);
    }

    @Test
    void theSameOperationIds() {
        routes.forEach((key, verb) ->
                assertEquals(verb.getId(), operation(key).path("operationId").asText(), key));
    }

    @Test
    void theSameRequestBodyMediaTypesAndSchema() {
        routes.forEach((key, verb) -> {
            JsonNode content = operation(key).path("requestBody").path("content");
            assertEquals(Set.of(verb.getConsumes().split(",")), names(content), key);
            content.forEach(media -> assertEquals(
                    SCHEMAS + simpleName(verb.getType()),
                    media.path("schema").path("$ref").asText(),
                    key));
            assertTrue(operation(key).path("requestBody").path("required").asBoolean(), key + ": the body is required");
        });
    }

    @Test
    void theSameHeaderParameters() {
        routes.forEach((key, verb) -> {
            // Camel adds the body as a parameter of its own (from type): that is the requestBody above.
            Set<String> declared = verb.getParams().stream()
                    .filter(param -> param.getType() != RestParamType.body)
                    .map(ParamDefinition::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = new TreeSet<>();
            operation(key).path("parameters").forEach(parameter -> {
                assertEquals("header", parameter.path("in").asText(), key);
                documented.add(parameter.path("name").asText());
            });
            assertEquals(declared, documented, key);
            verb.getParams().stream()
                    .filter(param -> param.getType() != RestParamType.body)
                    .forEach(param -> assertEquals(RestParamType.header, param.getType(), key));
        });
    }

    @Test
    void theSameStatusesWithTheSameSchemas() {
        routes.forEach((key, verb) -> {
            JsonNode responses = operation(key).path("responses");
            Map<String, String> declared = new TreeMap<>();
            for (ResponseMessageDefinition message : verb.getResponseMsgs()) {
                declared.put(
                        message.getCode(),
                        message.getResponseModel() == null ? "" : simpleName(message.getResponseModel()));
            }
            Map<String, String> documented = new TreeMap<>();
            responses.fields().forEachRemaining(response -> {
                JsonNode content = response.getValue().path("content");
                if (!content.isMissingNode()) {
                    assertEquals(Set.of(verb.getProduces().split(",")), names(content), key + " " + response.getKey());
                }
                documented.put(
                        response.getKey(),
                        content.isMissingNode()
                                ? ""
                                : content.elements()
                                        .next()
                                        .path("schema")
                                        .path("$ref")
                                        .asText()
                                        .replace(SCHEMAS, ""));
            });
            assertEquals(declared, documented, key + ": status -> schema");
        });
    }

    @Test
    void everyStatusTheRouteSetsIsDeclaredWithTheResultSchema() {
        Set<String> set = new TreeSet<>();
        collectStatuses(
                ((ModelCamelContext) context)
                        .getRouteDefinition("rest-http-answer")
                        .getOutputs(),
                set);
        assertEquals(Set.of("200", "400", "422", "429", "502", "503", "504"), set, "the statuses of rest-http-answer");
        routes.forEach((key, verb) -> {
            Map<String, String> declared = verb.getResponseMsgs().stream()
                    .filter(m -> m.getResponseModel() != null)
                    .collect(Collectors.toMap(
                            ResponseMessageDefinition::getCode, m -> simpleName(m.getResponseModel())));
            for (String status : set) {
                assertEquals(simpleName(verb.getOutType()), declared.get(status), key + " " + status);
            }
        });
    }

    @Test
    void eachSchemaListsTheJsonPropertiesOfItsModel() throws Exception {
        Iterator<Map.Entry<String, JsonNode>> schemas =
                document.path("components").path("schemas").fields();
        List<String> seen = new ArrayList<>();
        while (schemas.hasNext()) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            Class<?> model = Class.forName(
                    MODEL_PACKAGE + schema.getKey(), false, getClass().getClassLoader());
            assertEquals(jsonProperties(model), names(schema.getValue().path("properties")), schema.getKey());
            seen.add(schema.getKey());
        }
        routes.values().forEach(verb -> {
            assertTrue(seen.contains(simpleName(verb.getType())), verb.getType());
            assertTrue(seen.contains(simpleName(verb.getOutType())), verb.getOutType());
        });
    }

    /** What Jackson reads for a request (its setters and aliases aside) or writes for a result. */
    Set<String> jsonProperties(Class<?> model) {
        BeanDescription description = model.isRecord()
                ? json.getSerializationConfig().introspect(json.constructType(model))
                : json.getDeserializationConfig().introspect(json.constructType(model));
        return description.findProperties().stream()
                .map(BeanPropertyDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static void collectStatuses(List<? extends ProcessorDefinition<?>> steps, Set<String> into) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof SetHeaderDefinition header && Exchange.HTTP_RESPONSE_CODE.equals(header.getName())) {
                into.add(header.getExpression().getExpression());
            }
            if (step instanceof ChoiceDefinition choice) {
                for (WhenDefinition when : choice.getWhenClauses()) {
                    collectStatuses(when.getOutputs(), into);
                }
                if (choice.getOtherwise() != null) {
                    collectStatuses(choice.getOtherwise().getOutputs(), into);
                }
            } else {
                collectStatuses(step.getOutputs(), into);
            }
        }
    }

    JsonNode operation(String key) {
        String[] methodAndPath = key.split(" ", 2);
        return document.path("paths").path(methodAndPath[1]).path(methodAndPath[0]);
    }

    static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String simpleName(String className) {
        return className == null ? null : className.substring(className.lastIndexOf('.') + 1);
    }
}
