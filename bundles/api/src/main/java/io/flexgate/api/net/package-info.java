/**
 * IP addressing types shared by pools, authorization, traffic selectors and NAT: prefixes and ranges.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.net;
