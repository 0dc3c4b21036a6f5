/**
 * TUN devices that carry the inner IP packets of remote-access sessions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.flexgate.api.tun;
