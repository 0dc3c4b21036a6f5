package io.flexgate.aaa.radius.eap;

import io.flexgate.aaa.radius.client.Exchange;
import io.flexgate.aaa.radius.client.RadiusClient;
import io.flexgate.aaa.radius.client.RadiusGroup;
import io.flexgate.aaa.radius.client.RadiusServer;
import io.flexgate.aaa.radius.packet.CiscoAuthorization;
import io.flexgate.aaa.radius.packet.RadiusAttribute;
import io.flexgate.aaa.radius.packet.RadiusAttributeType;
import io.flexgate.aaa.radius.packet.RadiusCode;
import io.flexgate.aaa.radius.packet.RadiusFormatException;
import io.flexgate.aaa.radius.packet.RadiusPacket;
import io.flexgate.aaa.radius.packet.RadiusSecurity;
import io.flexgate.aaa.radius.packet.VendorAttribute;
import io.flexgate.api.Secret;
import io.flexgate.api.eap.EapAuthenticator;
import io.flexgate.api.eap.EapCode;
import io.flexgate.api.eap.EapPacket;
import io.flexgate.api.eap.EapStep;
import io.flexgate.api.eap.EapType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One EAP conversation relayed to a RADIUS server (RFC 3579): the peer's responses go out in EAP-Message
 * attributes with the server's State, the server's requests come back in Access-Challenges, and the
 * Access-Accept ends it with the MSK taken from MS-MPPE-Recv-Key and MS-MPPE-Send-Key (RFC 2548 section
 * 2.4.2-2.4.3), in that order and zero-padded to 64 octets: for EAP-TLS-like methods the two 32-octet
 * keys are the MSK (RFC 5216 section 2.3), for EAP-MSCHAPv2 the 16-octet MPPE keys then 32 zero octets, the
 * layout strongSwan and Windows use (and FlexGate's own EAP-MSCHAPv2). The conversation stays
 * with the server that answered first: its State means nothing to another server.
 */
final class RadiusEapAuthenticator implements EapAuthenticator {

    /** RFC 3579 section 3.1: a packet is carried in EAP-Message attributes of up to 253 octets each. */
    static final int EAP_MESSAGE_CHUNK = RadiusAttribute.MAX_VALUE;
    /** Most octets of State kept (RFC 2865 section 5.24 leaves it to the server; one attribute). */
    static final int MAX_STATE = RadiusAttribute.MAX_VALUE;
    /** The MSK is 64 octets (RFC 3748 section 7.10). */
    static final int MSK_LENGTH = 64;
    /** Shortest MS-MPPE key accepted: 128-bit MPPE keys (RFC 3079 section 3.4). */
    static final int MIN_MPPE_KEY = 16;

    private static final Logger LOG = LoggerFactory.getLogger(RadiusEapAuthenticator.class);

    private final RadiusGroup group;
    private final String identity;
    private final long sessionId;
    private RadiusServer pinned;
    private byte[] state;

    RadiusEapAuthenticator(RadiusGroup group, String identity, long sessionId) {
        this.group = group;
        this.identity = identity;
        this.sessionId = sessionId;
    }

    @Override
    public CompletionStage<EapStep> start(int identifier) {
        // the engine asked for the identity with the identifier before this one; the server continues from it
        EapPacket identityResponse = EapPacket.response((identifier - 1) & 0xff, EapType.IDENTITY,
                identity.getBytes(StandardCharsets.UTF_8));
        return relay(identityResponse);
    }

    @Override
    public CompletionStage<EapStep> process(EapPacket response) {
        return relay(response);
    }

    private CompletionStage<EapStep> relay(EapPacket response) {
        byte[] eap = response.encode();
        if (eap.length > RadiusPacket.MAX_LENGTH - 200) {
            return CompletableFuture.completedFuture(new EapStep.Failure(identity, "EAP response of " + eap.length
                    + " octets does not fit a RADIUS packet"));
        }
        List<RadiusServer> servers = pinned != null ? List.of(pinned) : group.servers();
        byte[] currentState = state;
        return group.client().send(servers, RadiusClient.Port.AUTHENTICATION, (id, auth, key) -> {
            List<RadiusAttribute> attrs = new ArrayList<>();
            attrs.add(RadiusAttribute.text(RadiusAttributeType.USER_NAME, identity));
            for (int at = 0; at < eap.length; at += EAP_MESSAGE_CHUNK) {
                attrs.add(new RadiusAttribute(RadiusAttributeType.EAP_MESSAGE,
                        Arrays.copyOfRange(eap, at, Math.min(eap.length, at + EAP_MESSAGE_CHUNK))));
            }
            if (currentState != null) {
                attrs.add(new RadiusAttribute(RadiusAttributeType.STATE, currentState));
            }
            attrs.add(RadiusAttribute.integer(RadiusAttributeType.SERVICE_TYPE, 2));
            attrs.add(RadiusAttribute.text(RadiusAttributeType.NAS_IDENTIFIER, group.nasIdentifier()));
            attrs.add(RadiusAttribute.integer(RadiusAttributeType.NAS_PORT_TYPE, 5));
            return RadiusSecurity.signRequest(new RadiusPacket(RadiusCode.ACCESS_REQUEST, id, auth, attrs), key);
        }).thenApply(this::answer);
    }

    private EapStep answer(Exchange exchange) {
        if (exchange instanceof Exchange.NoAnswer n) {
            return new EapStep.Failure(identity, n.reason());
        }
        Exchange.Answered a = (Exchange.Answered) exchange;
        pinned = a.server();
        RadiusPacket response = a.response();
        try {
            if (response.code().equals(RadiusCode.ACCESS_CHALLENGE)) {
                Optional<RadiusAttribute> s = response.attribute(RadiusAttributeType.STATE);
                state = s.map(RadiusAttribute::value).orElse(null);
                Optional<EapPacket> request = eapMessage(response).filter(p -> p.code() == EapCode.REQUEST);
                if (request.isEmpty()) {
                    return new EapStep.Failure(identity, "Access-Challenge from " + a.server().name()
                            + " without an EAP request");
                }
                return new EapStep.Continue(request.get());
            }
            if (response.code().equals(RadiusCode.ACCESS_ACCEPT)) {
                return success(a);
            }
            String reply = response.text(RadiusAttributeType.REPLY_MESSAGE).map(m -> " (" + m + ")").orElse("");
            return new EapStep.Failure(identity, "Access-Reject from " + a.server().name() + reply);
        } catch (RadiusFormatException e) {
            return new EapStep.Failure(identity, "malformed answer from " + a.server().name() + ": " + e.getMessage());
        }
    }

    private EapStep success(Exchange.Answered a) throws RadiusFormatException {
        RadiusPacket accept = a.response();
        String username = accept.text(RadiusAttributeType.USER_NAME).orElse(identity);
        group.remember(username, CiscoAuthorization.from(accept));
        List<VendorAttribute> recv = accept.vendorAttributes(VendorAttribute.MICROSOFT, VendorAttribute.MS_MPPE_RECV_KEY);
        List<VendorAttribute> send = accept.vendorAttributes(VendorAttribute.MICROSOFT, VendorAttribute.MS_MPPE_SEND_KEY);
        Optional<Secret> msk = Optional.empty();
        if (!recv.isEmpty() && !send.isEmpty()) {
            byte[] key = a.server().key().bytes();
            byte[] r = RadiusSecurity.saltDecrypt(recv.get(0).value(), key, a.request().authenticator());
            byte[] s = RadiusSecurity.saltDecrypt(send.get(0).value(), key, a.request().authenticator());
            Arrays.fill(key, (byte) 0);
            if (r.length < MIN_MPPE_KEY || s.length < MIN_MPPE_KEY || r.length + s.length > MSK_LENGTH) {
                throw new RadiusFormatException("MS-MPPE keys of " + r.length + " and " + s.length
                        + " octets do not make an MSK");
            }
            byte[] m = new byte[MSK_LENGTH];
            System.arraycopy(r, 0, m, 0, r.length);
            System.arraycopy(s, 0, m, r.length, s.length);
            msk = Optional.of(Secret.copyOf(m));
            Arrays.fill(m, (byte) 0);
            Arrays.fill(r, (byte) 0);
            Arrays.fill(s, (byte) 0);
        }
        LOG.debug("session {}: EAP pass-through accepted '{}' by {} ({})", sessionId, username, a.server().name(),
                msk.isPresent() ? "MSK from MS-MPPE keys" : "no MSK");
        return new EapStep.Success(username, msk, Map.of("radius.server", a.server().name()));
    }

    /** The EAP packet carried in the EAP-Message attributes, concatenated in order (RFC 3579 section 3.1). */
    static Optional<EapPacket> eapMessage(RadiusPacket packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RadiusAttribute a : packet.attributes(RadiusAttributeType.EAP_MESSAGE)) {
            out.writeBytes(a.value());
        }
        return out.size() == 0 ? Optional.empty() : EapPacket.decode(out.toByteArray());
    }

    @Override
    public void close() {
        if (state != null) {
            Arrays.fill(state, (byte) 0);
            state = null;
        }
    }
}
