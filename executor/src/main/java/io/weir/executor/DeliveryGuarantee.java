package io.weir.executor;

/**
 * What a running job promises about its output across a failure and a resume from its latest
 * checkpoint, as SHOW JOBS shows it: {@code EXACTLY_ONCE} when it checkpoints and every sink commits
 * staged output only for completed checkpoints; {@code AT_LEAST_ONCE} when it checkpoints but a sink
 * (or the rows sent to a client) may repeat rows written after the last checkpoint; {@code NONE} when
 * it does not checkpoint (a restart starts over).
 */
public enum DeliveryGuarantee {
    EXACTLY_ONCE,
    AT_LEAST_ONCE,
    NONE
}
