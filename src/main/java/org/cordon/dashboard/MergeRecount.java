package org.cordon.dashboard;

import org.cordon.observation.DuplicateEpisodesMerged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Duplicate records of the same person and arrival were merged (the registry's returnees, then the observation's
 * episodes): the figures counted from their events (returnees, episodes started, checks) no longer match the records,
 * so the read models are recounted from the sources once the observation module has taken the merge over. Merges
 * are rare (the migration that cleans up an old database); a recount is exact.
 */
@Component
class MergeRecount {

    private final DashboardManagement dashboard;

    MergeRecount(DashboardManagement dashboard) {
        this.dashboard = dashboard;
    }

    @ApplicationModuleListener
    void on(DuplicateEpisodesMerged event) {
        dashboard.rebuild("merge of duplicate records");
    }
}
