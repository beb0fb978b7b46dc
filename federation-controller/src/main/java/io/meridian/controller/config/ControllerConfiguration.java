package io.meridian.controller.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the controller's parts; the control loops live in their feature packages. */
@Configuration(proxyBeanMethods = false)
class ControllerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    KubernetesClient federationClient(ControllerProperties props) throws IOException {
        Config config;
        if (!props.federationApi().isEmpty()) {
            config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(props.federationApi())
                    .build();
        } else if (!props.kubeconfig().isEmpty()) {
            config = Config.fromKubeconfig(Files.readString(Path.of(props.kubeconfig())));
        } else {
            config = Config.autoConfigure(null);
        }
        config.setRequestTimeout(10_000);
        config.setConnectionTimeout(5_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Bean
    ControllerRunner controllerRunner(
            KubernetesClient client, ControllerProperties props, MeterRegistry meters, Clock clock) {
        return new ControllerRunner(client, props, meters, clock);
    }
}
