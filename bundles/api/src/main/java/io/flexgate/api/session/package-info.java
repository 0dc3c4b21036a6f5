/**
 * A read-only view of established sessions and their lifecycle events.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.session;
