/**
 * EAP (RFC 3748) methods as services: framing, the authenticator (server) role and the peer (client) role.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.eap;
