/**
 * The IKEv2 initiator (RFC 7296 as the party that starts): IKE_SA_INIT with INVALID_KE and COOKIE retries,
 * IKE_AUTH with the server's certificate checked against a CA and the expected server name, EAP through an
 * {@link io.flexgate.api.eap.EapPeer} (AnyConnect-EAP, MSCHAPv2, MD5, GTC), the configuration request, the
 * final AUTH over the MSK or SK_pi, CHILD_SA keys, DELETE and answers to the responder's DPD.
 *
 * <p>A versioned SPI of the IKE bundle: the FlexGate client (bundles/client) and the in-process exchange
 * tests drive {@link io.flexgate.ikev2.initiator.IkeInitiator} over any
 * {@link io.flexgate.ikev2.transport.IkeTransport}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.flexgate.ikev2.initiator;
