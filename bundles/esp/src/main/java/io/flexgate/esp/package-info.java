/**
 * Userspace ESP (RFC 4303 tunnel mode, UDP-encapsulated per RFC 3948) behind the
 * {@link io.flexgate.api.dataplane.DataPlane} service; private to this bundle.
 *
 * <p>Layers, from the wire inwards: {@link io.flexgate.esp.UserspaceEspDataPlane} (the DS component:
 * install/remove, TUN devices, lifetimes) → {@link io.flexgate.esp.EspProcessor} (the two packet paths) →
 * {@link io.flexgate.esp.SaDatabase} (SAD by SPI and by inner destination, sharded copy-on-write) →
 * {@link io.flexgate.esp.InboundSa} / {@link io.flexgate.esp.OutboundSa} (framing, sequence numbers,
 * {@link io.flexgate.esp.ReplayWindow}) → {@link io.flexgate.esp.EspTransform} (AEAD or CBC + HMAC).
 *
 * <p>Threads: one reader per TUN device seals what the kernel routes into it and hands it to the engine's
 * transport; inbound ESP is opened on whatever thread the engine calls from. No hand-off queues: each packet
 * is processed to the end on the thread that has it, so the only queues are the kernel's (TUN) and the
 * engine's (UDP send), both bounded. Per-SA state is guarded by the SA's own locks; lookups are lock-free.
 */
package io.flexgate.esp;
