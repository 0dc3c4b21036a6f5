package io.flexgate.ikev2.engine;

import io.flexgate.api.aaa.AaaMethodList;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.Authorizer;
import io.flexgate.api.aaa.Authorizer.AuthorizationResult;
import io.flexgate.api.dataplane.DataPlane;
import io.flexgate.api.dataplane.DataPlaneException;
import io.flexgate.api.ike.IkeExtension;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.api.pool.AddressPool;
import io.flexgate.api.session.SessionListener.DownReason;
import io.flexgate.ikev2.config.IpsecProfile;
import io.flexgate.ikev2.message.AuthPayload;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.ConfigAttributeType;
import io.flexgate.ikev2.message.ConfigPayload;
import io.flexgate.ikev2.message.ConfigPayload.ConfigAttribute;
import io.flexgate.ikev2.message.ConfigType;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import io.flexgate.ikev2.transport.Datagram;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of IKE_AUTH once the peer is authenticated: authorization through the profile's AAA list (group
 * policy, then the user's attributes, user wins), an address from the pool, the CP reply, traffic selectors
 * narrowed to the split-tunnel networks, the CHILD_SA from the IPsec profile's transform sets, and its
 * installation in the data plane.
 */
final class SessionSetup {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);

    private static final IpPrefix ALL_IPV4 = IpPrefix.parse("0.0.0.0/0");
    private static final byte[] HOST_MASK = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};

    private final Responder r;

    SessionSetup(Responder responder) {
        this.r = responder;
    }

    void establish(IkeSa sa, IkeMessage request, Datagram datagram, List<IkePayload> ourAuth) {
        sa.pendingRequestId = request.header().messageId();
        authorize(sa).whenComplete((attributes, error) -> r.onSa(sa, () -> {
            sa.pendingRequestId = -1;
            if (error != null) {
                refuse(sa, request, datagram, ourAuth, NotifyType.AUTHENTICATION_FAILED, "authorization failed: "
                        + error.getMessage());
            } else {
                withAttributes(sa, request, datagram, ourAuth, attributes);
            }
        }));
    }

    /** Group policy, then (with {@code aaa authorization user ... cached}) the user's attributes on top. */
    private CompletionStage<AuthorizationAttributes> authorize(IkeSa sa) {
        if (sa.profile.authorizationList().isEmpty()) {
            return CompletableFuture.completedFuture(AuthorizationAttributes.NONE);
        }
        String listName = sa.profile.authorizationList().get();
        Optional<AaaMethodList> list = r.services.aaaList(listName);
        if (list.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("aaa authorization list " + listName
                    + " is not configured"));
        }
        Authorizer authorizer = list.get().authorizer();
        CompletionStage<AuthorizationAttributes> group = sa.profile.authorizationPolicy()
                .map(policy -> authorizer.authorize(Authorizer.Kind.GROUP, policy).thenApply(res -> attributes(res,
                        "policy " + policy)))
                .orElse(CompletableFuture.completedFuture(AuthorizationAttributes.NONE));
        if (!sa.profile.userCached() || sa.username == null) {
            return group;
        }
        return group.thenCompose(g -> authorizer.authorize(Authorizer.Kind.USER, sa.username)
                .thenApply(res -> res instanceof AuthorizationResult.Authorized a ? g.overriddenBy(a.attributes())
                        : g.overriddenBy(attributes(res, "user " + sa.username))));
    }

    private static AuthorizationAttributes attributes(AuthorizationResult result, String what) {
        if (result instanceof AuthorizationResult.Authorized a) {
            return a.attributes();
        }
        if (result instanceof AuthorizationResult.Denied d) {
            throw new IllegalStateException(what + " denied: " + d.reason());
        }
        throw new IllegalStateException(what + ": " + ((AuthorizationResult.Unavailable) result).reason());
    }

    private void withAttributes(IkeSa sa, IkeMessage request, Datagram datagram, List<IkePayload> ourAuth,
            AuthorizationAttributes attributes) {
        // Address (CP request): a fixed Framed-IP-Address, or a lease from the policy's pool.
        Optional<InetAddress> address = Optional.empty();
        if (sa.configRequest != null && sa.configRequest.cfgType().equals(ConfigType.CFG_REQUEST)) {
            if (attributes.framedAddress().isPresent()) {
                address = attributes.framedAddress();
            } else if (attributes.pool().isEmpty()) {
                refuse(sa, request, datagram, ourAuth, NotifyType.INTERNAL_ADDRESS_FAILURE, "the peer asked for an "
                        + "address, and authorization names no pool");
                return;
            } else {
                String poolName = attributes.pool().get();
                Optional<AddressPool> pool = r.services.pool(poolName);
                if (pool.isEmpty()) {
                    refuse(sa, request, datagram, ourAuth, NotifyType.INTERNAL_ADDRESS_FAILURE, "ip local pool "
                            + poolName + " is not configured");
                    return;
                }
                AddressPool.LeaseResult lease = pool.get().acquire(new AddressPool.LeaseRequest(sa.sessionId,
                        sa.username, false, Optional.empty()));
                if (lease instanceof AddressPool.LeaseResult.Exhausted x) {
                    refuse(sa, request, datagram, ourAuth, NotifyType.INTERNAL_ADDRESS_FAILURE, x.reason());
                    return;
                }
                sa.lease = ((AddressPool.LeaseResult.Leased) lease).lease();
                sa.leasePool = pool.get();
                address = Optional.of(sa.lease.address());
            }
        }
        sa.assignedAddress = address;
        sa.attributes = attributes;

        List<IpPrefix> localNets = attributes.splitRoutes().isEmpty() ? List.of(ALL_IPV4) : attributes.splitRoutes();
        List<IpPrefix> remoteNets = address.map(a -> List.of(IpPrefix.host(a))).orElseGet(() -> prefixes(sa.tsi));
        List<IpPrefix> narrowedLocal = narrow(localNets, sa.tsr);
        if (narrowedLocal.isEmpty() || remoteNets.isEmpty()) {
            refuse(sa, request, datagram, ourAuth, NotifyType.TS_UNACCEPTABLE, "traffic selectors: peer asked for "
                    + prefixes(sa.tsr) + ", we serve " + localNets);
            return;
        }

        Optional<IpsecProfile> ipsec = r.services.ipsecProfile(sa.profile);
        if (ipsec.isEmpty() || sa.childProposal == null) {
            refuse(sa, request, datagram, ourAuth, NotifyType.NO_PROPOSAL_CHOSEN, ipsec.isEmpty()
                    ? "no crypto ipsec profile protects virtual-template " + sa.profile.virtualTemplate()
                    : "the peer proposed no CHILD_SA");
            return;
        }
        int ourSpi = r.childSas.newEspSpi(sa);
        Optional<ProposalSelection.EspChoice> esp = ProposalSelection.selectEsp(sa.childProposal,
                ipsec.get().transformSets(), ourSpi);
        if (esp.isEmpty()) {
            refuse(sa, request, datagram, ourAuth, NotifyType.NO_PROPOSAL_CHOSEN, "CHILD_SA: no common proposal with "
                    + "crypto ipsec profile " + ipsec.get().name() + "; peer offered "
                    + ProposalSelection.describe(sa.childProposal));
            return;
        }
        Optional<DataPlane> dataPlane = r.services.dataPlane();
        if (dataPlane.isEmpty()) {
            refuse(sa, request, datagram, ourAuth, NotifyType.NO_PROPOSAL_CHOSEN, "no data plane is installed "
                    + "(feature flexgate-esp): the CHILD_SA cannot carry traffic");
            return;
        }
        sa.virtualAccess = r.virtualAccess.take();
        try {
            r.childSas.install(sa, datagram, dataPlane.get(), ipsec.get(), esp.get(), narrowedLocal, remoteNets, null,
                    sa.nonceI, sa.nonceR, false);
        } catch (DataPlaneException | RuntimeException e) {
            refuse(sa, request, datagram, ourAuth, NotifyType.NO_PROPOSAL_CHOSEN, "data plane refused the CHILD_SA: "
                    + e.getMessage());
            return;
        }

        List<IkePayload> payloads = new ArrayList<>();
        payloads.addAll(ourAuth);
        if (sa.configRequest != null) {
            payloads.add(configReply(sa, attributes, address));
        }
        payloads.add(new SaPayload(List.of(esp.get().reply())));
        payloads.add(new TrafficSelectorPayload(true, selectors(remoteNets)));
        payloads.add(new TrafficSelectorPayload(false, selectors(narrowedLocal)));
        r.respond(sa, datagram, request.header(), payloads);
        sa.state = IkeSa.State.ESTABLISHED;
        sa.established = r.clock.instant();
        r.established(sa);
        LOG.info("{}:Session up: user '{}' from {} profile {} on {} with {} ({}, local {} remote {})", sa.logId(),
                sa.username, sa.remote.getAddress().getHostAddress(), sa.profile.name(), VirtualAccessNumbers.name(sa.virtualAccess),
                address.map(InetAddress::getHostAddress).orElse("no address"), esp.get().cipher().iosName(),
                narrowedLocal, remoteNets);
        if (sa.initialContact) {
            r.sessions.replaceOlder(sa);
        }
        sa.forgetHandshake();
        r.sessions.up(sa);
        r.scheduleDpd(sa);
        r.createChildSaExchange().ikeRekey().schedule(sa);
    }

    private ConfigPayload configReply(IkeSa sa, AuthorizationAttributes attributes, Optional<InetAddress> address) {
        List<ConfigAttribute> out = new ArrayList<>();
        List<Integer> requested = sa.configRequest.attributes().stream().map(a -> a.type().value()).toList();
        address.ifPresent(a -> {
            out.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_ADDRESS, Bytes.of(a.getAddress())));
            out.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_NETMASK,
                    Bytes.of(attributes.netmask().map(InetAddress::getAddress).orElse(HOST_MASK))));
        });
        for (InetAddress dns : attributes.dnsServers()) {
            if (dns instanceof Inet4Address) {
                out.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_DNS, Bytes.of(dns.getAddress())));
            }
        }
        for (IpPrefix route : attributes.splitRoutes()) {
            if (route.isIpv4()) {
                byte[] v = new byte[8];
                System.arraycopy(route.network().getAddress(), 0, v, 0, 4);
                System.arraycopy(route.netmask().getAddress(), 0, v, 4, 4);
                out.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_IP4_SUBNET, Bytes.of(v)));
            }
        }
        attributes.defaultDomain().ifPresent(d -> out.add(new ConfigAttribute(ConfigAttributeType.INTERNAL_DNS_DOMAIN,
                Bytes.of(d.getBytes(StandardCharsets.US_ASCII)))));
        if (requested.contains(ConfigAttributeType.UNITY_BANNER.value())) {
            attributes.banner().ifPresent(b -> out.add(new ConfigAttribute(ConfigAttributeType.UNITY_BANNER,
                    Bytes.of(b.getBytes(StandardCharsets.UTF_8)))));
        }
        for (IkeExtension extension : r.extensions()) {
            try {
                for (IkeExtension.ConfigAttribute a : extension.configReplyAttributes(r.sessions.snapshot(sa), requested)) {
                    out.add(new ConfigAttribute(ConfigAttributeType.valueOf(a.type()), Bytes.of(a.value())));
                }
            } catch (RuntimeException e) {
                LOG.warn("{}:IKE extension {} failed to add CP attributes: {}", sa.logId(), extension.name(), e.toString());
            }
        }
        return new ConfigPayload(ConfigType.CFG_REPLY, out);
    }

    /** Our networks cut down to what the peer's TSr covers (RFC 7296 section 2.9). */
    static List<IpPrefix> narrow(List<IpPrefix> ours, TrafficSelectorPayload peer) {
        if (peer == null) {
            return ours;
        }
        List<IpPrefix> out = new ArrayList<>();
        for (IpPrefix p : ours) {
            for (TrafficSelectorPayload.TrafficSelector ts : peer.selectors()) {
                if (ts.startAddress().getAddress().length != p.network().getAddress().length) {
                    continue;
                }
                if (within(p.network(), ts) && within(p.lastAddress(), ts)) {
                    out.add(p); // our network inside the peer's range
                } else {
                    // the peer's range inside our network: take the peer's exact range if it is a prefix
                    for (IpPrefix q : prefixes(new TrafficSelectorPayload(false, List.of(ts)))) {
                        if (p.contains(q.network()) && p.contains(q.lastAddress()) && !out.contains(q)) {
                            out.add(q);
                        }
                    }
                }
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(out));
    }

    private static boolean within(InetAddress a, TrafficSelectorPayload.TrafficSelector ts) {
        return java.util.Arrays.compareUnsigned(a.getAddress(), ts.startAddress().getAddress()) >= 0
                && java.util.Arrays.compareUnsigned(a.getAddress(), ts.endAddress().getAddress()) <= 0;
    }

    /** The prefixes a selector payload covers exactly (ranges that are not prefixes are split). */
    static List<IpPrefix> prefixes(TrafficSelectorPayload tsp) {
        List<IpPrefix> out = new ArrayList<>();
        if (tsp == null) {
            return out;
        }
        for (TrafficSelectorPayload.TrafficSelector ts : tsp.selectors()) {
            java.math.BigInteger start = new java.math.BigInteger(1, ts.startAddress().getAddress());
            java.math.BigInteger end = new java.math.BigInteger(1, ts.endAddress().getAddress());
            int bits = ts.startAddress().getAddress().length * 8;
            while (start.compareTo(end) <= 0 && out.size() < TrafficSelectorPayload.MAX_SELECTORS) {
                int len = bits;
                while (len > 0) {
                    java.math.BigInteger size = java.math.BigInteger.ONE.shiftLeft(bits - len + 1);
                    if (!start.mod(size).equals(java.math.BigInteger.ZERO)
                            || start.add(size).subtract(java.math.BigInteger.ONE).compareTo(end) > 0) {
                        break;
                    }
                    len--;
                }
                out.add(new IpPrefix(toAddress(start, bits / 8), len));
                start = start.add(java.math.BigInteger.ONE.shiftLeft(bits - len));
            }
        }
        return out;
    }

    private static InetAddress toAddress(java.math.BigInteger n, int bytes) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bytes];
        int copy = Math.min(raw.length, bytes);
        System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<TrafficSelectorPayload.TrafficSelector> selectors(List<IpPrefix> prefixes) {
        return prefixes.stream().map(p -> TrafficSelectorPayload.TrafficSelector.range(p.network(), p.lastAddress()))
                .toList();
    }

    /**
     * The peer is authenticated but the session cannot be set up: AUTH (so the peer knows who we are) and one
     * error notify, one log line, and the SA goes away.
     */
    private void refuse(IkeSa sa, IkeMessage request, Datagram datagram, List<IkePayload> ourAuth, NotifyType notify,
            String reason) {
        LOG.warn("{}:Session for user '{}' from {} refused: {}; sending {}", sa.logId(), sa.username,
                sa.remote.getAddress().getHostAddress(), reason, notify.name());
        List<IkePayload> payloads = new ArrayList<>(ourAuth);
        payloads.add(NotifyPayload.of(notify));
        r.respond(sa, datagram, request.header(), payloads);
        sa.state = IkeSa.State.DELETING;
        r.scheduleRemoval(sa, DownReason.ERROR);
    }
}
