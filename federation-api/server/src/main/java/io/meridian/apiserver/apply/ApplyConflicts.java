package io.meridian.apiserver.apply;

import io.meridian.apiserver.status.ApiException;
import io.meridian.apiserver.status.StatusCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The 409 an apply gets when it would change fields other managers own, worded as kube words it. */
final class ApplyConflicts {

    private ApplyConflicts() {}

    static ApiException toException(Map<ManagedFields.ManagerKey, FieldSet> byManager) {
        List<Map.Entry<ManagedFields.ManagerKey, FieldSet>> managers = new ArrayList<>(byManager.entrySet());
        managers.sort((a, b) ->
                Values.compareStrings(a.getKey().identifier(), b.getKey().identifier()));
        List<StatusCause> causes = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<ManagedFields.ManagerKey, FieldSet> e : managers) {
            String who = e.getKey().describe();
            lines.add("conflicts with " + who + ":");
            for (FieldPath path : e.getValue().paths()) {
                causes.add(
                        new StatusCause(StatusCause.FIELD_MANAGER_CONFLICT, "conflict with " + who, path.toString()));
                lines.add("- " + path);
            }
        }
        String message;
        if (causes.size() == 1) {
            StatusCause only = causes.get(0);
            message = "Apply failed with 1 conflict: " + only.message() + ": " + only.field();
        } else {
            message = "Apply failed with " + causes.size() + " conflicts: " + String.join("\n", lines);
        }
        return ApiException.conflict(message, causes);
    }
}
