package io.meridian.apiserver.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestInfoTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // path                                                  | group | version | namespace | resource | name
                // | subresource | watch
                "/api/v1/pods                                            | ''    | v1      | -     | pods        | -    | -        | false",
                "/api/v1/namespaces                                      | ''    | v1      | -     | namespaces  | -    | -        | false",
                "/api/v1/namespaces/shop                                 | ''    | v1      | -     | namespaces  | shop | -        | false",
                "/api/v1/namespaces/shop/status                          | ''    | v1      | -     | namespaces  | shop | status   | false",
                "/api/v1/namespaces/shop/finalize                        | ''    | v1      | -     | namespaces  | shop | finalize | false",
                "/api/v1/namespaces/shop/configmaps                      | ''    | v1      | shop  | configmaps  | -    | -        | false",
                "/api/v1/namespaces/shop/configmaps/cfg                  | ''    | v1      | shop  | configmaps  | cfg  | -        | false",
                "/api/v1/namespaces/shop/services/web/status             | ''    | v1      | shop  | services    | web  | status   | false",
                // a namespace may be called like a namespace subresource
                "/api/v1/namespaces/status/configmaps                    | ''    | v1      | status | configmaps | -    | -        | false",
                "/api/v1/namespaces/finalize/configmaps/x                | ''    | v1      | finalize | configmaps | x | -       | false",
                "/apis/apps/v1/deployments                               | apps  | v1      | -     | deployments | -    | -        | false",
                "/apis/apps/v1/namespaces/shop/deployments               | apps  | v1      | shop  | deployments | -    | -        | false",
                "/apis/apps/v1/namespaces/shop/deployments/web           | apps  | v1      | shop  | deployments | web  | -        | false",
                "/apis/apps/v1/namespaces/shop/deployments/web/scale     | apps  | v1      | shop  | deployments | web  | scale    | false",
                "/apis/apps/v1/namespaces/shop/deployments/web/status/   | apps  | v1      | shop  | deployments | web  | status   | false",
                "/apis/meridian.io/v1alpha1/clusters/eu-west             | meridian.io | v1alpha1 | - | clusters | eu-west | -     | false",
                "/api/v1/watch/pods                                      | ''    | v1      | -     | pods        | -    | -        | true",
                "/api/v1/watch/namespaces                                | ''    | v1      | -     | namespaces  | -    | -        | true",
                "/api/v1/watch/namespaces/shop                           | ''    | v1      | -     | namespaces  | shop | -        | true",
                "/api/v1/watch/namespaces/shop/configmaps                | ''    | v1      | shop  | configmaps  | -    | -        | true",
                "/api/v1/watch/namespaces/shop/configmaps/cfg            | ''    | v1      | shop  | configmaps  | cfg  | -        | true",
                "/apis/apps/v1/watch/namespaces/shop/deployments         | apps  | v1      | shop  | deployments | -    | -        | true",
                "//api//v1//namespaces/shop//pods                        | ''    | v1      | shop  | pods        | -    | -        | false",
            })
    void takesResourcePathsApart(
            String path,
            String group,
            String version,
            String namespace,
            String resource,
            String name,
            String subresource,
            boolean watch) {
        RequestInfo info = RequestInfo.parse(path);

        assertThat(info).isNotNull();
        assertThat(info.discovery()).isFalse();
        assertThat(info.core()).isEqualTo(group.isEmpty());
        assertThat(info.group()).isEqualTo(group);
        assertThat(info.version()).isEqualTo(version);
        assertThat(info.namespace()).isEqualTo(namespace);
        assertThat(info.resource()).isEqualTo(resource);
        assertThat(info.name()).isEqualTo(name);
        assertThat(info.subresource()).isEqualTo(subresource);
        assertThat(info.legacyWatch()).isEqualTo(watch);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "/api          | true  | -    | -",
                "/api/         | true  | -    | -",
                "/api/v1       | true  | ''   | v1",
                "/apis         | false | -    | -",
                "/apis/apps    | false | apps | -",
                "/apis/apps/v1 | false | apps | v1",
            })
    void recognisesDiscoveryDocuments(String path, boolean core, String group, String version) {
        RequestInfo info = RequestInfo.parse(path);

        assertThat(info.discovery()).isTrue();
        assertThat(info.core()).isEqualTo(core);
        assertThat(info.group()).isEqualTo(group);
        assertThat(info.version()).isEqualTo(version);
        assertThat(info.resource()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "/version", "/openapi/v3", "/apis-x/apps/v1/deployments", "/api/v1/watch"})
    void otherPathsAreNotResourceRequests(String path) {
        assertThat(RequestInfo.parse(path)).isNull();
    }
}
