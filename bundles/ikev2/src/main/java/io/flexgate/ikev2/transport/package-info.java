/**
 * UDP transport of IKE messages: the {@link io.flexgate.ikev2.transport.Datagram} with its sender and recipient,
 * the {@link io.flexgate.ikev2.transport.IkeTransport} seam, and the Netty sockets on ports 500 and 4500 with the
 * RFC 3948 demultiplexing of ESP in UDP.
 *
 * <p>Exported at 0.1.0 as part of the SPI the FlexGate client (bundles/client) builds on: its own socket implements
 * {@code IkeTransport} for the initiator; not an API for other bundles.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.flexgate.ikev2.transport;
