package io.meridian.membersync.agent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.meridian.membersync.connect.MemberConnections;
import io.meridian.membersync.heartbeat.ClusterHeartbeat;
import io.meridian.membersync.interpreter.InterpreterRegistry;
import io.meridian.membersync.resilience.MemberGuard;
import io.meridian.membersync.sync.ClusterSyncer;
import io.meridian.membersync.sync.SyncSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent's one syncer, its clients and its health. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

    @Bean(destroyMethod = "close")
    KubernetesClient federationClient(AgentProperties properties) {
        AgentProperties.Federation f = properties.federation();
        Config config = f.kubeconfig() != null ? Config.fromKubeconfig(read(f.kubeconfig())) : Config.empty();
        if (f.url() != null) {
            config.setMasterUrl(f.url());
        }
        if (f.tokenFile() != null) {
            config.setOauthTokenProvider(() -> read(f.tokenFile()).trim());
        }
        if (f.insecureSkipTlsVerify()) {
            config.setTrustCerts(true);
            config.setDisableHostnameVerification(true);
        }
        config.setRequestTimeout((int) f.requestTimeout().toMillis());
        config.setWatchReconnectInterval(1000);
        config.setWatchReconnectLimit(-1);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Bean
    InterpreterRegistry interpreterRegistry() {
        return InterpreterRegistry.withBuiltIns();
    }

    @Bean(destroyMethod = "close")
    ClusterSyncer clusterSyncer(
            AgentProperties properties,
            KubernetesClient federationClient,
            InterpreterRegistry interpreters,
            ObjectProvider<MeterRegistry> meters) {
        AgentProperties.Member m = properties.member();
        // Without a kubeconfig: the pod's service account (or the user's usual kubeconfig).
        Config memberConfig =
                m.kubeconfig() != null ? Config.fromKubeconfig(read(m.kubeconfig())) : Config.autoConfigure(null);
        KubernetesClient member = new KubernetesClientBuilder()
                .withConfig(MemberConnections.tune(memberConfig, m.requestTimeout()))
                .build();
        return new ClusterSyncer(
                properties.clusterName(),
                federationClient,
                member,
                interpreters,
                settings(properties),
                meters.getIfAvailable(SimpleMeterRegistry::new),
                Clock.systemUTC());
    }

    @Bean
    SmartLifecycle clusterSyncerLifecycle(ClusterSyncer syncer) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                syncer.start();
                running = true;
            }

            @Override
            public void stop() {
                syncer.close();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    HealthIndicator syncerHealthIndicator(ClusterSyncer syncer) {
        return new SyncerHealthIndicator(syncer);
    }

    static SyncSettings settings(AgentProperties p) {
        AgentProperties.Guard g = p.guard();
        AgentProperties.Heartbeat h = p.heartbeat();
        return SyncSettings.DEFAULT
                .withWorkers(p.workers())
                .withWorkResync(p.workResync())
                .withMemberRequestTimeout(p.member().requestTimeout())
                .withGuard(new MemberGuard.Settings(
                        g.callTimeout(),
                        g.maxConcurrentCalls(),
                        g.failureRateThreshold(),
                        g.slidingWindow(),
                        g.openDuration()))
                .withHeartbeat(new ClusterHeartbeat.Settings(h.interval(), h.leaseDuration(), h.statusRefresh()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
