package io.flexgate.aaa.local;

import io.flexgate.api.aaa.CredentialStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services (credential stores or authorizers) present now, by their {@code aaa.method} property. When
 * two services claim one method the higher {@code service.ranking} wins, then the older service (lower
 * {@code service.id}), as the OSGi service registry orders them. Thread-safe: DS binds and unbinds on its
 * own threads while sessions look methods up.
 */
final class MethodProviders<S> {

    private final Map<Long, Provider<S>> byServiceId = new ConcurrentHashMap<>();

    private record Provider<S>(String method, int ranking, long serviceId, S service) {
    }

    void add(S service, Map<String, ?> properties) {
        Object method = properties.get(CredentialStore.PROP_METHOD);
        if (method instanceof String m) {
            Object ranking = properties.get("service.ranking");
            long id = ((Number) properties.get("service.id")).longValue();
            byServiceId.put(id, new Provider<>(m, ranking instanceof Integer r ? r : 0, id, service));
        }
    }

    void remove(Map<String, ?> properties) {
        byServiceId.remove(((Number) properties.get("service.id")).longValue());
    }

    Optional<S> find(String method) {
        Provider<S> best = null;
        for (Provider<S> p : byServiceId.values()) {
            if (p.method.equals(method) && (best == null || p.ranking > best.ranking
                    || (p.ranking == best.ranking && p.serviceId < best.serviceId))) {
                best = p;
            }
        }
        return Optional.ofNullable(best).map(Provider::service);
    }
}
