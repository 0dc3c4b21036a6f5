/**
 * EAP-MSCHAPv2 (RFC 2759, draft-kamath-pppext-eap-mschapv2, MSK per RFC 3079): the {@code EapMethod} service
 * {@code eap.type=26}, {@code eap.vendor=0}, {@code eap.name=mschapv2}, authenticator and peer role, checked
 * byte for byte against a strongSwan capture. Optional configuration PID {@code io.flexgate.eap.mschapv2}
 * ({@code retries}, {@code authenticatorName}). Needs Bouncy Castle's {@code bcprov} for MD4. Private package:
 * nothing is exported.
 */
package io.flexgate.eap.mschapv2;
