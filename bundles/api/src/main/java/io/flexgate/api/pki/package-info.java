/**
 * Trustpoints: signing keys, certificate chains sent to peers and CA trust for peer certificates.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.flexgate.api.pki;
