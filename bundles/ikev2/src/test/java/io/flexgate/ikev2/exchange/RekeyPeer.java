package io.flexgate.ikev2.exchange;

import io.flexgate.api.Secret;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.crypto.IkeKeyDerivation;
import io.flexgate.ikev2.crypto.IkeSaKeys;
import io.flexgate.ikev2.crypto.IkeSaTransforms;
import io.flexgate.ikev2.crypto.KeyExchange;
import io.flexgate.ikev2.crypto.SkCipherFactory;
import io.flexgate.ikev2.crypto.SkCipherPair;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.message.Bytes;
import io.flexgate.ikev2.message.DecodeResult;
import io.flexgate.ikev2.message.ExchangeType;
import io.flexgate.ikev2.message.IkeHeader;
import io.flexgate.ikev2.message.IkeMessage;
import io.flexgate.ikev2.message.IkeMessageCodec;
import io.flexgate.ikev2.message.IkePayload;
import io.flexgate.ikev2.message.KePayload;
import io.flexgate.ikev2.message.NoncePayload;
import io.flexgate.ikev2.message.ProtocolId;
import io.flexgate.ikev2.message.SaPayload;
import io.flexgate.ikev2.message.SaPayload.Proposal;
import io.flexgate.ikev2.transport.Datagram;
import io.flexgate.ikev2.transport.IkeTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client's side of IKE SA rekeys, scripted by a test: it takes over the initiator's established IKE SA (its
 * SPIs and keys, read from the initiator) and then answers or starts CREATE_CHILD_SA and DELETE exchanges step
 * by step on the test's thread, so that a test decides the order of messages (a rekey collision) and the nonces
 * (which SA of a collision is redundant, RFC 7296 section 2.8.2). Key derivation is RFC 7296 section 2.18.
 */
final class RekeyPeer {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** One IKE SA as the client holds it. {@code weInitiated}: the client is its original initiator. */
    static final class Sa {
        final long spiI;
        final long spiR;
        final boolean weInitiated;
        final IkeSaTransforms transforms;
        final IkeKeyDerivation kdf;
        final IkeSaKeys keys;
        final SkCipherPair ciphers;
        final byte[] ni;
        final byte[] nr;
        long nextRequestId;

        Sa(long spiI, long spiR, boolean weInitiated, IkeSaTransforms transforms, IkeKeyDerivation kdf, IkeSaKeys keys,
                SkCipherPair ciphers, byte[] ni, byte[] nr, long nextRequestId) {
            this.spiI = spiI;
            this.spiR = spiR;
            this.weInitiated = weInitiated;
            this.transforms = transforms;
            this.kdf = kdf;
            this.keys = keys;
            this.ciphers = ciphers;
            this.ni = ni;
            this.nr = nr;
            this.nextRequestId = nextRequestId;
        }

        /** The headend's SPI of this SA. */
        long headendSpi() {
            return weInitiated ? spiR : spiI;
        }
    }

    /** A message from the headend, decoded with the SA it belongs to. */
    record Received(Sa sa, IkeHeader header, IkeMessage message) {
    }

    final BlockingQueue<Datagram> inbox = new LinkedBlockingQueue<>();
    final List<Sa> sas = new ArrayList<>();
    private final IkeTransport toHeadend;
    private final SkCipherFactory factory;
    private final SecureRandom random;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;

    /** Takes over the initiator's established IKE SA; the initiator must not see the headend's datagrams any more. */
    RekeyPeer(IkeInitiator established, IkeTransport toHeadend, SecureRandom random) throws ReflectiveOperationException {
        this.toHeadend = toHeadend;
        this.random = random;
        this.factory = new SkCipherFactory(CryptoSuite.defaults(), random);
        this.local = field(established, "local");
        this.remote = field(established, "remote");
        sas.add(new Sa(field(established, "spiI"), field(established, "spiR"), true, field(established, "transforms"),
                field(established, "kdf"), field(established, "keys"), field(established, "ciphers"),
                field(established, "nonceI"), field(established, "nonceR"), field(established, "nextMessageId")));
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(IkeInitiator i, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = IkeInitiator.class.getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(i);
    }

    /** The next datagram from the headend, decoded with whichever of our SAs it names. */
    Received next() throws Exception {
        Datagram d = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (d == null) {
            throw new AssertionError("the headend sent nothing within " + WAIT);
        }
        IkeHeader h = IkeMessageCodec.decodeHeader(d.data());
        for (Sa sa : sas) {
            if (sa.spiI == h.initiatorSpi() && sa.spiR == h.responderSpi()) {
                DecodeResult r = IkeMessageCodec.decode(d.data(), sa.ciphers.inbound(), null);
                if (!(r instanceof DecodeResult.Ok ok)) {
                    throw new AssertionError("undecodable message from the headend: " + r);
                }
                return new Received(sa, h, ok.message());
            }
        }
        throw new AssertionError("message for an IKE SA we do not hold: " + h);
    }

    /** The next message that is not a DPD or retransmission the test does not care about. */
    Received next(ExchangeType exchange, boolean response) throws Exception {
        while (true) {
            Received r = next();
            if (r.header().exchangeType().equals(exchange) && r.header().response() == response) {
                return r;
            }
        }
    }

    /**
     * The headend's next new request of {@code exchange} after {@code previous}, skipping retransmissions of
     * {@code previous} (same SA, same message ID): the headend retransmits when our answer is slower than its
     * retransmission timeout, which happens on a loaded machine; their number is bounded by its retransmission tries.
     */
    Received nextRequestAfter(ExchangeType exchange, Received previous) throws Exception {
        while (true) {
            Received r = next(exchange, false);
            if (!retransmits(r, previous)) {
                return r;
            }
        }
    }

    /** The headend's next message that is not a retransmission of {@code previous}. */
    Received nextAfter(Received previous) throws Exception {
        while (true) {
            Received r = next();
            if (!retransmits(r, previous)) {
                return r;
            }
        }
    }

    private static boolean retransmits(Received r, Received previous) {
        return r.sa() == previous.sa() && !r.header().response() && !previous.header().response()
                && r.header().messageId() == previous.header().messageId();
    }

    void respond(Received request, List<IkePayload> payloads) {
        Sa sa = request.sa();
        IkeMessage m = new IkeMessage(IkeHeader.of(sa.spiI, sa.spiR, request.header().exchangeType(), sa.weInitiated,
                true, request.header().messageId()), true, payloads);
        toHeadend.send(new Datagram(IkeMessageCodec.encode(m, sa.ciphers.outbound()), local, remote));
    }

    long request(Sa sa, ExchangeType exchange, List<IkePayload> payloads) {
        long id = sa.nextRequestId++;
        IkeMessage m = new IkeMessage(IkeHeader.of(sa.spiI, sa.spiR, exchange, sa.weInitiated, false, id), true,
                payloads);
        toHeadend.send(new Datagram(IkeMessageCodec.encode(m, sa.ciphers.outbound()), local, remote));
        return id;
    }

    /** Our half of an IKE SA rekey: our SPI, nonce and key exchange. */
    record Half(long spi, byte[] nonce, KeyExchange.Ephemeral ephemeral) {
    }

    Half half(io.flexgate.ikev2.crypto.DhGroup group, byte fill) {
        byte[] nonce = new byte[32];
        java.util.Arrays.fill(nonce, fill);
        return new Half(random.nextLong() | 1, nonce, CryptoSuite.defaults().keyExchange(group).orElseThrow()
                .generate(random));
    }

    /** Our CREATE_CHILD_SA request that rekeys {@code sa}. */
    long requestIkeRekey(Sa sa, Half ours) {
        return request(sa, ExchangeType.CREATE_CHILD_SA, List.of(new SaPayload(List.of(proposal(1, sa.transforms,
                ours.spi()))), new NoncePayload(Bytes.of(ours.nonce())), new KePayload(ours.ephemeral().group(),
                Bytes.of(ours.ephemeral().publicValue()))));
    }

    /** Answers the headend's IKE SA rekey request with {@code ours}; returns the new SA (the headend initiated it). */
    Sa answerIkeRekey(Received request, Half ours) throws Exception {
        Proposal offered = request.message().first(SaPayload.class).orElseThrow().proposals().get(0);
        byte[] ni = request.message().first(NoncePayload.class).orElseThrow().nonce().toByteArray();
        KePayload ke = request.message().first(KePayload.class).orElseThrow();
        respond(request, List.of(new SaPayload(List.of(new Proposal(offered.number(), ProtocolId.IKE,
                Bytes.of(spi(ours.spi())), offered.transforms()))), new NoncePayload(Bytes.of(ours.nonce())),
                new KePayload(ke.group(), Bytes.of(ours.ephemeral().publicValue()))));
        long headendSpi = ByteBuffer.wrap(offered.spi().toByteArray()).getLong();
        return derive(request.sa(), ours.ephemeral(), ke.data().toByteArray(), ni, ours.nonce(), headendSpi, ours.spi(),
                false);
    }

    /** The headend's answer to our IKE SA rekey request; returns the new SA (we initiated it). */
    Sa completeIkeRekey(Received response, Half ours) throws Exception {
        Proposal accepted = response.message().first(SaPayload.class).orElseThrow().proposals().get(0);
        byte[] nr = response.message().first(NoncePayload.class).orElseThrow().nonce().toByteArray();
        KePayload ke = response.message().first(KePayload.class).orElseThrow();
        return derive(response.sa(), ours.ephemeral(), ke.data().toByteArray(), ours.nonce(), nr, ours.spi(),
                ByteBuffer.wrap(accepted.spi().toByteArray()).getLong(), true);
    }

    private Sa derive(Sa old, KeyExchange.Ephemeral ephemeral, byte[] theirPublic, byte[] ni, byte[] nr, long spiI,
            long spiR, boolean weInitiated) throws Exception {
        IkeSaTransforms t = old.transforms;
        IkeKeyDerivation kdf = factory.keyDerivation(t);
        try (Secret shared = ephemeral.agree(theirPublic);
                Secret skeyseed = old.kdf.rekeySkeyseed(old.keys.skD(), shared, ni, nr)) {
            IkeSaKeys keys = kdf.ikeSaKeys(skeyseed, ni, nr, spiI, spiR, factory.keyLengths(t));
            Sa next = new Sa(spiI, spiR, weInitiated, t, kdf, keys, factory.create(t, keys, weInitiated), ni, nr, 0);
            sas.add(next);
            return next;
        }
    }

    private static Proposal proposal(int number, IkeSaTransforms t, long spi) {
        List<SaPayload.Transform> transforms = new ArrayList<>();
        transforms.add(t.encrKeyBits() > 0 ? SaPayload.Transform.of(t.encr(), t.encrKeyBits())
                : SaPayload.Transform.of(t.encr()));
        transforms.add(SaPayload.Transform.of(t.prf()));
        if (!t.integ().equals(io.flexgate.ikev2.crypto.IntegAlgorithm.NONE)) {
            transforms.add(SaPayload.Transform.of(t.integ()));
        }
        transforms.add(SaPayload.Transform.of(t.dhGroup()));
        return new Proposal(number, ProtocolId.IKE, Bytes.of(spi(spi)), transforms);
    }

    /** The headend's CHILD_SA rekey request answered with our new SPI and {@code nonce} (no PFS); returns our SPI. */
    int answerChildRekey(Received request, byte fill) {
        SaPayload.Proposal offered = request.message().first(SaPayload.class).orElseThrow().proposals().get(0);
        int ours = random.nextInt() | 0x1000;
        List<io.flexgate.ikev2.message.TrafficSelectorPayload> ts = request.message().payloads(
                io.flexgate.ikev2.message.TrafficSelectorPayload.class);
        List<IkePayload> reply = new ArrayList<>();
        reply.add(new SaPayload(List.of(new Proposal(offered.number(), ProtocolId.ESP, Bytes.of(espSpi(ours)),
                offered.transforms()))));
        reply.add(new NoncePayload(Bytes.of(filled(fill))));
        reply.addAll(ts);
        respond(request, reply);
        return ours;
    }

    /**
     * Our CREATE_CHILD_SA that rekeys the CHILD_SA {@code rekeyedSpi} names (the SPI we receive it on); our new
     * SPI is returned. Selectors and transforms are those of the headend's own request.
     */
    int requestChildRekey(Sa sa, Received headendRequest, int rekeyedSpi, byte fill) {
        SaPayload.Proposal offered = headendRequest.message().first(SaPayload.class).orElseThrow().proposals().get(0);
        List<io.flexgate.ikev2.message.TrafficSelectorPayload> ts = headendRequest.message().payloads(
                io.flexgate.ikev2.message.TrafficSelectorPayload.class);
        int ours = random.nextInt() | 0x1000;
        List<IkePayload> payloads = new ArrayList<>();
        payloads.add(new io.flexgate.ikev2.message.NotifyPayload(ProtocolId.ESP, Bytes.of(espSpi(rekeyedSpi)),
                io.flexgate.ikev2.message.NotifyType.REKEY_SA, Bytes.EMPTY));
        payloads.add(new SaPayload(List.of(new Proposal(1, ProtocolId.ESP, Bytes.of(espSpi(ours)), offered.transforms()))));
        payloads.add(new NoncePayload(Bytes.of(filled(fill))));
        // Our TSi is the headend's TSr and the other way round.
        ts.forEach(t -> payloads.add(new io.flexgate.ikev2.message.TrafficSelectorPayload(!t.initiator(), t.selectors())));
        request(sa, ExchangeType.CREATE_CHILD_SA, payloads);
        return ours;
    }

    static byte[] filled(byte fill) {
        byte[] nonce = new byte[32];
        java.util.Arrays.fill(nonce, fill);
        return nonce;
    }

    static byte[] espSpi(int spi) {
        return ByteBuffer.allocate(4).putInt(spi).array();
    }

    static int espSpi(Bytes spi) {
        return ByteBuffer.wrap(spi.toByteArray()).getInt();
    }

    static byte[] spi(long spi) {
        return ByteBuffer.allocate(8).putLong(spi).array();
    }
}
