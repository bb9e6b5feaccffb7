package org.cordon.observation;

/**
 * The observation module took over the registry's merge of duplicate returnee records ({@code ReturneesMerged}):
 * the merged records' episodes belong to the kept ones, and of the open episodes of one arrival only the oldest
 * remains ({@code episodesRemoved} were merged into it and deleted). Figures counted from episodes and checks change.
 */
public record DuplicateEpisodesMerged(int returneeMerges, int episodesRemoved) {
}
