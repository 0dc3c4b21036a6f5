/**
 * The optional native JCA provider, loaded once per container for every bundle that uses it
 * ({@link io.flexgate.nativecrypto.CorrettoLoader}), and the {@code crypto.provider} switch those bundles share
 * ({@link io.flexgate.nativecrypto.CryptoProviderMode}). The provider is never installed in
 * {@link java.security.Security}: callers pass it explicitly.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.flexgate.nativecrypto;
