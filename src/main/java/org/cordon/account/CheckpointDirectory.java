package org.cordon.account;

/**
 * Which checkpoints exist, for posting officers to them. The checkpoint module owns the checkpoints and
 * depends on this one, so it provides the implementation (dependency inversion): the account module never
 * reads the checkpoint table itself.
 */
public interface CheckpointDirectory {

    /** True when a checkpoint with this code exists. */
    boolean exists(String code);

    /** Every checkpoint, code → name, in code order (the administrator's multi-choice of checkpoints). */
    java.util.Map<String, String> names();
}
