package io.flexgate.eap.mschapv2;

import io.flexgate.api.eap.EapCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The type-data of an EAP-MSCHAPv2 packet (draft-kamath-pppext-eap-mschapv2 section 2): OpCode,
 * MS-CHAPv2-ID, MS-Length (the length of the type-data) and the op-code's data, except that a peer's
 * Success and Failure responses are the OpCode alone. Immutable; arrays copied in and out; no
 * {@code toString} shows challenge, NT-Response or authenticator octets.
 */
sealed interface MsChapV2Packet {

    int CHALLENGE = 1;
    int RESPONSE = 2;
    int SUCCESS = 3;
    int FAILURE = 4;
    int CHANGE_PASSWORD = 7;

    /** OpCode, MS-CHAPv2-ID and MS-Length. */
    int HEADER_LENGTH = 4;
    /** Value-Size of a Response: Peer-Challenge 16, Reserved 8, NT-Response 24, Flags 1 (RFC 2759 section 4). */
    int RESPONSE_VALUE_SIZE = 49;
    /** Longest Name accepted (a user or host name). */
    int MAX_NAME_OCTETS = 256;
    /** Longest Success or Failure message accepted ("S=... M=..." / "E=... R=... C=... V=... M=..."). */
    int MAX_MESSAGE_OCTETS = 1024;

    /** The type-data octets. */
    byte[] encode();

    /** The server's Challenge (RFC 2759 section 3: Value-Size 16, Challenge, Name). */
    record Challenge(int msChapV2Id, byte[] challenge, String name) implements MsChapV2Packet {
        public Challenge {
            checkId(msChapV2Id);
            checkLength("challenge", challenge, MsChapV2Crypto.CHALLENGE_LENGTH);
            challenge = challenge.clone();
        }

        @Override
        public byte[] challenge() {
            return challenge.clone();
        }

        @Override
        public byte[] encode() {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            return header(CHALLENGE, msChapV2Id, 1 + challenge.length + n.length)
                    .put((byte) challenge.length).put(challenge).put(n).array();
        }

        @Override
        public String toString() {
            return "Challenge[id=" + msChapV2Id + ", name=" + name + "]";
        }
    }

    /** The peer's Response (RFC 2759 section 4); Reserved and Flags are sent as zero. */
    record Response(int msChapV2Id, byte[] peerChallenge, byte[] ntResponse, String name) implements MsChapV2Packet {
        public Response {
            checkId(msChapV2Id);
            checkLength("peer challenge", peerChallenge, MsChapV2Crypto.CHALLENGE_LENGTH);
            checkLength("NT-Response", ntResponse, MsChapV2Crypto.NT_RESPONSE_LENGTH);
            peerChallenge = peerChallenge.clone();
            ntResponse = ntResponse.clone();
        }

        @Override
        public byte[] peerChallenge() {
            return peerChallenge.clone();
        }

        @Override
        public byte[] ntResponse() {
            return ntResponse.clone();
        }

        @Override
        public byte[] encode() {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            return header(RESPONSE, msChapV2Id, 1 + RESPONSE_VALUE_SIZE + n.length)
                    .put((byte) RESPONSE_VALUE_SIZE).put(peerChallenge).put(new byte[8]).put(ntResponse)
                    .put((byte) 0).put(n).array();
        }

        @Override
        public String toString() {
            return "Response[id=" + msChapV2Id + ", name=" + name + "]";
        }
    }

    /** The server's Success request: "S=<authenticator response> M=<message>". */
    record SuccessRequest(int msChapV2Id, String message) implements MsChapV2Packet {
        public SuccessRequest {
            checkId(msChapV2Id);
        }

        @Override
        public byte[] encode() {
            return textPacket(SUCCESS, msChapV2Id, message);
        }

        /** The authenticator response proves the server knows the NT hash, but it is not a key: shown as a length. */
        @Override
        public String toString() {
            return "SuccessRequest[id=" + msChapV2Id + ", " + message.length() + " chars]";
        }
    }

    /** The server's Failure request: "E=eeee R=r C=cccc V=vvvv M=text" (RFC 2759 section 6). */
    record FailureRequest(int msChapV2Id, String message) implements MsChapV2Packet {
        public FailureRequest {
            checkId(msChapV2Id);
        }

        @Override
        public byte[] encode() {
            return textPacket(FAILURE, msChapV2Id, message);
        }
    }

    /** The peer's answer to a Success request: the OpCode alone. */
    record SuccessResponse() implements MsChapV2Packet {
        @Override
        public byte[] encode() {
            return new byte[] {SUCCESS};
        }
    }

    /** The peer's answer to a Failure request it will not retry: the OpCode alone. */
    record FailureResponse() implements MsChapV2Packet {
        @Override
        public byte[] encode() {
            return new byte[] {FAILURE};
        }
    }

    /**
     * The peer's Change-Password packet (RFC 2759 section 7), kept as the octets it arrived in. Recognised so
     * the authenticator can say why it ends the conversation; the encrypted new password inside is not read,
     * because FlexGate does not change passwords.
     */
    record ChangePassword(int msChapV2Id, byte[] typeData) implements MsChapV2Packet {
        public ChangePassword {
            checkId(msChapV2Id);
            typeData = typeData.clone();
        }

        @Override
        public byte[] typeData() {
            return typeData.clone();
        }

        @Override
        public byte[] encode() {
            return typeData.clone();
        }

        @Override
        public String toString() {
            return "ChangePassword[id=" + msChapV2Id + "]";
        }
    }

    /**
     * Decodes type-data.
     *
     * @param code whether the packet is a request (Success and Failure then carry text) or a response
     * @return empty when the op-code is unknown, MS-Length disagrees with the data, or a field does not fit
     */
    static Optional<MsChapV2Packet> decode(EapCode code, byte[] data) {
        if (data.length < 1) {
            return Optional.empty();
        }
        int opCode = data[0] & 0xFF;
        if (code == EapCode.RESPONSE && (opCode == SUCCESS || opCode == FAILURE)) {
            // draft-kamath section 2.4/2.5: the OpCode alone; strongSwan likewise reads only the OpCode
            return Optional.of(opCode == SUCCESS ? new SuccessResponse() : new FailureResponse());
        }
        if (data.length < HEADER_LENGTH || (((data[2] & 0xFF) << 8) | (data[3] & 0xFF)) != data.length) {
            return Optional.empty();
        }
        int id = data[1] & 0xFF;
        if (code == EapCode.REQUEST) {
            return switch (opCode) {
                case CHALLENGE -> decodeChallenge(id, data);
                case SUCCESS -> text(data).map(t -> new SuccessRequest(id, t));
                case FAILURE -> text(data).map(t -> new FailureRequest(id, t));
                default -> Optional.empty();
            };
        }
        return switch (opCode) {
            case RESPONSE -> decodeResponse(id, data);
            case CHANGE_PASSWORD -> Optional.of(new ChangePassword(id, data));
            default -> Optional.empty();
        };
    }

    private static Optional<MsChapV2Packet> decodeChallenge(int id, byte[] data) {
        int valueEnd = HEADER_LENGTH + 1 + MsChapV2Crypto.CHALLENGE_LENGTH;
        if (data.length < valueEnd || (data[HEADER_LENGTH] & 0xFF) != MsChapV2Crypto.CHALLENGE_LENGTH
                || data.length - valueEnd > MAX_NAME_OCTETS) {
            return Optional.empty();
        }
        return Optional.of(new Challenge(id, Arrays.copyOfRange(data, HEADER_LENGTH + 1, valueEnd),
                new String(data, valueEnd, data.length - valueEnd, StandardCharsets.UTF_8)));
    }

    private static Optional<MsChapV2Packet> decodeResponse(int id, byte[] data) {
        int value = HEADER_LENGTH + 1;
        int nameStart = value + RESPONSE_VALUE_SIZE;
        if (data.length < nameStart || (data[HEADER_LENGTH] & 0xFF) != RESPONSE_VALUE_SIZE
                || data.length - nameStart > MAX_NAME_OCTETS) {
            return Optional.empty();
        }
        byte[] peerChallenge = Arrays.copyOfRange(data, value, value + MsChapV2Crypto.CHALLENGE_LENGTH);
        int ntStart = value + MsChapV2Crypto.CHALLENGE_LENGTH + 8;
        byte[] ntResponse = Arrays.copyOfRange(data, ntStart, ntStart + MsChapV2Crypto.NT_RESPONSE_LENGTH);
        return Optional.of(new Response(id, peerChallenge, ntResponse,
                new String(data, nameStart, data.length - nameStart, StandardCharsets.UTF_8)));
    }

    private static Optional<String> text(byte[] data) {
        int length = data.length - HEADER_LENGTH;
        return length > MAX_MESSAGE_OCTETS ? Optional.empty()
                : Optional.of(new String(data, HEADER_LENGTH, length, StandardCharsets.US_ASCII));
    }

    private static byte[] textPacket(int opCode, int id, String message) {
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        return header(opCode, id, text.length).put(text).array();
    }

    private static ByteBuffer header(int opCode, int id, int dataLength) {
        int length = HEADER_LENGTH + dataLength;
        return ByteBuffer.allocate(length).put((byte) opCode).put((byte) id).putShort((short) length);
    }

    private static void checkId(int id) {
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("MS-CHAPv2-ID " + id + " out of range 0..255");
        }
    }

    private static void checkLength(String what, byte[] value, int length) {
        if (value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " octets, not " + value.length);
        }
    }
}
