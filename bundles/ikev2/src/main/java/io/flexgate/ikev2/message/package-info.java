/**
 * The IKEv2 wire codec (RFC 7296 section 3, RFC 7383): the {@link io.flexgate.ikev2.message.IkeHeader} and one
 * immutable record per payload in the sealed family {@link io.flexgate.ikev2.message.IkePayload}, decoded by the
 * single {@link io.flexgate.ikev2.message.IkePayloadFactory}; IANA registries as open values whose
 * {@code valueOf} never throws for a wire value (transform ids and AUTH methods are the crypto package's);
 * the per-exchange payload rules {@link io.flexgate.ikev2.message.ExchangeRules}; whole messages through
 * {@link io.flexgate.ikev2.message.IkeMessageCodec}, which opens and seals SK/SKF payloads with an
 * {@link io.flexgate.ikev2.crypto.SkCipher} and returns every outcome as a
 * {@link io.flexgate.ikev2.message.DecodeResult} (RFC 7296 section 2.21: protected and unprotected errors,
 * integrity failures, partial fragments), never as an exception; and the bounded
 * {@link io.flexgate.ikev2.message.FragmentReassembler} for RFC 7383 and Cisco fragments.
 *
 * <p>Exported at 0.1.0 as the SPI the FlexGate client (bundles/client) builds its initiator on; not an API for other bundles. Every length is checked before it is read; every input limit is a named
 * constant ({@code MAX_*}). Not thread-safe where state exists (the reassembler): owned by the IKE SA's executor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.flexgate.ikev2.message;
