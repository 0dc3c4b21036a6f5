package io.flexgate.ikev2.message;

/**
 * Cisco's proprietary IKEv2 fragment, which reuses the IKEv1 fragment payload number 132 in an IKEv2
 * header and is sent unencrypted (anchors.md section 2.7; layout as strongSwan's IKEv1
 * {@code fragment_payload.c}): Fragment ID (2), Fragment Number (1), Flags (1, bit 0 = last), data.
 * The data of all fragments of one ID, in number order, is the encrypted IKEv2 message.
 *
 * @param fragmentId     the fragment ID (need not equal the message ID)
 * @param fragmentNumber the fragment number, from 1
 * @param last           whether this is the last fragment
 * @param data           the fragment data
 */
public record CiscoFragmentPayload(int fragmentId, int fragmentNumber, boolean last, Bytes data)
        implements IkePayload {

    private static final int FLAG_LAST = 0x01;

    public CiscoFragmentPayload {
        if (fragmentId < 0 || fragmentId > 0xFFFF || fragmentNumber < 1 || fragmentNumber > 0xFF) {
            throw new IllegalArgumentException("fragment id " + fragmentId + " number " + fragmentNumber);
        }
    }

    static CiscoFragmentPayload decode(PayloadReader in) throws IkeDecodeException {
        int id = in.u16("Cisco fragment id");
        int number = in.u8("Cisco fragment number");
        int flags = in.u8("Cisco fragment flags");
        if (number < 1) {
            throw IkeDecodeException.invalidSyntax("Cisco fragment number 0");
        }
        return new CiscoFragmentPayload(id, number, (flags & FLAG_LAST) != 0, in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u16(fragmentId).u8(fragmentNumber).u8(last ? FLAG_LAST : 0).bytes(data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.CISCO_FRAGMENT;
    }

    @Override
    public String summary() {
        return "FRAG(" + fragmentId + "/" + fragmentNumber + (last ? "/last" : "") + ")";
    }
}
