package io.flexgate.ikev2.crypto;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.BigIntegers;

/**
 * Converts between the JCA's DER ECDSA-Sig-Value and the {@code r | s} concatenation of RFC 4754 section 7,
 * each half zero-padded to the curve's octet length.
 */
final class EcdsaEncoding {

    private EcdsaEncoding() {
    }

    static byte[] derToConcatenated(byte[] der, int halfLength) throws IOException {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        if (sequence.size() != 2) {
            throw new IOException("ECDSA-Sig-Value with " + sequence.size() + " elements");
        }
        BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
        BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
        return IkeKeyDerivation.concat(BigIntegers.asUnsignedByteArray(halfLength, r),
                BigIntegers.asUnsignedByteArray(halfLength, s));
    }

    static byte[] concatenatedToDer(byte[] concatenated) throws IOException {
        int half = concatenated.length / 2;
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOf(concatenated, half));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(concatenated, half, concatenated.length));
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                .getEncoded(ASN1Encoding.DER);
    }
}
