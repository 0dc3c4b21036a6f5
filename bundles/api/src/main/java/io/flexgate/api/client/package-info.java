/**
 * The FlexGate client inside Karaf: IKEv2 sessions to a headend that an operator starts, lists and ends
 * ({@code client:connect}, {@code client:status}, {@code client:disconnect}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.api.client;
