package io.meridian.apiserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code meridian-apiserver}: the Kubernetes-style API of a federation (or of a simulated member cluster). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiServerApplication {
    public static void main(String[] args) {
        SpringApplication.run(ApiServerApplication.class, args);
    }
}
