/**
 * EAP-MD5 (RFC 3748 section 5.4, RFC 1994 CHAP): the {@code EapMethod} service {@code eap.type=4},
 * {@code eap.vendor=0}, {@code eap.name=md5}, authenticator and peer role. The authenticator sends a 16-octet
 * challenge from the context's SecureRandom and checks {@code MD5(id | password | challenge)} against the
 * password that {@code CredentialStore#cleartext} returns; a user whose password is stored only hashed fails
 * with a reason saying so. No MSK, no server authentication. Private package: nothing is exported.
 */
package io.flexgate.eap.md5;
