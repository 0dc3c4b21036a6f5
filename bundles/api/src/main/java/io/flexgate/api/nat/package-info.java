/**
 * NAT overload (masquerade) of client traffic leaving through an outside interface.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.nat;
