package io.flexgate.ikev2.message;

/**
 * Encrypted and Authenticated Fragment payload SKF (RFC 7383 section 2.5).
 *
 * @param firstInnerPayload type of the first inner payload in fragment 1, {@link PayloadType#NONE} in the others
 * @param fragmentNumber    1..totalFragments
 * @param totalFragments    number of fragments of the message
 * @param body              IV, ciphertext and ICV of this fragment
 */
public record EncryptedFragmentPayload(PayloadType firstInnerPayload, int fragmentNumber, int totalFragments,
        Bytes body) implements IkePayload {

    /** Fragment Number and Total Fragments precede the IV (RFC 7383 section 2.5). */
    public static final int FRAGMENT_FIELDS_LENGTH = 4;

    public EncryptedFragmentPayload {
        if (!isValid(fragmentNumber, totalFragments)) {
            throw new IllegalArgumentException("fragment " + fragmentNumber + " of " + totalFragments);
        }
    }

    private static boolean isValid(int number, int total) {
        return number >= 1 && number <= total && total <= 0xFFFF;
    }

    static EncryptedFragmentPayload decode(PayloadReader in, PayloadType next) throws IkeDecodeException {
        int number = in.u16("fragment number");
        int total = in.u16("total fragments");
        if (!isValid(number, total)) {
            throw IkeDecodeException.invalidSyntax("fragment " + number + " of " + total);
        }
        return new EncryptedFragmentPayload(next, number, total, in.rest());
    }

    @Override
    public void encodeBody(PayloadWriter out) {
        out.u16(fragmentNumber).u16(totalFragments).bytes(body);
    }

    @Override
    public PayloadType type() {
        return PayloadType.SKF;
    }

    @Override
    public String summary() {
        return "EF(" + fragmentNumber + "/" + totalFragments + ")";
    }
}
