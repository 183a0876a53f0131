// What the last write of an index was made from, kept in the index (schema::kLastRunKey): a run
// of the same program on the same inputs and settings, against the index that write left,
// would change nothing, and knows so without reading its inputs (mlsys-index's "nothing to do").
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mlsys::indexer {

struct LastRun {
    std::string fingerprint;           // inputs_fingerprint() of the run
    std::size_t papers = 0;            // papers it wrote (added, updated or unchanged)
    std::size_t merged = 0;            // records merged into another record's paper
    std::vector<std::string> skipped;  // the records it skipped (--keep-going), as it reported them
    std::vector<std::string> unread;   // the lines it did not read, as it reported them
};

// A digest of this program (its executable's path, size and time), `settings`, and each of
// `files` in order: its path (made canonical), size and bytes. None when a file is no regular
// file or cannot be read, or the executable cannot be found: then the run reads its inputs,
// which says what is wrong.
std::optional<std::string> inputs_fingerprint(const std::vector<std::string>& files, const std::string& settings);

// The JSON text recorded for `run`.
std::string last_run_metadata(const LastRun& run);

// What the index's last write recorded; none when it recorded nothing (an index written before
// this was kept, or by a write whose inputs had no fingerprint).
std::optional<LastRun> last_run_of(const Xapian::Database& index);

}  // namespace mlsys::indexer
