package io.meridian.membersync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.meridian.membersync.sync.SyncSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AgentPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AgentProperties.class)
    static class PropertiesOnly {}

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class);

    @Test
    void theClusterNameIsRequired() {
        runner.withPropertyValues("meridian.sync.federation.url=https://federation:6443")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("meridian.sync.cluster-name is required"));
    }

    @Test
    void theClusterNameMustBeADnsLabel() {
        runner.withPropertyValues(
                        "meridian.sync.cluster-name=US_East", "meridian.sync.federation.url=https://federation:6443")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("'US_East' is not a cluster name"));
    }

    @Test
    void theFederationApiMustBeNamed() {
        runner.withPropertyValues("meridian.sync.cluster-name=us-east")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("meridian.sync.federation.url or meridian.sync.federation.kubeconfig"));
    }

    @Test
    void settingsHaveDefaultsAndReachTheSyncer() {
        runner.withPropertyValues(
                        "meridian.sync.cluster-name=us-east",
                        "meridian.sync.federation.url=https://federation:6443",
                        "meridian.sync.member.kubeconfig=/etc/member/kubeconfig",
                        "meridian.sync.guard.call-timeout=3s",
                        "meridian.sync.workers=4")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    AgentProperties p = context.getBean(AgentProperties.class);
                    assertThat(p.member().kubeconfig()).isEqualTo(Path.of("/etc/member/kubeconfig"));
                    assertThat(p.member().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(p.heartbeat().interval()).isEqualTo(Duration.ofSeconds(5));

                    SyncSettings settings = AgentConfiguration.settings(p);
                    assertThat(settings.workers()).isEqualTo(4);
                    assertThat(settings.guard().callTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(settings.guard().maxConcurrentCalls()).isEqualTo(16);
                    assertThat(settings.workResync()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(settings.heartbeat().leaseDuration()).isEqualTo(Duration.ofSeconds(40));
                });
    }
}
