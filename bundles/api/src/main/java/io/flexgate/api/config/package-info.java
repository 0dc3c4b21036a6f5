/**
 * The IOS configuration importer and exporter: a FlexVPN configuration in, ConfigAdmin configurations of
 * DESIGN section 3 out, and the live configuration back as IOS text.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.config;
