/**
 * EAP-GTC (RFC 3748 section 5.6): the {@code EapMethod} service {@code eap.type=6}, {@code eap.vendor=0},
 * {@code eap.name=gtc}, authenticator and peer role. The authenticator prompts "Password: " and checks the
 * response (the bare password, as strongSwan's client sends it) with {@code CredentialStore#verifyPassword},
 * so hashed local passwords and RADIUS PAP both work. No MSK. Private package: nothing is exported.
 */
package io.flexgate.eap.gtc;
