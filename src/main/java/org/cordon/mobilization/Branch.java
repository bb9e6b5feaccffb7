package org.cordon.mobilization;

/**
 * A Party branch with its secretary and member count.
 *
 * @param areaCode       area of the branch (the compound of a compound branch); null if not recorded
 * @param checkpointCode the checkpoint of a checkpoint branch, else null
 * @param secretaryId    the secretary's member id, or null
 */
public record Branch(long id, String name, BranchKind kind, boolean temporary, String parentOrg, String areaCode,
                     String areaName, String checkpointCode, String checkpointName, Long secretaryId, String secretaryName,
                     int memberCount, boolean sample) {
}
