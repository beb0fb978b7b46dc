package io.meridian.membersync.agent;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code meridian-agent}: member-sync in pull mode. It runs inside one member cluster, dials out to
 * the federation API, and keeps that cluster in step with its Works with exactly one {@link
 * io.meridian.membersync.sync.ClusterSyncer} (settings under {@code meridian.sync.*}, see {@link
 * AgentProperties}).
 */
@SpringBootApplication
public class AgentApplication {

    /** Defaults every agent starts with; configuration may override them. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.application.name", "meridian-agent",
            // Every thread the syncer runs on is virtual (daemon): without this the JVM would exit after start-up.
            "spring.main.keep-alive", "true",
            "spring.main.banner-mode", "off",
            "spring.jmx.enabled", "true",
            "spring.threads.virtual.enabled", "true",
            "server.port", "9444",
            "management.endpoints.web.exposure.include", "health,info,prometheus",
            "management.endpoints.web.path-mapping.prometheus", "metrics",
            "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.show-details", "always");

    public static void main(String[] args) {
        application().run(args);
    }

    /** The agent application with its defaults, as {@link #main} runs it. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(AgentApplication.class);
        app.setDefaultProperties(DEFAULTS);
        return app;
    }
}
