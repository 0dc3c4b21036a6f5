package io.flexgate.ikev2.initiator;

import io.flexgate.api.Secret;
import io.flexgate.api.net.IpPrefix;
import io.flexgate.ikev2.crypto.ChildSaKeyLengths;
import io.flexgate.ikev2.crypto.ChildSaKeys;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.UnsupportedTransformException;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.CertEncoding;
import io.flexgate.ikev2.message.CertPayload;
import io.flexgate.ikev2.message.ConfigAttributeType;
import io.flexgate.ikev2.message.ConfigPayload;
import io.flexgate.ikev2.message.ConfigPayload.ConfigAttribute;
import io.flexgate.ikev2.message.ConfigType;
import io.flexgate.ikev2.message.IdType;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.NotifyPayload;
import io.flexgate.ikev2.message.NotifyType;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.TrafficSelectorPayload;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The payloads an initiator builds and reads besides the exchange logic. */
final class InitiatorMessages {

    private static final int IPV4_OCTETS = 4;

    private InitiatorMessages() {
    }

    /** CERTREQ data: SHA-1 of the CA's SubjectPublicKeyInfo (RFC 7296 section 3.7). */
    static byte[] caHash(X509Certificate ca) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(ca.getPublicKey().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** CFG_REQUEST for an IPv4 address, netmask, DNS, split networks and the DNS domain (RFC 7296 section 3.15). */
    static ConfigPayload configRequest() {
        return new ConfigPayload(ConfigType.CFG_REQUEST, List.of(
                ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_ADDRESS),
                ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_NETMASK),
                ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_DNS),
                ConfigAttribute.request(ConfigAttributeType.INTERNAL_IP4_SUBNET),
                ConfigAttribute.request(ConfigAttributeType.INTERNAL_DNS_DOMAIN),
                ConfigAttribute.request(ConfigAttributeType.UNITY_BANNER)));
    }

    /** TSi or TSr for all of IPv4; the headend narrows them (RFC 7296 section 2.9). */
    static TrafficSelectorPayload allIpv4(boolean initiator) {
        try {
            return new TrafficSelectorPayload(initiator, List.of(TrafficSelectorPayload.TrafficSelector.range(
                    InetAddress.getByAddress(new byte[IPV4_OCTETS]),
                    InetAddress.getByAddress(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255}))));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The X.509 certificates of CERT payloads, in message order (end entity first, RFC 7296 section 3.6). */
    static List<X509Certificate> certificates(IkeMessage message) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (CertPayload c : message.payloads(CertPayload.class)) {
                if (c.encoding().equals(CertEncoding.X509_SIGNATURE)) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(c.data().toByteArray())));
                }
            }
        } catch (CertificateException e) {
            return List.of(); // an unreadable certificate is no certificate: validation fails with a message
        }
        return out;
    }

    /** The final IKE_AUTH response as tunnel parameters: CP reply, CHILD_SA choice and keys, selectors. */
    static Optional<TunnelParameters> tunnel(IkeMessage response, List<SaPayload.Proposal> espOffered, int ourSpi,
            IkeKeyDerivation kdf, SkCipherFactory factory, Secret skD, byte[] nonceI, byte[] nonceR,
            InetSocketAddress local, InetSocketAddress remote, boolean udp) {
        Optional<InitiatorProposals.EspChoice> esp = response.first(SaPayload.class)
                .flatMap(sa -> InitiatorProposals.acceptedEsp(espOffered, sa.proposals()));
        if (esp.isEmpty()) {
            return Optional.empty();
        }
        InitiatorProposals.EspChoice e = esp.get();
        ChildSaKeys keys;
        try {
            ChildSaKeyLengths lengths = factory.childSaKeyLengths(e.encr(), e.keyBits(), e.integ());
            keys = kdf.childSaKeys(skD, null, nonceI, nonceR, lengths.encryption(), lengths.integrity());
        } catch (UnsupportedTransformException ex) {
            return Optional.empty();
        }
        List<IpPrefix> tsi = selectors(response, true);
        List<IpPrefix> tsr = selectors(response, false);
        ChildSa child = new ChildSa(ourSpi, e.peerSpi(), e.encr(), e.keyBits(), e.integ(), e.esn(), keys, tsi, tsr, true);
        Optional<ConfigPayload> cp = response.first(ConfigPayload.class).filter(c -> c.cfgType().equals(ConfigType.CFG_REPLY));
        List<InetAddress> dns = new ArrayList<>();
        List<IpPrefix> split = new ArrayList<>();
        Optional<InetAddress> address = Optional.empty();
        Optional<InetAddress> netmask = Optional.empty();
        Optional<String> domain = Optional.empty();
        Optional<String> banner = Optional.empty();
        if (cp.isPresent()) {
            address = first(cp.get(), ConfigAttributeType.INTERNAL_IP4_ADDRESS).flatMap(InitiatorMessages::ipv4);
            netmask = first(cp.get(), ConfigAttributeType.INTERNAL_IP4_NETMASK).flatMap(InitiatorMessages::ipv4);
            cp.get().attributes(ConfigAttributeType.INTERNAL_IP4_DNS).forEach(a -> ipv4(a.value().toByteArray()).ifPresent(dns::add));
            for (ConfigAttribute a : cp.get().attributes(ConfigAttributeType.INTERNAL_IP4_SUBNET)) {
                byte[] v = a.value().toByteArray();
                if (v.length == 2 * IPV4_OCTETS) {
                    split.add(subnet(v));
                }
            }
            domain = first(cp.get(), ConfigAttributeType.INTERNAL_DNS_DOMAIN).map(v -> new String(v, StandardCharsets.US_ASCII));
            banner = first(cp.get(), ConfigAttributeType.UNITY_BANNER).map(v -> new String(v, StandardCharsets.UTF_8));
        }
        return Optional.of(new TunnelParameters(address, netmask, dns, split, domain, banner, child, local, remote, udp));
    }

    private static Optional<byte[]> first(ConfigPayload cp, ConfigAttributeType type) {
        return cp.attributes(type).stream().findFirst().map(a -> a.value().toByteArray()).filter(v -> v.length > 0);
    }

    private static Optional<InetAddress> ipv4(byte[] v) {
        if (v.length != IPV4_OCTETS) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** INTERNAL_IP4_SUBNET: address and netmask (RFC 7296 section 3.15.1). */
    private static IpPrefix subnet(byte[] v) {
        byte[] net = java.util.Arrays.copyOf(v, IPV4_OCTETS);
        int bits = 0;
        for (int i = IPV4_OCTETS; i < v.length; i++) {
            bits += Integer.bitCount(v[i] & 0xFF);
        }
        return new IpPrefix(ipv4(net).orElseThrow(), bits);
    }

    /** The prefixes a TS payload names (ranges that are whole prefixes; others are split). */
    private static List<IpPrefix> selectors(IkeMessage message, boolean initiator) {
        List<IpPrefix> out = new ArrayList<>();
        message.payloads(TrafficSelectorPayload.class).stream().filter(t -> t.initiator() == initiator)
                .flatMap(t -> t.selectors().stream()).forEach(s -> out.addAll(
                        rangeToPrefixes(s)));
        return out;
    }

    private static List<IpPrefix> rangeToPrefixes(TrafficSelectorPayload.TrafficSelector s) {
        java.math.BigInteger start = new java.math.BigInteger(1, s.startAddress().getAddress());
        java.math.BigInteger end = new java.math.BigInteger(1, s.endAddress().getAddress());
        int bits = s.startAddress().getAddress().length * 8;
        List<IpPrefix> out = new ArrayList<>();
        while (start.compareTo(end) <= 0 && out.size() < TrafficSelectorPayload.MAX_SELECTORS) {
            int len = bits;
            while (len > 0) {
                java.math.BigInteger size = java.math.BigInteger.ONE.shiftLeft(bits - len + 1);
                if (start.mod(size).signum() != 0 || start.add(size).subtract(java.math.BigInteger.ONE).compareTo(end) > 0) {
                    break;
                }
                len--;
            }
            byte[] raw = start.toByteArray();
            byte[] addr = new byte[bits / 8];
            int copy = Math.min(raw.length, addr.length);
            System.arraycopy(raw, raw.length - copy, addr, addr.length - copy, copy);
            try {
                out.add(new IpPrefix(InetAddress.getByAddress(addr), len));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
            start = start.add(java.math.BigInteger.ONE.shiftLeft(bits - len));
        }
        return out;
    }

    /** A NAT is between us when a hash misses: theirs of their source, or ours of our address (RFC 7296 2.23). */
    static boolean natDetected(IkeMessage response, long spiI, long spiR, InetSocketAddress local,
            InetSocketAddress remote) {
        byte[] theirSource = natHash(spiI, spiR, remote);
        byte[] ourAddress = natHash(spiI, spiR, local);
        boolean sourceMatches = response.payloads(NotifyPayload.class).stream()
                .filter(n -> n.notifyType().equals(NotifyType.NAT_DETECTION_SOURCE_IP))
                .anyMatch(n -> java.security.MessageDigest.isEqual(n.data().toByteArray(), theirSource));
        boolean destinationMatches = response.payloads(NotifyPayload.class).stream()
                .filter(n -> n.notifyType().equals(NotifyType.NAT_DETECTION_DESTINATION_IP))
                .anyMatch(n -> java.security.MessageDigest.isEqual(n.data().toByteArray(), ourAddress));
        boolean present = response.notification(NotifyType.NAT_DETECTION_SOURCE_IP).isPresent();
        return present && (!sourceMatches || !destinationMatches);
    }

    static byte[] idData(IdType type, String identity) {
        if (type.equals(IdType.ID_IPV4_ADDR) || type.equals(IdType.ID_IPV6_ADDR)) {
            try {
                return java.net.InetAddress.getByName(identity).getAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("identity " + identity + " is not an address literal", e);
            }
        }
        return identity.getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 7296 section 2.23: SHA-1(SPIi | SPIr | IP | port). */
    static byte[] natHash(long spiI, long spiR, InetSocketAddress endpoint) {
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(java.nio.ByteBuffer.allocate(16).putLong(spiI).putLong(spiR).array());
            sha1.update(endpoint.getAddress().getAddress());
            sha1.update(new byte[] {(byte) (endpoint.getPort() >>> 8), (byte) endpoint.getPort()});
            return sha1.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * The first IKE_AUTH request: IDi, CERTREQ for our CAs, IDr (the server we dialled), CP request, SA with
     * our ESP SPI, TSi and TSr for all of IPv4, INITIAL_CONTACT unless configured off; no AUTH, so that EAP follows
     * (RFC 7296 2.16).
     */
    static List<io.flexgate.ikev2.message.IkePayload> firstAuth(io.flexgate.ikev2.message.IdPayload ourId,
            InitiatorConfig config, int childSpi) {
        List<io.flexgate.ikev2.message.IkePayload> payloads = new ArrayList<>();
        payloads.add(ourId);
        for (X509Certificate ca : config.trustedCas()) {
            payloads.add(new io.flexgate.ikev2.message.CertReqPayload(CertEncoding.X509_SIGNATURE, Bytes.of(caHash(ca))));
        }
        config.serverName().ifPresent(n -> payloads.add(new io.flexgate.ikev2.message.IdPayload(false, IdType.ID_FQDN,
                Bytes.of(n.getBytes(StandardCharsets.US_ASCII)))));
        payloads.add(configRequest());
        payloads.add(new SaPayload(InitiatorProposals.withSpi(config.espProposals(),
                java.nio.ByteBuffer.allocate(IPV4_OCTETS).putInt(childSpi).array())));
        payloads.add(allIpv4(true));
        payloads.add(allIpv4(false));
        if (config.initialContact()) {
            payloads.add(NotifyPayload.of(NotifyType.INITIAL_CONTACT));
        }
        return payloads;
    }

    /**
     * IKE_SA_INIT's payloads: the cookie first when the headend asked for one (RFC 7296 section 2.6), SA, KE, Ni,
     * NAT detection (section 2.23), fragmentation (RFC 7383), signature hashes (RFC 7427), our vendor IDs.
     */
    static List<io.flexgate.ikev2.message.IkePayload> initPayloads(InitiatorConfig config, byte[] cookie,
            io.flexgate.ikev2.message.KePayload ke, byte[] nonce, byte[] natSource, byte[] natDestination) {
        List<io.flexgate.ikev2.message.IkePayload> payloads = new ArrayList<>();
        if (cookie != null) {
            payloads.add(NotifyPayload.of(NotifyType.COOKIE, Bytes.of(cookie)));
        }
        payloads.add(new SaPayload(config.ikeProposals()));
        payloads.add(ke);
        payloads.add(new io.flexgate.ikev2.message.NoncePayload(Bytes.of(nonce)));
        payloads.add(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, Bytes.of(natSource)));
        payloads.add(NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, Bytes.of(natDestination)));
        payloads.add(NotifyPayload.of(NotifyType.IKEV2_FRAGMENTATION_SUPPORTED));
        payloads.add(NotifyPayload.of(NotifyType.SIGNATURE_HASH_ALGORITHMS, Bytes.of(
                io.flexgate.ikev2.crypto.SignatureHashAlgorithms.encode(
                        io.flexgate.ikev2.crypto.SignatureHashAlgorithms.announced()))));
        config.vendorIds().forEach(v -> payloads.add(new io.flexgate.ikev2.message.VendorIdPayload(Bytes.of(v))));
        return payloads;
    }

    /** The first error notify of a response (RFC 7296 section 3.10.1: types below 16384). */
    static Optional<NotifyPayload> firstError(IkeMessage message) {
        return message.payloads(NotifyPayload.class).stream().filter(n -> n.notifyType().isError()).findFirst();
    }

    /** Whether an INFORMATIONAL request deletes the IKE SA (RFC 7296 section 1.4.1). */
    static boolean deletesIkeSa(IkeMessage request) {
        return request.payloads(io.flexgate.ikev2.message.DeletePayload.class).stream()
                .anyMatch(d -> d.protocol().equals(io.flexgate.ikev2.message.ProtocolId.IKE));
    }

    /** The CHILD_SA an INFORMATIONAL request deletes, named by the headend's SPI (RFC 7296 section 1.4.1). */
    static Optional<ChildSa> deletedChild(IkeMessage request, List<ChildSa> children) {
        return request.payloads(io.flexgate.ikev2.message.DeletePayload.class).stream()
                .filter(d -> d.protocol().equals(io.flexgate.ikev2.message.ProtocolId.ESP))
                .flatMap(d -> d.spis().stream()).filter(s -> s.length() == IPV4_OCTETS)
                .map(s -> java.nio.ByteBuffer.wrap(s.toByteArray()).getInt())
                .flatMap(spi -> children.stream().filter(c -> c.outboundSpi() == spi)).findFirst();
    }

    /** The answer to the headend's DELETE of {@code child}: DELETE with our own SPI of it (RFC 7296 section 1.4.1). */
    static List<io.flexgate.ikev2.message.IkePayload> childDeleteReply(ChildSa child) {
        return List.of(new io.flexgate.ikev2.message.DeletePayload(io.flexgate.ikev2.message.ProtocolId.ESP,
                IPV4_OCTETS, List.of(Bytes.of(java.nio.ByteBuffer.allocate(IPV4_OCTETS).putInt(child.inboundSpi())
                        .array()))));
    }
}
