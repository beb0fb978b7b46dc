package io.meridian.controller.overrides;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.api.model.override.JsonPatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The add, remove and replace operations of JSON patch (RFC 6902) over Jackson trees, with JSON
 * pointers (RFC 6901). Written here because no JSON patch library is on the controller's classpath
 * (fabric8's client API does not bring zjsonpatch) and the override API needs only three
 * operations.
 */
final class JsonPatcher {

    private JsonPatcher() {}

    /**
     * Applies {@code patch} to {@code root}, changing it in place where possible.
     *
     * @return the document after the operation: {@code root} itself, or the new value when the
     *     operation replaces the whole document
     */
    static JsonNode apply(JsonNode root, JsonPatch patch) throws OverrideException {
        if (patch.op() == null) {
            throw new OverrideException("the operation is missing");
        }
        if (patch.path() == null) {
            throw new OverrideException("the path is missing");
        }
        List<String> tokens = parse(patch.path());
        return switch (patch.op()) {
            case ADD -> add(root, tokens, value(patch));
            case REPLACE -> replace(root, tokens, value(patch));
            case REMOVE -> remove(root, tokens);
        };
    }

    /** The reference tokens of {@code pointer}, unescaped; empty for the whole document. */
    static List<String> parse(String pointer) throws OverrideException {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        if (!pointer.startsWith("/")) {
            throw new OverrideException("the path " + pointer + " is not a JSON pointer: it must start with /");
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            StringBuilder token = new StringBuilder();
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c != '~') {
                    token.append(c);
                } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
                    token.append(raw.charAt(++i) == '0' ? '~' : '/');
                } else {
                    throw new OverrideException("the path " + pointer + " has a ~ not followed by 0 or 1");
                }
            }
            tokens.add(token.toString());
        }
        return tokens;
    }

    /** The node at {@code tokens}, or null if there is none. */
    static JsonNode get(JsonNode root, List<String> tokens) {
        JsonNode node = root;
        for (String token : tokens) {
            if (node == null) {
                return null;
            }
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray()) {
                int index = index(token, node.size() - 1);
                node = index < 0 ? null : node.get(index);
            } else {
                return null;
            }
        }
        return node;
    }

    static String pointer(List<String> tokens) {
        StringBuilder pointer = new StringBuilder();
        for (String token : tokens) {
            pointer.append('/').append(token.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    private static JsonNode add(JsonNode root, List<String> tokens, JsonNode value) throws OverrideException {
        if (tokens.isEmpty()) {
            return value;
        }
        JsonNode parent = parent(root, tokens);
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            int index = "-".equals(last) ? array.size() : index(last, array.size());
            if (index < 0) {
                throw new OverrideException(
                        "the path " + pointer(tokens) + " is not an index from 0 to " + array.size() + " or -");
            }
            array.insert(index, value);
        } else {
            throw new OverrideException(
                    "the path " + pointer(tokens.subList(0, tokens.size() - 1)) + " is neither an object nor an array");
        }
        return root;
    }

    private static JsonNode replace(JsonNode root, List<String> tokens, JsonNode value) throws OverrideException {
        if (tokens.isEmpty()) {
            return value;
        }
        requireTarget(root, tokens);
        JsonNode parent = get(root, tokens.subList(0, tokens.size() - 1));
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else {
            ((ArrayNode) parent).set(index(last, parent.size() - 1), value);
        }
        return root;
    }

    private static JsonNode remove(JsonNode root, List<String> tokens) throws OverrideException {
        if (tokens.isEmpty()) {
            throw new OverrideException("the whole object cannot be removed");
        }
        requireTarget(root, tokens);
        JsonNode parent = get(root, tokens.subList(0, tokens.size() - 1));
        String last = tokens.get(tokens.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.remove(last);
        } else {
            ((ArrayNode) parent).remove(index(last, parent.size() - 1));
        }
        return root;
    }

    private static JsonNode parent(JsonNode root, List<String> tokens) throws OverrideException {
        List<String> parentTokens = tokens.subList(0, tokens.size() - 1);
        JsonNode parent = get(root, parentTokens);
        if (parent == null) {
            throw new OverrideException("the path " + pointer(parentTokens) + " does not exist");
        }
        return parent;
    }

    private static void requireTarget(JsonNode root, List<String> tokens) throws OverrideException {
        if (get(root, tokens) == null) {
            throw new OverrideException("the path " + pointer(tokens) + " does not exist");
        }
    }

    private static JsonNode value(JsonPatch patch) throws OverrideException {
        if (patch.value() == null) {
            throw new OverrideException(patch.op().name().toLowerCase(Locale.ROOT) + " needs a value");
        }
        return patch.value().deepCopy();
    }

    /** The array index {@code token} stands for, or -1 if it is not one from 0 to {@code max}. */
    private static int index(String token, int max) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        int index = Integer.parseInt(token);
        return index <= max ? index : -1;
    }
}
