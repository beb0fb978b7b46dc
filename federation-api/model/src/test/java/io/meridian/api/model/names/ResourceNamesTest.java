package io.meridian.api.model.names;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.api.model.meta.Patterns;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    @Test
    void bindingNameIsNameDashKindInLowerCase() {
        assertThat(ResourceNames.bindingName("Deployment", "web")).isEqualTo("web-deployment");
        assertThat(ResourceNames.bindingName("ClusterRole", "Admin.Read")).isEqualTo("admin.read-clusterrole");
    }

    @Test
    void workNameKeepsNamespacesApart() {
        assertThat(ResourceNames.workName("Deployment", "shop", "web")).isEqualTo("shop.web-deployment");
        assertThat(ResourceNames.workName("Deployment", "blog", "web")).isEqualTo("blog.web-deployment");
        assertThat(ResourceNames.workName("ClusterRole", null, "reader")).isEqualTo("reader-clusterrole");
        assertThat(ResourceNames.workName("ClusterRole", "", "reader")).isEqualTo("reader-clusterrole");
    }

    @Test
    void longNamesAreCutAndHashedIntoValidDistinctNames() {
        String longName = "a".repeat(240) + ".b";
        String one = ResourceNames.workName("Deployment", "shop", longName);
        String other = ResourceNames.workName("Deployment", "shop", longName + "c");

        assertThat(one).hasSizeLessThanOrEqualTo(ResourceNames.MAX_NAME_LENGTH);
        assertThat(other).hasSizeLessThanOrEqualTo(ResourceNames.MAX_NAME_LENGTH);
        assertThat(one).isNotEqualTo(other).startsWith("shop.aaaa").matches(Patterns.DNS_SUBDOMAIN);
        assertThat(ResourceNames.workName("Deployment", "shop", longName)).isEqualTo(one);
    }

    @Test
    void aCutAfterADotStillEndsAlphanumeric() {
        // The cut falls right after the dot.
        String name = "a".repeat(243) + ".b".repeat(20);
        assertThat(ResourceNames.fit(name)).matches(Patterns.DNS_SUBDOMAIN).hasSizeLessThanOrEqualTo(253);
        assertThat(ResourceNames.fit("short")).isEqualTo("short");
    }
}
