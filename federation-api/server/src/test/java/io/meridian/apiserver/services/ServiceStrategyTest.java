package io.meridian.apiserver.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meridian.apiserver.crd.ServedKinds;
import io.meridian.apiserver.resource.Json;
import io.meridian.apiserver.resource.ResourceType;
import io.meridian.apiserver.status.StatusCause;
import io.meridian.apiserver.validation.ObjectMetaValidator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceStrategyTest {

    private static final ResourceType SERVICES =
            ServedKinds.natives(Clock.systemUTC()).type("", "v1", "services");

    private final ServiceStrategy strategy = new ServiceStrategy();

    @Test
    void allocatesAClusterIpFromTheServiceRangeAndFillsKubesDefaults() {
        ObjectNode svc = created("""
                {"metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80}]}}""");

        JsonNode spec = svc.path("spec");
        String ip = spec.path("clusterIP").asText();
        assertThat(inServiceRange(ip)).as("%s in 10.96.0.0/12", ip).isTrue();
        assertThat(spec.path("clusterIPs")).isEqualTo(json("[\"" + ip + "\"]"));
        assertThat(spec.path("type").asText()).isEqualTo("ClusterIP");
        assertThat(spec.path("sessionAffinity").asText()).isEqualTo("None");
        assertThat(spec.path("ipFamilies")).isEqualTo(json("[\"IPv4\"]"));
        assertThat(spec.path("ipFamilyPolicy").asText()).isEqualTo("SingleStack");
        assertThat(spec.path("internalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(spec.path("ports")).isEqualTo(json("""
                [{"port":80,"protocol":"TCP","targetPort":80}]"""));
        assertThat(spec.has("externalTrafficPolicy")).isFalse();
        assertThat(spec.path("ports").path(0).has("nodePort")).isFalse();
    }

    @Test
    void givesEveryServiceItsOwnAddress() {
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ips.add(created("""
                            {"metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}""").path("spec").path("clusterIP").asText());
        }

        assertThat(ips).hasSize(200).allMatch(ServiceStrategyTest::inServiceRange);
    }

    @Test
    void keepsAnAddressTheClientChose() {
        ObjectNode fixed = created("""
                {"metadata":{"name":"dns"},"spec":{"clusterIP":"10.96.0.10","ports":[{"port":53,"protocol":"UDP"}]}}""");
        ObjectNode headless = created("""
                {"metadata":{"name":"db"},"spec":{"clusterIP":"None","selector":{"app":"db"}}}""");

        assertThat(fixed.path("spec").path("clusterIP").asText()).isEqualTo("10.96.0.10");
        assertThat(fixed.path("spec").path("clusterIPs")).isEqualTo(json("[\"10.96.0.10\"]"));
        assertThat(fixed.path("spec").path("ports").path(0).path("protocol").asText())
                .isEqualTo("UDP");
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(strategy.validate(SERVICES, headless, null)).isEmpty();
    }

    @Test
    void allocatesNodePortsInKubesDefaultRangeForNodePortAndLoadBalancerServices() {
        ObjectNode nodePort = created("""
                {"metadata":{"name":"np"},"spec":{"type":"NodePort",
                 "ports":[{"name":"http","port":80},{"name":"https","port":443,"nodePort":31443}]}}""");
        ObjectNode lb = created("""
                {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","ports":[{"port":80}]}}""");

        JsonNode ports = nodePort.path("spec").path("ports");
        assertThat(ports.path(0).path("nodePort").asInt()).isBetween(30000, 32767);
        assertThat(ports.path(1).path("nodePort").asInt()).isEqualTo(31443);
        assertThat(nodePort.path("spec").path("externalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(lb.path("spec").path("ports").path(0).path("nodePort").asInt())
                .isBetween(30000, 32767);
        assertThat(lb.path("spec").path("allocateLoadBalancerNodePorts").asBoolean())
                .isTrue();
        assertThat(lb.path("spec").path("clusterIP").asText()).isNotEmpty();
    }

    @Test
    void anExternalNameServiceGetsNoAddress() {
        ObjectNode svc = created("""
                {"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}""");

        assertThat(svc.path("spec").has("clusterIP")).isFalse();
        assertThat(svc.path("spec").has("clusterIPs")).isFalse();
        assertThat(strategy.validate(SERVICES, svc, null)).isEmpty();
    }

    @Test
    void anUpdateThatLeavesAllocatedValuesOutKeepsThem() {
        ObjectNode old = created("""
                {"metadata":{"name":"np"},"spec":{"type":"NodePort","ports":[
                 {"port":80},{"port":53,"protocol":"UDP"},{"port":53,"protocol":"TCP"}]}}""");
        // a controller rewriting the Service from its template, which knows nothing of allocations
        ObjectNode rewritten = (ObjectNode) json("""
                {"metadata":{"name":"np"},"spec":{"type":"NodePort","ports":[
                 {"port":53,"protocol":"TCP"},{"port":80},{"port":8080}]}}""");

        strategy.prepareForUpdate(SERVICES, rewritten, old);

        JsonNode was = old.path("spec");
        JsonNode now = rewritten.path("spec");
        for (String f : new String[] {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
            assertThat(now.path(f)).as(f).isEqualTo(was.path(f));
        }
        assertThat(now.path("ports").path(0).path("nodePort"))
                .isEqualTo(was.path("ports").path(2).path("nodePort"));
        assertThat(now.path("ports").path(1).path("nodePort"))
                .isEqualTo(was.path("ports").path(0).path("nodePort"));
        assertThat(now.path("ports").path(2).path("nodePort").asInt())
                .as("a port new with the update gets a node port of its own")
                .isBetween(30000, 32767);
        assertThat(strategy.validate(SERVICES, rewritten, old)).isEmpty();
    }

    @Test
    void anEmptyClusterIpInAnUpdateMeansLeftOut() {
        ObjectNode old = created("""
                {"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""");
        ObjectNode update = (ObjectNode) json("""
                {"metadata":{"name":"web"},"spec":{"clusterIP":"","ports":[{"port":80}]}}""");

        strategy.prepareForUpdate(SERVICES, update, old);

        assertThat(update.path("spec").path("clusterIP"))
                .isEqualTo(old.path("spec").path("clusterIP"));
        assertThat(strategy.validate(SERVICES, update, old)).isEmpty();
    }

    @Test
    void aTypeChangeAllocatesWhatTheNewTypeNeeds() {
        ObjectNode clusterIp = created("""
                {"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""");
        ObjectNode external = created("""
                {"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}""");
        ObjectNode toNodePort = (ObjectNode) json("""
                {"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        ObjectNode toClusterIp = (ObjectNode) json("""
                {"metadata":{"name":"ext"},"spec":{"type":"ClusterIP","ports":[{"port":5432}]}}""");

        strategy.prepareForUpdate(SERVICES, toNodePort, clusterIp);
        strategy.prepareForUpdate(SERVICES, toClusterIp, external);

        assertThat(toNodePort.path("spec").path("clusterIP"))
                .isEqualTo(clusterIp.path("spec").path("clusterIP"));
        assertThat(toNodePort
                        .path("spec")
                        .path("ports")
                        .path(0)
                        .path("nodePort")
                        .asInt())
                .isBetween(30000, 32767);
        assertThat(toNodePort.path("spec").path("externalTrafficPolicy").asText())
                .isEqualTo("Cluster");
        assertThat(inServiceRange(toClusterIp.path("spec").path("clusterIP").asText()))
                .isTrue();
        assertThat(strategy.validate(SERVICES, toClusterIp, external)).isEmpty();
    }

    @Test
    void nodePortsAreNotCarriedIntoATypeWithoutThem() {
        ObjectNode nodePort = created("""
                {"metadata":{"name":"np"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        ObjectNode toClusterIp = (ObjectNode) json("""
                {"metadata":{"name":"np"},"spec":{"type":"ClusterIP","ports":[{"port":80}]}}""");

        strategy.prepareForUpdate(SERVICES, toClusterIp, nodePort);

        assertThat(toClusterIp.path("spec").path("ports").path(0).has("nodePort"))
                .isFalse();
        assertThat(toClusterIp.path("spec").path("clusterIP"))
                .isEqualTo(nodePort.path("spec").path("clusterIP"));
    }

    @Test
    void theClusterIpCannotChange() {
        ObjectNode old = created("""
                {"metadata":{"name":"web"},"spec":{"clusterIP":"10.96.0.20","ports":[{"port":80}]}}""");
        ObjectNode moved = old.deepCopy();
        ((ObjectNode) moved.get("spec")).put("clusterIP", "10.96.0.21");

        strategy.prepareForUpdate(SERVICES, moved, old);

        assertThat(strategy.validate(SERVICES, moved, old)).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("spec.clusterIPs[0]");
            assertThat(c.reason()).isEqualTo(StatusCause.FIELD_VALUE_INVALID);
            assertThat(c.message()).contains("10.96.0.21").contains("may not change once set");
        });
    }

    @Test
    void aServiceWithAnAddressNeedsPorts() {
        ObjectNode svc = created("""
                {"metadata":{"name":"web"},"spec":{"selector":{"app":"web"}}}""");

        assertThat(strategy.validate(SERVICES, svc, null)).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("spec.ports");
            assertThat(c.reason()).isEqualTo(StatusCause.FIELD_VALUE_REQUIRED);
        });
    }

    @Test
    void namesAreDns1035LabelsAndThereIsNoGeneration() {
        assertThat(strategy.nameRule()).isEqualTo(ObjectMetaValidator.NameRule.DNS1035_LABEL);
        assertThat(strategy.tracksGeneration(SERVICES)).isFalse();
    }

    private ObjectNode created(String json) {
        ObjectNode svc = (ObjectNode) json(json);
        strategy.prepareForCreate(SERVICES, svc);
        return svc;
    }

    private static boolean inServiceRange(String ip) {
        String[] o = ip.split("\\.");
        int a = Integer.parseInt(o[0]);
        int b = Integer.parseInt(o[1]);
        return o.length == 4
                && a == 10
                && b >= 96
                && b <= 111
                && !ip.equals("10.96.0.0")
                && !ip.equals("10.111.255.255");
    }

    private static JsonNode json(String json) {
        try {
            return Json.MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
