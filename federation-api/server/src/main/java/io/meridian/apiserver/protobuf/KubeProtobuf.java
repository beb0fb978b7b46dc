package io.meridian.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.meridian.apiserver.resource.GroupVersionKind;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.status.ApiException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Request bodies in Kubernetes' protobuf encoding ({@code application/vnd.kubernetes.protobuf}),
 * which kubectl's generators ({@code kubectl create deployment|secret|service ...}) and other
 * client-go typed clients send. Such a body is the magic {@code k8s\0} followed by a
 * {@code runtime.Unknown}: the object's apiVersion and kind, and the object itself encoded as its
 * k8s.io/api message. It is turned into the JSON the same object would have been sent as, so the
 * rest of the server handles it exactly like a JSON body.
 */
public final class KubeProtobuf {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private static final Descriptor UNKNOWN =
            io.kubernetes.client.proto.Runtime.getDescriptor().findMessageTypeByName("Unknown");
    private static final FieldDescriptor TYPE_META = UNKNOWN.findFieldByName("typeMeta");
    private static final FieldDescriptor RAW = UNKNOWN.findFieldByName("raw");
    private static final FieldDescriptor CONTENT_ENCODING = UNKNOWN.findFieldByName("contentEncoding");
    private static final FieldDescriptor CONTENT_TYPE = UNKNOWN.findFieldByName("contentType");

    private KubeProtobuf() {}

    /** Whether {@code mediaType} (without parameters, lower case) is kube's protobuf encoding. */
    public static boolean isProtobuf(String mediaType) {
        return MEDIA_TYPE.equals(mediaType);
    }

    /**
     * The JSON object of a protobuf request body.
     *
     * @param target the kind the endpoint serves; its schema guides the JSON form when the body is
     *     of that kind, and it fills in an envelope without apiVersion or kind, as kube does
     * @param schema the OpenAPI schema of {@code target}
     * @throws ApiException 400 for a body that is not kube's protobuf, 415 for a kind (or an inner
     *     content type or encoding) this server cannot read as protobuf
     */
    public static ObjectNode decode(byte[] body, GroupVersionKind target, SchemaNode schema) {
        return decode(body, target, schema, true);
    }

    static boolean hasMagic(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** An object inside a RawExtension, itself in the protobuf envelope. */
    static ObjectNode decodeEmbedded(byte[] bytes) {
        return decode(bytes, null, SchemaNode.ANY, false);
    }

    private static ObjectNode decode(byte[] body, GroupVersionKind target, SchemaNode schema, boolean request) {
        if (!hasMagic(body)) {
            throw ApiException.badRequest(
                    "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }
        if (body.length == MAGIC.length) {
            throw ApiException.badRequest(request ? "the body of the request was empty" : "empty embedded object");
        }
        Message envelope = parse(UNKNOWN, ByteString.copyFrom(body, MAGIC.length, body.length - MAGIC.length));
        GroupVersionKind gvk = kindOf(envelope, target);
        String encoding = (String) envelope.getField(CONTENT_ENCODING);
        if (!encoding.isEmpty()) {
            throw unsupported("the protobuf envelope's content encoding " + quote(encoding) + " is not supported");
        }
        ByteString raw = (ByteString) envelope.getField(RAW);
        String contentType = (String) envelope.getField(CONTENT_TYPE);
        JsonNode object;
        if (contentType.isEmpty() || contentType.equals(MEDIA_TYPE)) {
            Descriptor type = KubeMessages.of(gvk)
                    .orElseThrow(() -> unsupported("no protobuf message is known for " + gvk
                            + "; send this kind as application/json or application/yaml"));
            object = ProtoJson.object(parse(type, raw), gvk.equals(target) ? schema : SchemaNode.ANY);
        } else if (contentType.equals("application/json")) {
            object = json(raw);
        } else {
            throw unsupported("the protobuf envelope's content type " + quote(contentType) + " is not supported");
        }
        if (!object.isObject()) {
            throw ApiException.badRequest("the body of the request must be a JSON object");
        }
        // apiVersion and kind first, as a JSON body carries them
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("kind", gvk.kind());
        out.put("apiVersion", gvk.apiVersion());
        out.setAll((ObjectNode) object);
        return out;
    }

    private static GroupVersionKind kindOf(Message envelope, GroupVersionKind target) {
        String apiVersion = "";
        String kind = "";
        if (envelope.hasField(TYPE_META)) {
            Message typeMeta = (Message) envelope.getField(TYPE_META);
            Descriptor d = typeMeta.getDescriptorForType();
            apiVersion = (String) typeMeta.getField(d.findFieldByName("apiVersion"));
            kind = (String) typeMeta.getField(d.findFieldByName("kind"));
        }
        if (kind.isEmpty() && target != null) {
            kind = target.kind();
        }
        if (apiVersion.isEmpty() && target != null) {
            apiVersion = target.apiVersion();
        }
        if (kind.isEmpty()) {
            throw ApiException.badRequest("Object 'Kind' is missing in the protobuf body");
        }
        if (apiVersion.isEmpty()) {
            throw ApiException.badRequest("Object 'apiVersion' is missing in the protobuf body");
        }
        return GroupVersionKind.of(apiVersion, kind);
    }

    private static Message parse(Descriptor type, ByteString bytes) {
        try {
            return DynamicMessage.parseFrom(type, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest(
                    "the protobuf body could not be decoded as " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode json(ByteString raw) {
        try {
            JsonNode node = Json.MAPPER.readTree(raw.toByteArray());
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the body of the request was empty");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("the JSON inside the protobuf envelope could not be parsed", e);
        }
    }

    private static ApiException unsupported(String why) {
        return ApiException.of(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format: " + MEDIA_TYPE + ": " + why);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
