package io.flexgate.eap.mschapv2;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * The MS-CHAPv2 computations of RFC 2759 section 8 and the MPPE key derivation of RFC 3079 section 3,
 * named as the RFCs name them. MD4 comes from Bouncy Castle's lightweight API (the JDK has none a bundle
 * may use); SHA-1 and DES/ECB come from the JDK. Every result is a fresh array the caller owns and wipes.
 */
final class MsChapV2Crypto {

    static final int CHALLENGE_LENGTH = 16;
    static final int NT_RESPONSE_LENGTH = 24;
    static final int NT_HASH_LENGTH = 16;
    /** SHA-1 output: the authenticator response is sent as "S=" and 40 hex digits. */
    static final int AUTHENTICATOR_RESPONSE_LENGTH = 20;
    /** RFC 3079 section 3.4: 16-octet master key and start keys for 128-bit MPPE. */
    static final int KEY_LENGTH = 16;
    /** MasterReceiveKey | MasterSendKey | 32 zero octets, as strongSwan and Windows build it. */
    static final int MSK_LENGTH = 64;

    private static final byte[] AUTH_MAGIC_1 = ascii("Magic server to client signing constant");
    private static final byte[] AUTH_MAGIC_2 = ascii("Pad to make it do more than one iteration");
    private static final byte[] KEY_MAGIC_1 = ascii("This is the MPPE Master Key");
    private static final byte[] KEY_MAGIC_2 =
            ascii("On the client side, this is the send key; on the server side, it is the receive key.");
    private static final byte[] KEY_MAGIC_3 =
            ascii("On the client side, this is the receive key; on the server side, it is the send key.");
    private static final byte[] SHS_PAD_1 = new byte[40];
    private static final byte[] SHS_PAD_2 = filled(40, (byte) 0xF2);

    private MsChapV2Crypto() {
    }

    /** RFC 2759 section 8.3: MD4 of the password in UTF-16LE ("Unicode"). */
    static byte[] ntPasswordHash(char[] password) {
        ByteBuffer unicode = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[unicode.remaining()];
        unicode.get(bytes);
        if (unicode.hasArray()) {
            Arrays.fill(unicode.array(), (byte) 0);
        }
        byte[] hash = md4(bytes);
        Arrays.fill(bytes, (byte) 0);
        return hash;
    }

    /** RFC 2759 section 8.4: MD4 of the NT hash. */
    static byte[] hashNtPasswordHash(byte[] ntHash) {
        return md4(ntHash);
    }

    /**
     * RFC 2759 section 8.2: the first 8 octets of SHA-1(PeerChallenge | AuthenticatorChallenge | UserName),
     * where UserName has any domain prefix (up to a backslash) removed.
     */
    static byte[] challengeHash(byte[] peerChallenge, byte[] authenticatorChallenge, String userName) {
        MessageDigest sha1 = sha1();
        sha1.update(peerChallenge);
        sha1.update(authenticatorChallenge);
        sha1.update(userNameWithoutDomain(userName).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(sha1.digest(), 8);
    }

    /** RFC 2759 section 8.1: GenerateNTResponse. */
    static byte[] generateNtResponse(byte[] authenticatorChallenge, byte[] peerChallenge, String userName,
            byte[] ntHash) {
        byte[] challenge = challengeHash(peerChallenge, authenticatorChallenge, userName);
        byte[] response = challengeResponse(challenge, ntHash);
        Arrays.fill(challenge, (byte) 0);
        return response;
    }

    /**
     * RFC 2759 section 8.5: the 8-octet challenge encrypted under the three DES keys that the NT hash,
     * padded with zeros to 21 octets, splits into.
     */
    static byte[] challengeResponse(byte[] challenge, byte[] ntHash) {
        byte[] zPasswordHash = Arrays.copyOf(ntHash, 21);
        byte[] response = new byte[NT_RESPONSE_LENGTH];
        try {
            for (int i = 0; i < 3; i++) {
                byte[] key = desKey(zPasswordHash, 7 * i);
                try {
                    Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
                    des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DES"));
                    des.doFinal(challenge, 0, 8, response, 8 * i);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES/ECB/NoPadding is missing from this Java runtime", e);
        } finally {
            Arrays.fill(zPasswordHash, (byte) 0);
        }
        return response;
    }

    /**
     * RFC 2759 section 8.7: GenerateAuthenticatorResponse, the 20 octets behind "S=".
     */
    static byte[] authenticatorResponse(byte[] ntHash, byte[] ntResponse, byte[] peerChallenge,
            byte[] authenticatorChallenge, String userName) {
        byte[] hashHash = hashNtPasswordHash(ntHash);
        MessageDigest sha1 = sha1();
        sha1.update(hashHash);
        sha1.update(ntResponse);
        sha1.update(AUTH_MAGIC_1);
        byte[] digest = sha1.digest();
        Arrays.fill(hashHash, (byte) 0);
        byte[] challenge = challengeHash(peerChallenge, authenticatorChallenge, userName);
        sha1.update(digest);
        sha1.update(challenge);
        sha1.update(AUTH_MAGIC_2);
        Arrays.fill(digest, (byte) 0);
        return sha1.digest();
    }

    /** The authenticator response as the Success packet carries it: "S=" and 40 upper-case hex digits. */
    static String authenticatorResponseText(byte[] authenticatorResponse) {
        return "S=" + HexFormat.of().formatHex(authenticatorResponse).toUpperCase(Locale.ROOT);
    }

    /** RFC 3079 section 3.4: GetMasterKey, from PasswordHashHash and the NT-Response. */
    static byte[] masterKey(byte[] ntHash, byte[] ntResponse) {
        byte[] hashHash = hashNtPasswordHash(ntHash);
        MessageDigest sha1 = sha1();
        sha1.update(hashHash);
        sha1.update(ntResponse);
        sha1.update(KEY_MAGIC_1);
        Arrays.fill(hashHash, (byte) 0);
        return truncate(sha1.digest(), KEY_LENGTH);
    }

    /** RFC 3079 section 3.4: GetAsymmetricStartKey for 128-bit keys. */
    static byte[] asymmetricStartKey(byte[] masterKey, boolean isSend, boolean isServer) {
        byte[] magic = isSend == isServer ? KEY_MAGIC_3 : KEY_MAGIC_2;
        MessageDigest sha1 = sha1();
        sha1.update(masterKey);
        sha1.update(SHS_PAD_1);
        sha1.update(magic);
        sha1.update(SHS_PAD_2);
        return truncate(sha1.digest(), KEY_LENGTH);
    }

    /**
     * The EAP-MSCHAPv2 MSK: the server's MasterReceiveKey, its MasterSendKey, then 32 zero octets. Both sides
     * compute the same value. This is the layout strongSwan uses (eap_mschapv2.c GenerateMSK) and that
     * interoperates with Windows; the decrypted capture in the interop results confirms it.
     */
    static byte[] msk(byte[] ntHash, byte[] ntResponse) {
        byte[] master = masterKey(ntHash, ntResponse);
        byte[] receive = asymmetricStartKey(master, false, true);
        byte[] send = asymmetricStartKey(master, true, true);
        byte[] msk = new byte[MSK_LENGTH];
        System.arraycopy(receive, 0, msk, 0, KEY_LENGTH);
        System.arraycopy(send, 0, msk, KEY_LENGTH, KEY_LENGTH);
        Arrays.fill(master, (byte) 0);
        Arrays.fill(receive, (byte) 0);
        Arrays.fill(send, (byte) 0);
        return msk;
    }

    /** RFC 2759 section 8.2: a "DOMAIN\\name" prefix is dropped before hashing. */
    static String userNameWithoutDomain(String userName) {
        int backslash = userName.lastIndexOf('\\');
        return backslash < 0 ? userName : userName.substring(backslash + 1);
    }

    /** RFC 2759 section 8.6 DesEncrypt: 7 key octets spread to 8, each with an odd parity bit in bit 0. */
    static byte[] desKey(byte[] source, int offset) {
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = (bits << 8) | (source[offset + i] & 0xFF);
        }
        byte[] key = new byte[8];
        for (int i = 0; i < 8; i++) {
            int seven = (int) (bits >>> (49 - 7 * i)) & 0x7F;
            key[i] = (byte) ((seven << 1) | (Integer.bitCount(seven) % 2 == 0 ? 1 : 0));
        }
        return key;
    }

    private static byte[] md4(byte[] input) {
        MD4Digest md4 = new MD4Digest();
        md4.update(input, 0, input.length);
        byte[] out = new byte[md4.getDigestSize()];
        md4.doFinal(out, 0);
        return out;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    private static byte[] truncate(byte[] digest, int length) {
        byte[] out = Arrays.copyOf(digest, length);
        Arrays.fill(digest, (byte) 0);
        return out;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int length, byte value) {
        byte[] out = new byte[length];
        Arrays.fill(out, value);
        return out;
    }
}
