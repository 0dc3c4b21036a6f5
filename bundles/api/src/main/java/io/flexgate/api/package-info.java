/**
 * Types shared by every FlexGate service contract: wipeable secrets.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api;
