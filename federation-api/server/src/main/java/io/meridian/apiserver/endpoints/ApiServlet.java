package io.meridian.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.discovery.DiscoveryDocuments;
import io.meridian.apiserver.patch.JsonPatches;
import io.meridian.apiserver.patch.MergePatch;
import io.meridian.apiserver.patch.PatchType;
import io.meridian.apiserver.patch.StrategicMergePatch;
import io.meridian.apiserver.registry.DeleteOptions;
import io.meridian.apiserver.registry.FieldTracker;
import io.meridian.apiserver.registry.ListOptions;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.WriteOptions;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.Meta;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.schema.SchemaNode;
import io.meridian.apiserver.selection.FieldSelector;
import io.meridian.apiserver.selection.LabelSelector;
import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import io.meridian.apiserver.storage.StorageException;
import io.meridian.apiserver.table.TableConverter;
import io.meridian.apiserver.watch.WatchCaches;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes REST surface: {@code /api} and {@code /apis}, discovery and every verb on every
 * served resource. Parses the request, calls the generic {@link ObjectStore}, and answers every
 * failure with a {@code Status} — this is the one place where domain errors become HTTP.
 */
public final class ApiServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(ApiServlet.class);

    private final MeterRegistry meters;
    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final DiscoveryDocuments discovery;
    private final FieldTracker fields;
    private final FieldValidation fieldValidation;
    private final TableConverter tables;
    private final WatchStreams watches;
    private final RequestAuthorizer authorizer;

    public ApiServlet(
            ResourceRegistry registry,
            ObjectStore objects,
            FieldTracker fields,
            FieldValidation fieldValidation,
            TableConverter tables,
            WatchCaches caches,
            WatchSettings watchSettings,
            RequestAuthorizer authorizer,
            MeterRegistry meters) {
        this.meters = meters;
        this.registry = registry;
        this.objects = objects;
        this.discovery = new DiscoveryDocuments(registry);
        this.fields = fields;
        this.fieldValidation = fieldValidation;
        this.tables = tables;
        this.watches = new WatchStreams(objects, caches, tables, watchSettings);
        this.authorizer = authorizer;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long start = System.nanoTime();
        try {
            serve(req, resp);
        } finally {
            // One timer per verb and status code: what kube-apiserver's apiserver_request_duration
            // tells operators, at a fraction of the cost of the generic HTTP observation.
            boolean watch = isTrue(req.getParameter("watch"));
            Timer.builder("meridian.apiserver.requests")
                    .description("API requests by HTTP method and status code (watches last until they end)")
                    .tag("method", req.getMethod())
                    .tag("watch", Boolean.toString(watch))
                    .tag("code", Integer.toString(resp.getStatus()))
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            // Watches are served over plain chunked HTTP only. A complete (not streaming) 200 is
            // what clients such as fabric8 take as "no WebSocket here" and fall back to an HTTP
            // watch at once, as they do behind kubectl proxy; a streaming answer would leave their
            // handshake waiting until the watch times out.
            writeJson(
                    resp,
                    200,
                    ApiException.badRequest(
                                    "this server serves watches over plain HTTP, not WebSocket; retry without the Upgrade header")
                            .toStatus());
            return;
        }
        try {
            RequestInfo info = RequestInfo.parse(path);
            if (info == null) {
                throw ApiException.notFound("the server could not find the requested resource");
            }
            if (info.discovery()) {
                authorizer.authorize(req, info, "get");
                serveDiscovery(req, resp, info);
                return;
            }
            serveResource(req, resp, info);
        } catch (ApiException e) {
            writeStatus(resp, e);
        } catch (StorageException e) {
            writeStatus(resp, translate(e));
        } catch (IOException e) {
            // the client went away mid-request; nothing to answer
            log.debug("I/O error serving {} {}: {}", req.getMethod(), path, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Internal error serving {} {}", req.getMethod(), path, e);
            writeStatus(resp, ApiException.internal("Internal error occurred: " + e, e));
        }
    }

    static ApiException translate(StorageException e) {
        if (e instanceof StorageException.Timeout) {
            return ApiException.timeout("etcd request timed out: " + e.getMessage(), e);
        }
        if (e instanceof StorageException.Compacted c) {
            return ApiException.gone(c.getMessage());
        }
        if (e instanceof StorageException.Unavailable) {
            return ApiException.unavailable("etcd is unavailable: " + e.getMessage(), e);
        }
        return ApiException.internal(e.getMessage(), e);
    }

    // ------------------------------------------------------------------ discovery

    private void serveDiscovery(HttpServletRequest req, HttpServletResponse resp, RequestInfo info) throws IOException {
        if (!req.getMethod().equals("GET")) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        ObjectNode doc;
        if (info.version() != null) {
            doc = discovery
                    .resources(info.group(), info.version())
                    .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        } else if (info.group() != null) {
            doc = discovery
                    .group(info.group())
                    .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        } else if (info.core()) {
            doc = discovery.coreVersions(req.getServerName() + ":" + req.getServerPort());
        } else {
            doc = discovery.groupList();
        }
        writeJson(resp, 200, doc);
    }

    // ------------------------------------------------------------------ resources

    private void serveResource(HttpServletRequest req, HttpServletResponse resp, RequestInfo info) throws IOException {
        ResourceType type = registry.find(info.group(), info.version(), info.resource())
                .orElseThrow(() -> ApiException.notFound("the server could not find the requested resource"));
        String namespace = info.namespace();
        if (!type.namespaced() && namespace != null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        String method = req.getMethod();
        String name = info.name();
        String sub = info.subresource();
        if (sub != null && !isSupportedSubresource(type, sub)) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        boolean watch = info.legacyWatch() || isTrue(req.getParameter("watch"));
        String verb = switch (method) {
            case "GET" -> name == null ? (watch ? "watch" : "list") : (watch ? "watch" : "get");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default ->
                throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        };
        authorizer.authorize(req, info, verb);
        if (type.namespaced() && namespace == null && name != null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        if (type.namespaced() && namespace == null && !verb.equals("list") && !verb.equals("watch")) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        switch (verb) {
            case "get" -> get(req, resp, type, namespace, name, sub);
            case "list" -> list(req, resp, type, namespace);
            case "watch" -> watches.serve(req, resp, type, namespace, listOptions(req, type, name), wantsTable(req));
            case "create" -> {
                if (name != null) {
                    throw ApiException.methodNotAllowed(
                            "the server does not allow this method on the requested resource");
                }
                create(req, resp, type, namespace);
            }
            case "update" -> {
                requireName(name);
                update(req, resp, type, namespace, name, sub);
            }
            case "patch" -> {
                requireName(name);
                patch(req, resp, type, namespace, name, sub);
            }
            case "delete" -> {
                if (sub != null) {
                    throw ApiException.methodNotAllowed(
                            "the server does not allow this method on the requested resource");
                }
                delete(req, resp, type, namespace, name);
            }
            case "deletecollection" -> deleteCollection(req, resp, type, namespace);
            default -> throw ApiException.methodNotAllowed("unsupported verb " + verb);
        }
    }

    private static boolean isSupportedSubresource(ResourceType type, String sub) {
        return switch (sub) {
            case "status" -> type.statusSubresource();
            case "scale" -> type.scale() != null;
            case "finalize" -> type.group().isEmpty() && type.kind().equals("Namespace");
            default -> false;
        };
    }

    private static void requireName(String name) {
        if (name == null) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private void get(
            HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns, String name, String sub)
            throws IOException {
        ObjectNode obj = objects.get(type, ns, name);
        if ("scale".equals(sub)) {
            writeJson(resp, 200, Scales.toScale(type, obj));
            return;
        }
        if (wantsTable(req)) {
            writeJson(resp, 200, tables.table(type, List.of(obj), req.getParameter("includeObject"), null));
            return;
        }
        writeJson(resp, 200, obj);
    }

    private void list(HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns)
            throws IOException {
        ListOptions options = listOptions(req, type, null);
        ObjectNode list = objects.list(type, ns, options);
        if (wantsTable(req)) {
            List<ObjectNode> items = new ArrayList<>();
            list.withArray("items").forEach(n -> items.add((ObjectNode) n));
            writeJson(resp, 200, tables.table(type, items, req.getParameter("includeObject"), (ObjectNode)
                    list.get("metadata")));
            return;
        }
        writeJson(resp, 200, list);
    }

    private void create(HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns)
            throws IOException {
        WriteContext ctx = writeContext(req, resp);
        ObjectNode obj = readObject(req, type, ctx);
        ObjectNode created = objects.create(type, ns, obj, ctx.options());
        writeJson(resp, 201, created);
    }

    private void update(
            HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns, String name, String sub)
            throws IOException {
        WriteContext ctx = writeContext(req, resp);
        if ("scale".equals(sub)) {
            ObjectNode scale = readPlainObject(req, Scales.SCALE_TYPE);
            String pinned = emptyToNull(Meta.resourceVersion(scale));
            ObjectNode result = objects.update(
                    type,
                    ns,
                    name,
                    null,
                    ctx.options(),
                    ObjectStore.Mutation.of(current -> Scales.applyScale(type, current, scale), pinned));
            writeJson(resp, 200, Scales.toScale(type, result));
            return;
        }
        if ("finalize".equals(sub)) {
            ObjectNode body = readPlainObject(req, type);
            ObjectNode result = objects.update(
                    type,
                    ns,
                    name,
                    sub,
                    ctx.options(),
                    ObjectStore.Mutation.of(
                            current -> {
                                ObjectNode spec = current.with("spec");
                                JsonNode f = body.path("spec").path("finalizers");
                                if (f.isArray()) {
                                    spec.set("finalizers", f);
                                } else {
                                    spec.remove("finalizers");
                                }
                                return current;
                            },
                            emptyToNull(Meta.resourceVersion(body))));
            writeJson(resp, 200, result);
            return;
        }
        ObjectNode obj = readObject(req, type, ctx);
        String pinned = emptyToNull(Meta.resourceVersion(obj));
        ObjectNode result = objects.update(
                type,
                ns,
                name,
                sub,
                ctx.options(),
                ObjectStore.Mutation.of(
                        current -> {
                            ObjectNode next = obj.deepCopy();
                            if (!Meta.metadata(next).has("managedFields")
                                    && current.path("metadata").has("managedFields")) {
                                // an update that leaves managedFields out keeps the recorded ownership
                                Meta.metadata(next)
                                        .set(
                                                "managedFields",
                                                current.path("metadata").get("managedFields"));
                            }
                            return next;
                        },
                        pinned));
        writeJson(resp, 200, result);
    }

    private void patch(
            HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns, String name, String sub)
            throws IOException {
        WriteContext ctx = writeContext(req, resp);
        PatchType patchType = PatchType.fromContentType(
                req.getContentType(), registry.isNative(type) ? PatchType.NATIVE : PatchType.CUSTOM_RESOURCE);
        byte[] body = RequestBodies.read(req);
        if (patchType == PatchType.APPLY) {
            apply(req, resp, type, ns, name, sub, ctx, body);
            return;
        }
        if ("scale".equals(sub)) {
            ObjectNode result = objects.update(
                    type,
                    ns,
                    name,
                    null,
                    ctx.options(),
                    ObjectStore.Mutation.of(
                            current -> {
                                ObjectNode scale = Scales.toScale(type, current);
                                ObjectNode patched = applyPatch(patchType, Scales.SCALE_TYPE.schema(), scale, body);
                                checkPatchedVersion(type, name, scale, patched);
                                return Scales.applyScale(type, current, patched);
                            },
                            null));
            writeJson(resp, 200, Scales.toScale(type, result));
            return;
        }
        ObjectNode result = objects.update(
                type,
                ns,
                name,
                sub,
                ctx.options(),
                ObjectStore.Mutation.of(
                        current -> {
                            ObjectNode patched = applyPatch(patchType, type.schema(), current, body);
                            checkPatchedVersion(type, name, current, patched);
                            ctx.warn(fieldValidation.pruneUnknown(type, patched));
                            return patched;
                        },
                        null));
        writeJson(resp, 200, result);
    }

    private static ObjectNode applyPatch(PatchType patchType, SchemaNode schema, ObjectNode current, byte[] body) {
        JsonNode patched = switch (patchType) {
            case JSON -> JsonPatches.apply(current, body);
            case MERGE -> MergePatch.apply(current, body);
            case STRATEGIC_MERGE -> StrategicMergePatch.apply(current, body, schema);
            case APPLY -> throw new IllegalArgumentException("apply is not a patch");
        };
        if (!(patched instanceof ObjectNode obj)) {
            throw ApiException.badRequest("the patched document is not a JSON object");
        }
        return obj;
    }

    /** A patch that sets metadata.resourceVersion makes it a precondition, as kube does. */
    private static void checkPatchedVersion(ResourceType type, String name, ObjectNode current, ObjectNode patched) {
        String before = Meta.resourceVersion(current);
        String after = Meta.resourceVersion(patched);
        if (after != null && !after.isEmpty() && !after.equals(before)) {
            throw ApiException.conflict(
                    type.group(),
                    type.plural(),
                    name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    private void apply(
            HttpServletRequest req,
            HttpServletResponse resp,
            ResourceType type,
            String ns,
            String name,
            String sub,
            WriteContext ctx,
            byte[] body)
            throws IOException {
        String manager = req.getParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            throw ApiException.invalid(
                    "meta.k8s.io",
                    "PatchOptions",
                    "",
                    List.of(new StatusCause(
                            StatusCause.FIELD_VALUE_REQUIRED,
                            "Required value: is required for apply patch",
                            "fieldManager")));
        }
        JsonNode parsed =
                RequestBodies.parse(body, "application/apply-patch+yaml").node();
        if (!parsed.isObject()) {
            throw ApiException.badRequest(
                    "couldn't get version/kind; json parse error: the apply configuration must be an object");
        }
        ObjectNode applied = (ObjectNode) parsed;
        if (applied.path("metadata").has("managedFields")) {
            throw ApiException.badRequest("metadata.managedFields must be nil");
        }
        if (!applied.has("apiVersion") || !applied.has("kind")) {
            throw ApiException.badRequest(
                    "couldn't get version/kind; json parse error: Object 'Kind' is missing in the apply configuration");
        }
        String bodyName = Meta.name(applied);
        if (bodyName != null && !bodyName.equals(name)) {
            throw ApiException.badRequest(
                    "the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }
        ctx.strict(fieldValidation.pruneUnknown(type, applied));
        boolean force = isTrue(req.getParameter("force"));
        boolean[] created = {false};
        ObjectNode result = objects.update(type, ns, name, sub, ctx.options(), new ObjectStore.Mutation() {
            @Override
            public ObjectNode apply(ObjectNode current) {
                created[0] = current == null;
                return fields.apply(type, current, applied, manager, force, sub);
            }

            @Override
            public boolean createIfMissing() {
                return sub == null;
            }

            @Override
            public boolean tracksFieldsItself() {
                return true;
            }
        });
        writeJson(resp, created[0] ? 201 : 200, result);
    }

    private void delete(HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns, String name)
            throws IOException {
        DeleteOptions options = deleteOptions(req);
        ObjectStore.Deletion d = objects.delete(type, ns, name, options);
        writeJson(resp, d.deleted() ? 200 : 202, d.object());
    }

    private void deleteCollection(HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns)
            throws IOException {
        DeleteOptions options = deleteOptions(req);
        ObjectNode list = objects.list(type, ns, listOptions(req, type, null));
        ArrayNode items = list.withArray("items");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode item : items) {
            try {
                ObjectStore.Deletion d =
                        objects.delete(type, Meta.namespace((ObjectNode) item), Meta.name((ObjectNode) item), options);
                out.add(d.object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        list.set("items", out);
        writeJson(resp, 200, list);
    }

    // ------------------------------------------------------------------ request parts

    /** Options shared by writes, and the warnings they collect for the response. */
    private static final class WriteContext {
        private final WriteOptions options;
        private final String fieldValidation;
        private final HttpServletResponse resp;

        WriteContext(WriteOptions options, String fieldValidation, HttpServletResponse resp) {
            this.options = options;
            this.fieldValidation = fieldValidation;
            this.resp = resp;
        }

        WriteOptions options() {
            return options;
        }

        /** Unknown or duplicate fields: an error under Strict, a warning under Warn. */
        void strict(List<String> problems) {
            if (problems.isEmpty()) {
                return;
            }
            if (fieldValidation.equals("Strict")) {
                throw ApiException.badRequest("strict decoding error: " + String.join(", ", problems));
            }
            warn(problems);
        }

        void warn(List<String> problems) {
            if (fieldValidation.equals("Ignore")) {
                return;
            }
            if (fieldValidation.equals("Strict") && !problems.isEmpty()) {
                throw ApiException.badRequest("strict decoding error: " + String.join(", ", problems));
            }
            for (String p : problems) {
                resp.addHeader("Warning", "299 - \"" + p.replace("\"", "\\\"") + "\"");
            }
        }
    }

    private WriteContext writeContext(HttpServletRequest req, HttpServletResponse resp) {
        String dryRun = req.getParameter("dryRun");
        if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
            throw ApiException.badRequest("Invalid dry run value: \"" + dryRun + "\": supported values: \"All\"");
        }
        String validation = Optional.ofNullable(req.getParameter("fieldValidation"))
                .filter(s -> !s.isEmpty())
                .orElse("Warn");
        if (!validation.equals("Strict") && !validation.equals("Warn") && !validation.equals("Ignore")) {
            throw ApiException.badRequest("fieldValidation: Unsupported value: \"" + validation
                    + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        String manager = req.getParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            manager = defaultManager(req.getHeader("User-Agent"));
        } else if (manager.length() > 128) {
            throw ApiException.invalid(
                    "meta.k8s.io",
                    "PatchOptions",
                    "",
                    List.of(StatusCause.invalid("fieldManager", manager, "must be at most 128 characters")));
        }
        return new WriteContext(new WriteOptions("All".equals(dryRun), manager), validation, resp);
    }

    /** kube derives a manager name from the user agent: everything before the first slash. */
    static String defaultManager(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return "unknown";
        }
        int slash = userAgent.indexOf('/');
        String m = slash < 0 ? userAgent : userAgent.substring(0, slash);
        return m.length() > 128 ? m.substring(0, 128) : m;
    }

    private ObjectNode readObject(HttpServletRequest req, ResourceType type, WriteContext ctx) throws IOException {
        RequestBodies.Parsed parsed = RequestBodies.parseObject(
                RequestBodies.read(req), RequestBodies.mediaType(req), type, registry.isNative(type));
        if (!parsed.node().isObject()) {
            throw ApiException.badRequest("the body of the request must be a JSON object");
        }
        ObjectNode obj = (ObjectNode) parsed.node();
        List<String> problems = new ArrayList<>();
        parsed.duplicates().forEach(d -> problems.add("json: duplicate field \"" + d + "\""));
        problems.addAll(fieldValidation.pruneUnknown(type, obj));
        ctx.strict(problems);
        return obj;
    }

    /** A body of a built-in kind ({@code Scale}, a {@code Namespace} to finalize) without field checks. */
    private static ObjectNode readPlainObject(HttpServletRequest req, ResourceType type) throws IOException {
        JsonNode node = RequestBodies.parseObject(RequestBodies.read(req), RequestBodies.mediaType(req), type, true)
                .node();
        if (!node.isObject()) {
            throw ApiException.badRequest("the body of the request must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private ListOptions listOptions(HttpServletRequest req, ResourceType type, String name) {
        LabelSelector labels = LabelSelector.parse(req.getParameter("labelSelector"));
        String fieldSel = req.getParameter("fieldSelector");
        if (name != null) {
            // GET .../name?watch=true watches that one object
            fieldSel = fieldSel == null || fieldSel.isEmpty()
                    ? "metadata.name=" + name
                    : fieldSel + ",metadata.name=" + name;
        }
        FieldSelector fieldsSel =
                FieldSelector.parse(fieldSel, objects.strategies().forType(type).selectableFields(), type.kind());
        long limit = 0;
        String limitParam = req.getParameter("limit");
        if (limitParam != null && !limitParam.isEmpty()) {
            try {
                limit = Long.parseLong(limitParam);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("limit: Invalid value: \"" + limitParam + "\": must be an integer");
            }
        }
        String rv = req.getParameter("resourceVersion");
        String match = req.getParameter("resourceVersionMatch");
        if (match != null && !match.isEmpty() && !match.equals("Exact") && !match.equals("NotOlderThan")) {
            throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
                    + "\": supported values: \"Exact\", \"NotOlderThan\"");
        }
        return new ListOptions(labels, fieldsSel, rv, match, limit, req.getParameter("continue"));
    }

    private static DeleteOptions deleteOptions(HttpServletRequest req) throws IOException {
        String policy = req.getParameter("propagationPolicy");
        String uid = null;
        String rv = null;
        boolean dryRun = "All".equals(req.getParameter("dryRun"));
        String orphan = req.getParameter("orphanDependents");
        byte[] body = RequestBodies.read(req);
        if (body.length > 0) {
            JsonNode opts =
                    RequestBodies.parse(body, RequestBodies.mediaType(req)).node();
            if (opts.hasNonNull("propagationPolicy")) {
                policy = opts.get("propagationPolicy").asText();
            }
            if (opts.hasNonNull("orphanDependents") && policy == null) {
                orphan = opts.get("orphanDependents").asText();
            }
            uid = opts.path("preconditions").path("uid").asText(null);
            rv = opts.path("preconditions").path("resourceVersion").asText(null);
            if (opts.path("dryRun").isArray()) {
                for (JsonNode d : opts.path("dryRun")) {
                    dryRun |= d.asText().equals("All");
                }
            }
        }
        if (policy == null && orphan != null) {
            policy = isTrue(orphan) ? "Orphan" : "Background";
        }
        return new DeleteOptions(policy, uid, rv, dryRun);
    }

    static boolean wantsTable(HttpServletRequest req) {
        String accept = req.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String p = part.replace(" ", "").toLowerCase(Locale.ROOT);
            if (p.startsWith("application/json") && p.contains("as=table") && p.contains("g=meta.k8s.io")) {
                return true;
            }
            if (p.startsWith("application/json") && !p.contains("as=")) {
                return false;
            }
        }
        return false;
    }

    static boolean isTrue(String v) {
        return v != null && (v.equals("true") || v.equals("1"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ------------------------------------------------------------------ responses

    static void writeJson(HttpServletResponse resp, int code, JsonNode body) throws IOException {
        resp.setStatus(code);
        resp.setContentType("application/json");
        byte[] bytes = Json.bytes(body);
        resp.setContentLength(bytes.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(bytes);
        }
    }

    static void writeStatus(HttpServletResponse resp, ApiException e) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.reset();
        if (e.retryAfterSeconds() != null) {
            resp.setHeader("Retry-After", e.retryAfterSeconds().toString());
        }
        writeJson(resp, e.code(), e.toStatus());
    }
}
