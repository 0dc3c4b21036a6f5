/**
 * The IOS configuration importer and exporter: a FlexVPN configuration in, ConfigAdmin configurations of
 * DESIGN section 3 out, and the live configuration back as IOS text; and {@link io.flexgate.api.config.ConfigFiles},
 * which writes a configuration's etc/ file whole and on disk before ConfigAdmin is updated.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.flexgate.api.config;
