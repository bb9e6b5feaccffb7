/**
 * Road checkpoints (卡口): passages of vehicles and pedestrians with their occupants' screening,
 * the screening rules (fever threshold, risk areas), daily counts and the alert board.
 * Public API: {@link org.cordon.checkpoint.CheckpointManagement}; events
 * {@link org.cordon.checkpoint.PassageRegistered}, {@link org.cordon.checkpoint.FeverReferralRequired},
 * {@link org.cordon.checkpoint.RiskArrivalDetected}. Events carry ids only, never personal data.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Checkpoint screening")
package org.cordon.checkpoint;
