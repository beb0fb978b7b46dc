/** GlobalDNSRecord: global names over the healthy endpoints of federated Services and Ingresses. */
package io.meridian.api.model.dns;
