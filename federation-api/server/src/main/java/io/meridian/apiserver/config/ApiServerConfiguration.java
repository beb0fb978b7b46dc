package io.meridian.apiserver.config;

import io.meridian.api.model.names.Namespaces;
import io.meridian.apiserver.apply.TypeFieldManagers;
import io.meridian.apiserver.builtin.BuiltinKinds;
import io.meridian.apiserver.crd.CrdController;
import io.meridian.apiserver.crd.CrdStrategy;
import io.meridian.apiserver.crd.CustomResourceTypes;
import io.meridian.apiserver.defaulting.ObjectDefaults;
import io.meridian.apiserver.endpoints.ApiServlet;
import io.meridian.apiserver.endpoints.RequestAuthorizer;
import io.meridian.apiserver.endpoints.WatchSettings;
import io.meridian.apiserver.federation.FederationKinds;
import io.meridian.apiserver.gc.GarbageCollector;
import io.meridian.apiserver.namespaces.NamespaceStrategy;
import io.meridian.apiserver.openapi.OpenApiDocuments;
import io.meridian.apiserver.openapi.OpenApiServlet;
import io.meridian.apiserver.registry.FieldTracker;
import io.meridian.apiserver.registry.ObjectStore;
import io.meridian.apiserver.registry.ResourceRegistry;
import io.meridian.apiserver.registry.Strategies;
import io.meridian.apiserver.schema.SchemaCatalog;
import io.meridian.apiserver.services.ServiceStrategy;
import io.meridian.apiserver.storage.EtcdStore;
import io.meridian.apiserver.storage.Store;
import io.meridian.apiserver.table.TableConverter;
import io.meridian.apiserver.validation.ObjectValidation;
import io.meridian.apiserver.validation.UnknownFields;
import io.meridian.apiserver.watch.WatchCaches;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the API server's parts; the logic lives in the feature packages. */
@Configuration(proxyBeanMethods = false)
class ApiServerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    Store store(ApiServerProperties props, MeterRegistry meters) {
        var etcd = props.etcd();
        return new EtcdStore(EtcdStore.connect(etcd.endpoints(), etcd.connectTimeout()), etcd.requestTimeout(), meters);
    }

    @Bean
    SchemaCatalog schemaCatalog() {
        return new SchemaCatalog();
    }

    @Bean
    CustomResourceTypes customResourceTypes(SchemaCatalog catalog, TableConverter tables) {
        return new CustomResourceTypes(catalog, tables);
    }

    @Bean
    ResourceRegistry resourceRegistry(ApiServerProperties props, SchemaCatalog catalog, CustomResourceTypes crdTypes) {
        ResourceRegistry registry = new ResourceRegistry();
        BuiltinKinds.load(catalog).forEach(registry::registerBuiltin);
        if (props.mode() == ApiServerProperties.Mode.FEDERATION) {
            FederationKinds.register(registry, crdTypes);
        }
        return registry;
    }

    @Bean
    ServletRegistrationBean<OpenApiServlet> openApiServlet(ResourceRegistry registry, SchemaCatalog catalog) {
        OpenApiDocuments docs = new OpenApiDocuments(
                registry, catalog, "v" + SystemServlet.KUBE_MAJOR + "." + SystemServlet.KUBE_MINOR + ".0");
        ServletRegistrationBean<OpenApiServlet> bean =
                new ServletRegistrationBean<>(new OpenApiServlet(docs), "/openapi/*");
        bean.setName("openapi");
        return bean;
    }

    @Bean
    Strategies strategies(Clock clock, ResourceRegistry registry) {
        return new Strategies()
                .register("", "Namespace", new NamespaceStrategy())
                .register("", "Service", new ServiceStrategy())
                .register("apiextensions.k8s.io", "CustomResourceDefinition", new CrdStrategy(clock, registry));
    }

    @Bean
    CrdController crdController(ResourceRegistry registry, ObjectStore objects, CustomResourceTypes crdTypes) {
        return new CrdController(registry, objects, crdTypes);
    }

    @Bean
    GarbageCollector garbageCollector(ResourceRegistry registry, ObjectStore objects) {
        return new GarbageCollector(registry, objects);
    }

    @Bean
    FieldTracker fieldTracker(ResourceRegistry registry, Clock clock) {
        return new TypeFieldManagers(registry, clock);
    }

    @Bean
    ObjectStore objectStore(
            ApiServerProperties props,
            Store store,
            ResourceRegistry registry,
            Strategies strategies,
            FieldTracker fields,
            Clock clock) {
        ObjectStore objects = new ObjectStore(
                store, props.etcd().prefix(), strategies, new ObjectValidation(registry, strategies), fields, clock);
        objects.defaults(new ObjectDefaults(registry)::apply);
        return objects;
    }

    @Bean(destroyMethod = "close")
    WatchCaches watchCaches(ApiServerProperties props, Store store, ObjectStore objects) {
        return new WatchCaches(
                store, objects, props.watch().historyEvents(), props.watch().historyRevisions());
    }

    @Bean
    TableConverter tableConverter(Clock clock) {
        return new TableConverter(clock);
    }

    @Bean
    RequestAuthorizer requestAuthorizer() {
        return RequestAuthorizer.ALLOW_ALL;
    }

    @Bean
    ServerStartup serverStartup(
            ApiServerProperties props,
            ResourceRegistry registry,
            ObjectStore objects,
            WatchCaches caches,
            CrdController crds,
            GarbageCollector gc) {
        ServerStartup startup = new ServerStartup(registry, objects, caches, crds, gc);
        if (props.mode() == ApiServerProperties.Mode.FEDERATION) {
            startup.addSystemNamespace(Namespaces.SYSTEM);
        }
        return startup;
    }

    @Bean
    ServletRegistrationBean<ApiServlet> apiServlet(
            ApiServerProperties props,
            ResourceRegistry registry,
            ObjectStore objects,
            FieldTracker fields,
            TableConverter tables,
            WatchCaches caches,
            RequestAuthorizer authorizer,
            MeterRegistry meters) {
        var w = props.watch();
        ApiServlet servlet = new ApiServlet(
                registry,
                objects,
                fields,
                (type, obj) -> UnknownFields.prune(type.schema(), obj, !registry.isNative(type)).stream()
                        .map(UnknownFields::unknownFieldMessage)
                        .toList(),
                tables,
                caches,
                new WatchSettings(w.queueCapacity(), w.bookmarkInterval(), w.minTimeout()),
                authorizer,
                meters);
        ServletRegistrationBean<ApiServlet> bean = new ServletRegistrationBean<>(servlet, "/api/*", "/apis/*");
        bean.setName("kubernetes-api");
        bean.setLoadOnStartup(1);
        return bean;
    }

    @Bean
    ServletRegistrationBean<SystemServlet> systemServlet(Store store, ServerStartup startup) {
        String version = ApiServerConfiguration.class.getPackage().getImplementationVersion();
        ServletRegistrationBean<SystemServlet> bean = new ServletRegistrationBean<>(
                new SystemServlet(store, startup::isRunning, version == null ? "dev" : version),
                "/version",
                "/healthz",
                "/livez",
                "/readyz");
        bean.setName("system");
        return bean;
    }
}
