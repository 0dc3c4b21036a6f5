/**
 * Authentication, authorization and accounting: credential stores, IOS-style method lists and authorization attributes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.aaa;
