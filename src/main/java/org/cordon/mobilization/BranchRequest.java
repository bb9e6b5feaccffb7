package org.cordon.mobilization;

/**
 * A new Party branch. {@code kind} is a {@link BranchKind} name; a checkpoint branch needs
 * {@code checkpointCode}, a compound branch the compound's {@code areaCode}.
 */
public record BranchRequest(String name, String kind, String parentOrg, String areaCode, String checkpointCode) {
}
