/**
 * The IPsec data plane seam (install and remove CHILD_SA pairs, counters), after strongSwan's kernel_ipsec.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.flexgate.api.dataplane;
