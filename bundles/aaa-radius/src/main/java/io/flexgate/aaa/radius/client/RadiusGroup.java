package io.flexgate.aaa.radius.client;

import io.flexgate.aaa.radius.packet.CiscoAuthorization;
import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusFormatException;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.flexgate.api.Secret;
import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aaa group server radius NAME} as a credential store (PAP: EAP-GTC and AnyConnect-EAP passwords go
 * to the server in User-Password) and an authorizer. A server group that cannot answer says
 * {@code Unavailable}, so an IOS method list falls back to its next method ({@code local}); a reject is
 * final.
 *
 * <p>Authorization as IOS asks it: the attributes of a user's Access-Accept are kept for
 * {@link #CACHE_TIME} ({@code aaa authorization user eap cached}); a group, or a user not in the cache, is
 * asked for with an Access-Request whose User-Name is the name and whose User-Password is the group's
 * authorization password (IOS {@code aaa authorization network ... password}, default {@code cisco}).
 */
public final class RadiusGroup implements CredentialStore, Authorizer {

    /** How long the attributes of an accept answer a user authorization question. */
    public static final Duration CACHE_TIME = Duration.ofMinutes(2);
    /** Most cached accepts; the oldest goes first. */
    public static final int MAX_CACHED = 4096;
    /** NAS-Port-Type Virtual (RFC 2865 section 5.41). */
    static final int NAS_PORT_TYPE_VIRTUAL = 5;
    /** Service-Type Framed (RFC 2865 section 5.6) for users, Outbound for authorization-only questions. */
    static final int SERVICE_FRAMED = 2;
    static final int SERVICE_OUTBOUND = 5;
    /** The longest User-Name sent (RFC 2865 section 5.1 leaves it open; 253 octets fit one attribute). */
    static final int MAX_USER_NAME = RadiusAttribute.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(RadiusGroup.class);

    private final String name;
    private final RadiusClient client;
    private final Supplier<List<RadiusServer>> servers;
    private final String nasIdentifier;
    private final Secret authorizationPassword;
    private final Clock clock;
    private final Map<String, Cached> cache = new LinkedHashMap<>();

    private record Cached(AuthorizationAttributes attributes, Instant until) {
    }

    /**
     * @param servers the group's servers in order, as configured now
     */
    public RadiusGroup(String name, RadiusClient client, Supplier<List<RadiusServer>> servers, String nasIdentifier,
            Secret authorizationPassword, Clock clock) {
        this.name = name;
        this.client = client;
        this.servers = servers;
        this.nasIdentifier = nasIdentifier;
        this.authorizationPassword = authorizationPassword;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    /** The servers of the group now. */
    public List<RadiusServer> servers() {
        return servers.get();
    }

    public RadiusClient client() {
        return client;
    }

    public String nasIdentifier() {
        return nasIdentifier;
    }

    @Override
    public CompletionStage<AuthResult> verifyPassword(String username, Secret password) {
        if (!acceptableName(username) || password.length() > RadiusSecurity.MAX_PASSWORD) {
            return CompletableFuture.completedFuture(new AuthResult.Rejected(username,
                    "user name or password too long for RADIUS"));
        }
        byte[] pw = password.bytes();
        CompletionStage<Exchange> exchange = client.send(servers.get(), RadiusClient.Port.AUTHENTICATION,
                accessRequest(username, pw, SERVICE_FRAMED));
        return exchange.handle((ex, error) -> {
            Arrays.fill(pw, (byte) 0);
            if (error != null) {
                return new AuthResult.Unavailable("radius group " + name + ": " + error);
            }
            return passwordAnswer(username, ex);
        });
    }

    private AuthResult passwordAnswer(String username, Exchange exchange) {
        if (exchange instanceof Exchange.NoAnswer n) {
            return new AuthResult.Unavailable(n.reason());
        }
        Exchange.Answered a = (Exchange.Answered) exchange;
        RadiusPacket response = a.response();
        if (response.code().equals(RadiusCode.ACCESS_ACCEPT)) {
            try {
                AuthorizationAttributes attributes = CiscoAuthorization.from(response);
                remember(username, attributes);
                LOG.info("radius group {}: Access-Accept for {} from {}", name, username, a.server().name());
                return new AuthResult.Accepted(username, attributes);
            } catch (RadiusFormatException e) {
                LOG.warn("radius group {}: Access-Accept for {} with malformed authorization: {}", name, username,
                        e.getMessage());
                return new AuthResult.Rejected(username, "Access-Accept with malformed authorization: "
                        + e.getMessage());
            }
        }
        String reply = response.text(RadiusAttributeType.REPLY_MESSAGE).map(m -> " (" + m + ")").orElse("");
        LOG.info("radius group {}: {} for {} from {}{}", name, response.code(), username, a.server().name(), reply);
        return new AuthResult.Rejected(username, response.code().equals(RadiusCode.ACCESS_CHALLENGE)
                ? "Access-Challenge: the server wants a challenge/response method, PAP cannot answer it"
                : response.code() + reply);
    }

    /**
     * RADIUS never reveals stored credentials: MSCHAPv2 and EAP-MD5 go to the server by EAP pass-through.
     * A definite answer, so a method list does not silently use a local password instead.
     */
    @Override
    public CompletionStage<CredentialLookup> ntHash(String username) {
        return CompletableFuture.completedFuture(notRevealed(username));
    }

    @Override
    public CompletionStage<CredentialLookup> cleartext(String username) {
        return CompletableFuture.completedFuture(notRevealed(username));
    }

    private CredentialLookup notRevealed(String username) {
        return new CredentialLookup.NotAvailableInThisForm(username, "radius group " + name
                + " checks passwords (PAP) but never reveals them: use EAP-GTC or AnyConnect-EAP, or EAP pass-through");
    }

    @Override
    public CompletionStage<AuthorizationResult> authorize(Kind kind, String subject) {
        if (kind == Kind.USER) {
            AuthorizationAttributes cached = cached(subject);
            if (cached != null) {
                return CompletableFuture.completedFuture(new AuthorizationResult.Authorized(cached));
            }
        }
        if (!acceptableName(subject)) {
            return CompletableFuture.completedFuture(new AuthorizationResult.Denied("name too long for RADIUS"));
        }
        byte[] pw = authorizationPassword.bytes();
        return client.send(servers.get(), RadiusClient.Port.AUTHENTICATION, accessRequest(subject, pw,
                SERVICE_OUTBOUND)).handle((ex, error) -> {
                    Arrays.fill(pw, (byte) 0);
                    if (error != null) {
                        return new AuthorizationResult.Unavailable("radius group " + name + ": " + error);
                    }
                    return authorizationAnswer(kind, subject, ex);
                });
    }

    private AuthorizationResult authorizationAnswer(Kind kind, String subject, Exchange exchange) {
        if (exchange instanceof Exchange.NoAnswer n) {
            return new AuthorizationResult.Unavailable(n.reason());
        }
        RadiusPacket response = ((Exchange.Answered) exchange).response();
        if (!response.code().equals(RadiusCode.ACCESS_ACCEPT)) {
            return new AuthorizationResult.Denied("radius group " + name + ": " + response.code() + " for "
                    + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + subject);
        }
        try {
            return new AuthorizationResult.Authorized(CiscoAuthorization.from(response));
        } catch (RadiusFormatException e) {
            return new AuthorizationResult.Denied("radius group " + name + ": malformed authorization: "
                    + e.getMessage());
        }
    }

    /** An Access-Request with User-Password hidden under the key of the server it goes to. */
    private RequestBuilder accessRequest(String username, byte[] password, int serviceType) {
        return (identifier, authenticator, key) -> {
            List<RadiusAttribute> attrs = new ArrayList<>();
            attrs.add(RadiusAttribute.text(RadiusAttributeType.USER_NAME, username));
            attrs.add(new RadiusAttribute(RadiusAttributeType.USER_PASSWORD,
                    RadiusSecurity.hidePassword(password, key, authenticator)));
            attrs.add(RadiusAttribute.integer(RadiusAttributeType.SERVICE_TYPE, serviceType));
            attrs.add(RadiusAttribute.text(RadiusAttributeType.NAS_IDENTIFIER, nasIdentifier));
            attrs.add(RadiusAttribute.integer(RadiusAttributeType.NAS_PORT_TYPE, NAS_PORT_TYPE_VIRTUAL));
            return RadiusSecurity.signRequest(new RadiusPacket(RadiusCode.ACCESS_REQUEST, identifier, authenticator,
                    attrs), key);
        };
    }

    private static boolean acceptableName(String username) {
        return !username.isEmpty() && username.getBytes(StandardCharsets.UTF_8).length <= MAX_USER_NAME;
    }

    /**
     * Keeps the authorization of an accept (PAP here, EAP pass-through elsewhere) to answer the user
     * authorization question that follows ({@code aaa authorization user eap cached}).
     */
    public synchronized void remember(String username, AuthorizationAttributes attributes) {
        cache.remove(username);
        cache.put(username, new Cached(attributes, clock.instant().plus(CACHE_TIME)));
        while (cache.size() > MAX_CACHED) {
            cache.remove(cache.keySet().iterator().next());
        }
    }

    private synchronized AuthorizationAttributes cached(String username) {
        Cached c = cache.get(username);
        if (c == null || !clock.instant().isBefore(c.until)) {
            cache.remove(username);
            return null;
        }
        return c.attributes;
    }
}
