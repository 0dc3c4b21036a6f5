/**
 * Cisco AnyConnect specifics that other bundles need: the configured AnyConnect XML profiles (for the
 * shell's listing and export commands) and what an AnyConnect-EAP peer received from the headend.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.anyconnect;
