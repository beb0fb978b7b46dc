package io.meridian.controller.overrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meridian.api.model.override.ImageComponent;
import io.meridian.api.model.override.OverriderOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "-",
            value = {
                "nginx, -, nginx, -, -",
                "nginx:1.27, -, nginx, 1.27, -",
                "library/nginx:1.27, -, library/nginx, 1.27, -",
                "docker.io/library/nginx, docker.io, library/nginx, -, -",
                "localhost/app, localhost, app, -, -",
                "localhost:5000/app:v1, localhost:5000, app, v1, -",
                "Registry/app, Registry, app, -, -",
                "team/app@sha256:ab12, -, team/app, -, sha256:ab12",
                "r.example.com:443/a/b/c:1@sha256:ff, r.example.com:443, a/b/c, 1, sha256:ff",
            })
    void splitsLikeDocker(String image, String registry, String repository, String tag, String digest)
            throws OverrideException {
        ImageReference reference = ImageReference.parse(image);
        assertThat(reference).isEqualTo(new ImageReference(registry, repository, tag, digest));
        assertThat(reference.toString()).isEqualTo(image);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "nginx:1.27, REGISTRY, ADD, .cn, docker.io.cn/nginx:1.27",
                "r.example.com:5000/app, REGISTRY, ADD, -eu, r.example.com-eu:5000/app",
                "r.example.com/app, REGISTRY, REPLACE, '', app",
                "r.example.com/app, REGISTRY, REMOVE, -, app",
                "app:1, REPOSITORY, REPLACE, team/app2, team/app2:1",
                "app:1, TAG, REMOVE, -, app",
                "app@sha256:ab, TAG, REMOVE, -, app",
                "app:1@sha256:ab, TAG, REMOVE, -, app@sha256:ab",
                "app, TAG, ADD, v2, app:v2",
                "app:1@sha256:ab, TAG, REPLACE, 2, app:2",
            })
    void changesOneComponent(
            String image, ImageComponent component, OverriderOperator operator, String value, String expected)
            throws OverrideException {
        assertThat(ImageReference.parse(image).with(component, operator, value).toString())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"''", "' '", "app:", "app@", "r.example.com/"})
    void refusesWhatIsNotAReference(String image) {
        assertThatThrownBy(() -> ImageReference.parse(image)).isInstanceOf(OverrideException.class);
    }
}
