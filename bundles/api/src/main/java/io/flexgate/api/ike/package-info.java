/**
 * Extension points of the IKEv2 engine for vendor bundles: vendor IDs, notify and configuration attributes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.ike;
