/**
 * The IKEv2 crypto suite: IANA transform registries ({@link io.flexgate.ikev2.crypto.EncrAlgorithm},
 * {@link io.flexgate.ikev2.crypto.PrfAlgorithm}, {@link io.flexgate.ikev2.crypto.IntegAlgorithm},
 * {@link io.flexgate.ikev2.crypto.DhGroup}, {@link io.flexgate.ikev2.crypto.EsnMode},
 * {@link io.flexgate.ikev2.crypto.AuthMethod}, {@link io.flexgate.ikev2.crypto.HashAlgorithm}); small interfaces
 * over the primitives ({@link io.flexgate.ikev2.crypto.Prf}, {@link io.flexgate.ikev2.crypto.Integrity},
 * {@link io.flexgate.ikev2.crypto.Cipher}, {@link io.flexgate.ikev2.crypto.Aead},
 * {@link io.flexgate.ikev2.crypto.KeyExchange}) whose implementations and providers
 * {@link io.flexgate.ikev2.crypto.CryptoSuite} chooses in one place; RFC 7296 key derivation
 * ({@link io.flexgate.ikev2.crypto.IkeKeyDerivation}); SK payload protection
 * ({@link io.flexgate.ikev2.crypto.SkCipherFactory}); and AUTH computation
 * ({@link io.flexgate.ikev2.crypto.AuthOctets}, {@link io.flexgate.ikev2.crypto.SharedKeyAuth},
 * {@link io.flexgate.ikev2.crypto.SignatureAuth}, {@link io.flexgate.ikev2.crypto.SignatureHashAlgorithms}).
 *
 * <p>Exported at 0.1.0 as the SPI the FlexGate client (bundles/client) builds its initiator on; not an API for other bundles. Key material travels as {@link io.flexgate.api.Secret} or as byte arrays that
 * are wiped after use; comparisons of secrets are constant-time.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.flexgate.ikev2.crypto;
