/**
 * IP local pools: leases of inner addresses for remote-access sessions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.pool;
