package io.meridian.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import io.meridian.apiserver.validation.ObjectMetaValidator.NameRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectMetaValidatorTest {

    static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StatusCause cause(String reason, String field, String message) {
        return new StatusCause(reason, message, field);
    }

    static final String INVALID = StatusCause.FIELD_VALUE_INVALID;

    static Stream<Arguments> createCases() {
        return Stream.of(
                Arguments.of(
                        "a valid namespaced object",
                        "{\"name\":\"web\",\"namespace\":\"prod\"}",
                        true,
                        NameRule.DNS_SUBDOMAIN,
                        List.of()),
                Arguments.of(
                        "no name",
                        "{\"namespace\":\"prod\"}",
                        true,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(
                                StatusCause.FIELD_VALUE_REQUIRED,
                                "metadata.name",
                                "Required value: name or generateName is required"))),
                Arguments.of(
                        "a name that is no subdomain",
                        "{\"name\":\"Web_1\"}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(
                                INVALID, "metadata.name", "Invalid value: \"Web_1\": " + NamesTest.SUBDOMAIN_MSG))),
                Arguments.of(
                        "a namespace name with a dot",
                        "{\"name\":\"a.b\"}",
                        false,
                        NameRule.DNS_LABEL,
                        List.of(cause(INVALID, "metadata.name", "Invalid value: \"a.b\": must not contain dots"))),
                Arguments.of(
                        "a service name starting with a digit",
                        "{\"name\":\"1web\",\"namespace\":\"p\"}",
                        true,
                        NameRule.DNS1035_LABEL,
                        List.of(cause(INVALID, "metadata.name", "Invalid value: \"1web\": " + NamesTest.DNS1035_MSG))),
                Arguments.of(
                        "an RBAC name", "{\"name\":\"system:controller:x\"}", false, NameRule.PATH_SEGMENT, List.of()),
                Arguments.of(
                        "an RBAC name with a slash",
                        "{\"name\":\"a/b\"}",
                        false,
                        NameRule.PATH_SEGMENT,
                        List.of(cause(INVALID, "metadata.name", "Invalid value: \"a/b\": may not contain '/'"))),
                Arguments.of(
                        "a generateName ending with a dash",
                        "{\"name\":\"web-x7k2p\",\"generateName\":\"web-\"}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of()),
                Arguments.of(
                        "a generateName in upper case",
                        "{\"name\":\"webx7k2p\",\"generateName\":\"Web-\"}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(
                                INVALID,
                                "metadata.generateName",
                                "Invalid value: \"Web-\": " + NamesTest.SUBDOMAIN_MSG))),
                Arguments.of(
                        "a namespaced object without namespace",
                        "{\"name\":\"web\"}",
                        true,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(StatusCause.FIELD_VALUE_REQUIRED, "metadata.namespace", "Required value"))),
                Arguments.of(
                        "a cluster-scoped object with a namespace",
                        "{\"name\":\"web\",\"namespace\":\"p\"}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(
                                StatusCause.FIELD_VALUE_FORBIDDEN,
                                "metadata.namespace",
                                "Forbidden: not allowed on this type"))),
                Arguments.of(
                        "a negative generation",
                        "{\"name\":\"web\",\"generation\":-1}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(
                                INVALID,
                                "metadata.generation",
                                "Invalid value: -1: must be greater than or equal to 0"))),
                Arguments.of(
                        "bad labels",
                        "{\"name\":\"web\",\"labels\":{\"bad key\":\"ok\",\"app\":\"a b\"}}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(
                                cause(
                                        INVALID,
                                        "metadata.labels",
                                        "Invalid value: \"bad key\": " + NamesTest.NAME_PART_MSG),
                                cause(
                                        INVALID,
                                        "metadata.labels",
                                        "Invalid value: \"a b\": " + NamesTest.LABEL_VALUE_MSG))),
                Arguments.of(
                        "annotation keys ignore case",
                        "{\"name\":\"web\",\"annotations\":{\"Example.com/Note\":\"x\"}}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of()),
                Arguments.of(
                        "an owner reference missing fields",
                        "{\"name\":\"web\",\"ownerReferences\":[{\"apiVersion\":\"apps/\",\"kind\":\"ReplicaSet\"}]}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(
                                cause(
                                        INVALID,
                                        "metadata.ownerReferences.apiVersion",
                                        "Invalid value: \"apps/\": version must not be empty"),
                                cause(
                                        INVALID,
                                        "metadata.ownerReferences.name",
                                        "Invalid value: \"\": must not be empty"),
                                cause(
                                        INVALID,
                                        "metadata.ownerReferences.uid",
                                        "Invalid value: \"\": must not be empty"))),
                Arguments.of(
                        "two controllers",
                        "{\"name\":\"web\",\"ownerReferences\":["
                                + "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"a\",\"uid\":\"1\",\"controller\":true},"
                                + "{\"uid\":\"2\",\"name\":\"b\",\"kind\":\"Job\",\"apiVersion\":\"batch/v1\",\"controller\":true}]}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(
                                INVALID,
                                "metadata.ownerReferences",
                                "Invalid value: [{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"a\",\"uid\":\"1\","
                                        + "\"controller\":true},{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"name\":\"b\","
                                        + "\"uid\":\"2\",\"controller\":true}]: Only one reference can have Controller set to"
                                        + " true. Found \"true\" in references for ReplicaSet/a and Job/b"))),
                Arguments.of(
                        "an event as owner",
                        "{\"name\":\"web\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"name\":\"e\",\"uid\":\"1\"}]}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(cause(
                                INVALID,
                                "metadata.ownerReferences",
                                "Invalid value: {\"apiVersion\":\"v1\",\"kind\":\"Event\",\"name\":\"e\",\"uid\":\"1\"}:"
                                        + " /v1, Kind=Event is disallowed from being an owner"))),
                Arguments.of(
                        "conflicting and malformed finalizers",
                        "{\"name\":\"web\",\"finalizers\":[\"orphan\",\"foregroundDeletion\",\"bad name\"]}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(
                                cause(
                                        INVALID,
                                        "metadata.finalizers",
                                        "Invalid value: \"bad name\": " + NamesTest.NAME_PART_MSG),
                                cause(
                                        INVALID,
                                        "metadata.finalizers",
                                        "Invalid value: [\"orphan\",\"foregroundDeletion\",\"bad name\"]: finalizer orphan"
                                                + " and foregroundDeletion cannot be both set"))),
                Arguments.of(
                        "a bad managed fields entry",
                        "{\"name\":\"web\",\"managedFields\":[{\"manager\":\"kubectl\",\"operation\":\"Patch\",\"fieldsType\":\"FieldsV2\"}]}",
                        false,
                        NameRule.DNS_SUBDOMAIN,
                        List.of(
                                cause(
                                        INVALID,
                                        "metadata.managedFields[0].operation",
                                        "Invalid value: \"Patch\": must be `Apply` or `Update`"),
                                cause(
                                        INVALID,
                                        "metadata.managedFields[0].fieldsType",
                                        "Invalid value: \"FieldsV2\": must be `FieldsV1`"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void create(String name, String metadata, boolean namespaced, NameRule rule, List<StatusCause> expected) {
        assertThat(ObjectMetaValidator.validateCreate(json(metadata), namespaced, rule, false))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void annotationsAreLimitedTo256KiBInTotal() {
        ObjectNode meta = (ObjectNode) json("{\"name\":\"web\"}");
        meta.putObject("annotations").put("a", "x".repeat(256 * 1024));

        assertThat(ObjectMetaValidator.validateCreate(meta, false, NameRule.DNS_SUBDOMAIN, false))
                .containsExactly(cause(
                        StatusCause.FIELD_VALUE_TOO_LONG,
                        "metadata.annotations",
                        "Too long: may not be more than 262144 bytes"));
    }

    @Test
    void builtInKindsRefuseUnqualifiedFinalizersThatAreNotKubes() {
        JsonNode meta = json("{\"name\":\"web\",\"finalizers\":[\"kubernetes\",\"cleanup\",\"example.com/cleanup\"]}");

        assertThat(ObjectMetaValidator.validateCreate(meta, false, NameRule.DNS_SUBDOMAIN, true))
                .containsExactly(
                        cause(
                                INVALID,
                                "metadata.finalizers[1]",
                                "Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified"));
        assertThat(ObjectMetaValidator.validateCreate(meta, false, NameRule.DNS_SUBDOMAIN, false))
                .isEmpty();
    }

    @Test
    void customResourcesAreWarnedAboutNewUnqualifiedFinalizers() {
        JsonNode old = json("{\"finalizers\":[\"old\"]}");
        JsonNode now = json("{\"finalizers\":[\"old\",\"cleanup\",\"orphan\",\"example.com/ok\"]}");

        assertThat(ObjectMetaValidator.finalizerWarnings(now, old))
                .containsExactly("metadata.finalizers: \"cleanup\": prefer a domain-qualified finalizer name to avoid"
                        + " accidental conflicts with other finalizer writers");
    }

    static final String OLD = """
            {"name":"web","namespace":"prod","uid":"u-1","resourceVersion":"7","generation":3,
             "creationTimestamp":"2024-01-02T03:04:05Z"}""";

    @Test
    void anUnchangedUpdateIsValid() {
        assertThat(ObjectMetaValidator.validateUpdate(json(OLD), json(OLD), false))
                .isEmpty();
    }

    @Test
    void identityFieldsAreImmutable() {
        JsonNode now = json("""
                {"name":"web2","namespace":"dev","uid":"u-2","resourceVersion":"7","generation":3,
                 "creationTimestamp":"2025-01-01T00:00:00Z","deletionGracePeriodSeconds":30}""");

        assertThat(ObjectMetaValidator.validateUpdate(now, json(OLD), false))
                .containsExactly(
                        cause(INVALID, "metadata.name", "Invalid value: \"web2\": field is immutable"),
                        cause(INVALID, "metadata.namespace", "Invalid value: \"dev\": field is immutable"),
                        cause(INVALID, "metadata.uid", "Invalid value: \"u-2\": field is immutable"),
                        cause(
                                INVALID,
                                "metadata.creationTimestamp",
                                "Invalid value: \"2025-01-01T00:00:00Z\": field is immutable"),
                        cause(INVALID, "metadata.deletionGracePeriodSeconds", "Invalid value: 30: field is immutable"));
    }

    @Test
    void anUpdateNeedsAResourceVersionAndMayNotDecrementTheGeneration() {
        JsonNode now = json("{\"name\":\"web\",\"namespace\":\"prod\",\"uid\":\"u-1\",\"generation\":2,"
                + "\"creationTimestamp\":\"2024-01-02T03:04:05Z\"}");

        assertThat(ObjectMetaValidator.validateUpdate(now, json(OLD), false))
                .containsExactly(
                        cause(
                                INVALID,
                                "metadata.resourceVersion",
                                "Invalid value: \"\": must be specified for an update"),
                        cause(INVALID, "metadata.generation", "Invalid value: 2: must not be decremented"));
    }

    @Test
    void noFinalizerMayBeAddedWhileDeleting() {
        JsonNode old =
                json("{\"name\":\"web\",\"resourceVersion\":\"1\",\"deletionTimestamp\":\"2024-01-02T03:04:05Z\","
                        + "\"finalizers\":[\"a/x\"]}");
        JsonNode now =
                json("{\"name\":\"web\",\"resourceVersion\":\"1\",\"deletionTimestamp\":\"2024-01-02T03:04:05Z\","
                        + "\"finalizers\":[\"a/x\",\"b/z\",\"b/y\"]}");

        assertThat(ObjectMetaValidator.validateUpdate(now, old, false))
                .containsExactly(cause(
                        StatusCause.FIELD_VALUE_FORBIDDEN,
                        "metadata.finalizers",
                        "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers"
                                + " []string{\"b/y\", \"b/z\"}"));
    }

    @Test
    void prepareForUpdateKeepsWhatKubeSilentlyKeeps() {
        ObjectNode now = (ObjectNode) json("{\"name\":\"web\",\"namespace\":\"prod\",\"resourceVersion\":\"7\","
                + "\"generation\":9,\"creationTimestamp\":\"2030-01-01T00:00:00Z\"}");

        ObjectMetaValidator.prepareForUpdate(now, json(OLD));

        assertThat(now.get("uid").asText()).isEqualTo("u-1");
        assertThat(now.get("generation").asLong()).isEqualTo(3);
        assertThat(now.get("creationTimestamp").asText()).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(ObjectMetaValidator.validateUpdate(now, json(OLD), false)).isEmpty();
    }

    @Test
    void prepareForCreateGeneratesTheNameAndSystemFields() {
        ObjectNode meta =
                (ObjectNode) json("{\"generateName\":\"web-\",\"deletionTimestamp\":\"2024-01-02T03:04:05Z\"}");

        ObjectMetaValidator.prepareForCreate(meta, Instant.parse("2024-05-06T07:08:09.5Z"), "uid-1");

        assertThat(meta.get("name").asText()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(meta.get("creationTimestamp").asText()).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(meta.get("uid").asText()).isEqualTo("uid-1");
        assertThat(meta.has("deletionTimestamp")).isFalse();
        assertThat(ObjectMetaValidator.validateCreate(meta, false, NameRule.DNS_SUBDOMAIN, false))
                .isEmpty();
    }

    @Test
    void theNamespaceIsReconciledWithTheRequest() {
        ObjectNode empty = (ObjectNode) json("{\"name\":\"web\"}");
        ObjectMetaValidator.reconcileNamespace(empty, true, "prod");
        assertThat(empty.get("namespace").asText()).isEqualTo("prod");

        ObjectNode clusterScoped = (ObjectNode) json("{\"name\":\"web\",\"namespace\":\"prod\"}");
        ObjectMetaValidator.reconcileNamespace(clusterScoped, false, "");
        assertThat(clusterScoped.has("namespace")).isFalse();

        ObjectNode other = (ObjectNode) json("{\"name\":\"web\",\"namespace\":\"dev\"}");
        assertThatThrownBy(() -> ObjectMetaValidator.reconcileNamespace(other, true, "prod"))
                .isInstanceOf(ApiException.class)
                .hasMessage("the namespace of the provided object does not match the namespace sent on the request")
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    }

    @Test
    void aResourceVersionOnCreateIsDetected() {
        assertThat(ObjectMetaValidator.resourceVersionSetOnCreate(json("{\"resourceVersion\":\"12\"}")))
                .isTrue();
        assertThat(ObjectMetaValidator.resourceVersionSetOnCreate(json("{\"name\":\"a\"}")))
                .isFalse();
    }

    @Test
    void decodeErrorsNameTheGoField() {
        assertThat(ObjectMetaValidator.decodeError(json("{\"labels\":{\"a\":1}}")))
                .contains(
                        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
        assertThat(ObjectMetaValidator.decodeError(json("{\"name\":true}")))
                .contains("json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string");
        assertThat(ObjectMetaValidator.decodeError(json("{\"name\":\"ok\",\"labels\":{\"a\":\"b\"}}")))
                .isEmpty();
    }

    @Test
    void nameRulesMaskTheTrailingDashOfAPrefix() {
        assertThat(NameRule.DNS_LABEL.check("web-", true)).isEmpty();
        assertThat(NameRule.DNS_LABEL.check("web-", false)).hasSize(1);
        assertThat(NameRule.ANY.check("Anything / at all", false)).isEmpty();
    }
}
