// Hook tools every reactive hook calls before its first handler, started together so that
// their start-up costs overlap; hookcmd::run() then answers the first identical call from here.
#pragma once

namespace charm::hookcmd {

// Runs is-leader and leader-get (and config-get --all when with_config) at once.
void prefetch_start_of_hook(bool with_config);
// Forgets answers nobody asked for (end of hook): a later hook must ask again.
void drop_prefetched();

}  // namespace charm::hookcmd
