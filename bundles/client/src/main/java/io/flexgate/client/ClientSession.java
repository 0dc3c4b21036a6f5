package io.flexgate.client;

import io.flexgate.api.Secret;
import io.flexgate.api.anyconnect.AnyConnectProfiles;
import io.flexgate.api.eap.EapMethod;
import io.flexgate.eap.anyconnect.AnyConnectEapMethod;
import io.flexgate.eap.anyconnect.CiscoVendorId;
import io.flexgate.eap.gtc.GtcMethod;
import io.flexgate.eap.md5.Md5Method;
import io.flexgate.eap.mschapv2.MsChapV2Method;
import io.flexgate.ikev2.crypto.CryptoSuite;
import io.flexgate.ikev2.initiator.ChildSaListener;
import io.flexgate.ikev2.initiator.IkeInitiator;
import io.flexgate.ikev2.initiator.InitiatorConfig;
import io.flexgate.ikev2.initiator.InitiatorProposals;
import io.flexgate.ikev2.initiator.InitiatorResult;
import io.flexgate.ikev2.message.IdType;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One client connection: a UDP socket, an {@link IkeInitiator} on a serial executor (a stripe of the command
 * line's shared ones, or a thread of its own in Karaf), and the EAP method (the eap-* bundles' classes used
 * directly, as library code).
 */
final class ClientSession implements AutoCloseable {

    /** How often retransmissions are checked (the initiator's timer granularity). */
    static final java.time.Duration TICK = java.time.Duration.ofMillis(250);

    private final UdpClientTransport transport;
    private final IkeInitiator initiator;
    private final Executor serial;
    private final Secret ownPassword;
    /** The initiator's state as last reported on its executor, for readers on other threads. */
    private volatile IkeInitiator.State state = IkeInitiator.State.IDLE;

    /**
     * @param serial runs one task at a time, in order: every call into the initiator goes through it
     */
    ClientSession(ClientOptions options, InetSocketAddress headend, List<X509Certificate> cas, Secret password,
            Executor serial, Consumer<IkeInitiator.State> observer) throws IOException {
        this(options, headend, cas, password, serial, observer, null);
    }

    /** With {@code receiver}, the session's socket is read by that shared thread (load mode), else by its own. */
    ClientSession(ClientOptions options, InetSocketAddress headend, List<X509Certificate> cas, Secret password,
            Executor serial, Consumer<IkeInitiator.State> observer, SharedUdpReceiver receiver) throws IOException {
        this.serial = serial;
        // Our own copy: the caller may wipe its password as soon as this returns (client:connect does), while
        // EAP asks for it later.
        this.ownPassword = Secret.copyOf(password.bytes());
        IkeInitiator[] self = new IkeInitiator[1];
        this.transport = new UdpClientTransport(headend, UdpClientTransport.NATT_PORT, options.source(),
                d -> serial.execute(() -> self[0].receive(d)), receiver);
        boolean anyConnect = options.method().equals("anyconnect");
        Map<String, String> parameters = new HashMap<>();
        options.group().ifPresent(g -> parameters.put("anyconnect.group", g));
        IdType idType = anyConnect ? IdType.ID_KEY_ID : options.user().contains("@") ? IdType.ID_RFC822_ADDR
                : IdType.ID_KEY_ID;
        InitiatorConfig config = new InitiatorConfig(transport.local(), transport.local(), headend, idType,
                anyConnect ? InitiatorConfig.ANYCONNECT_IDENTITY : options.user(), options.user(),
                () -> Secret.copyOf(ownPassword.bytes()), method(options.method()), parameters, cas,
                Optional.of(options.expectedServerName()), InitiatorProposals.defaultIke(options.groups()),
                InitiatorProposals.defaultEsp(), anyConnect ? anyConnectVendorIds() : List.of(),
                InitiatorConfig.DEFAULT_FRAGMENT_MTU, InitiatorConfig.DEFAULT_RETRANSMIT_TIMEOUT,
                InitiatorConfig.DEFAULT_RETRANSMIT_TRIES, options.initialContact());
        this.initiator = new IkeInitiator(config, transport, CryptoSuite.defaults(), Clock.systemUTC(),
                new SecureRandom(), serial);
        initiator.onStateChange(state -> {
            this.state = state;
            observer.accept(state);
        });
        self[0] = initiator;
    }

    IkeInitiator initiator() {
        return initiator;
    }

    CompletableFuture<InitiatorResult> start() {
        serial.execute(initiator::start);
        return initiator.result();
    }

    /** The socket, which the data path shares for ESP in UDP. */
    UdpClientTransport transport() {
        return transport;
    }

    /** Lets {@code listener} follow the headend's CHILD_SA rekeys and deletes (on the session's executor). */
    void onChildSaChange(ChildSaListener listener) {
        serial.execute(() -> initiator.onChildSaChange(listener));
    }

    /** Sends a dead peer detection request (RFC 7296 section 2.4) unless one of ours is outstanding. */
    void dpd() {
        serial.execute(initiator::dpd);
    }

    /** The initiator's state as last reported (read from any thread). */
    IkeInitiator.State state() {
        return state;
    }

    /** Drives retransmissions; called by the caller's timer. */
    void tick() {
        serial.execute(initiator::tick);
    }

    /** Sends DELETE; completes when the headend answered (or the retransmissions ran out). */
    CompletableFuture<String> disconnect() {
        serial.execute(initiator::delete);
        return initiator.closed();
    }

    @Override
    public void close() {
        ownPassword.wipe();
        transport.close();
    }

    /** The vendor IDs an AnyConnect client sends (anchors.md section 2.2). */
    static List<byte[]> anyConnectVendorIds() {
        return List.of(CiscoVendorId.DELETE_REASON.value(), CiscoVendorId.COPYRIGHT.value(),
                CiscoVendorId.FRAGMENTATION.value(), CiscoVendorId.ANYCONNECT_EAP.value());
    }

    static EapMethod method(String name) {
        return switch (name) {
            case "anyconnect" -> new AnyConnectEapMethod(new NoProfiles());
            case "mschapv2" -> new MsChapV2Method(new MsChapV2Method.Config() {
                @Override
                public Class<? extends Annotation> annotationType() {
                    return MsChapV2Method.Config.class;
                }

                @Override
                public int retries() {
                    return 0;
                }

                @Override
                public String authenticatorName() {
                    return "FlexGate";
                }
            });
            case "md5" -> new Md5Method();
            case "gtc" -> new GtcMethod();
            default -> throw new IllegalArgumentException("unknown EAP method " + name);
        };
    }

    /** The CA certificates of a PEM (or DER) file. */
    static List<X509Certificate> loadCas(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (cas.isEmpty()) {
                throw new CertificateException("no certificate in " + file);
            }
            return cas;
        }
    }

    /** The client is only ever the AnyConnect peer: it serves no profiles. */
    private static final class NoProfiles implements AnyConnectProfiles {
        @Override
        public List<ProfileStatus> profiles() {
            return List.of();
        }

        @Override
        public Optional<ProfileStatus> profile(String name) {
            return Optional.empty();
        }

        @Override
        public ProfileStatus.Loaded export(String name, Path target) {
            throw new IllegalArgumentException("the client has no AnyConnect profiles");
        }
    }

    /** A daemon thread: the client's threads never keep the JVM (or Karaf) from stopping. */
    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
