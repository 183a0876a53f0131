// Writes paper records into a Xapian index, all or nothing.
#pragma once

#include "mlsys/schema/paper.h"

#include <cstddef>
#include <string>
#include <vector>

namespace mlsys::indexer {

enum class WriteMode {
    Update,   // add new ids, replace changed ones, in place, in one transaction
    Rebuild,  // build a fresh index beside the old one, then swap it in atomically
};

struct WriteOptions {
    WriteMode mode = WriteMode::Update;
    bool prune = false;  // Update only: also remove ids that are not in the input
    // Threads for a fresh build (a rebuild, or a first build): each builds a shard of the
    // papers, and the shards are compacted into one index.
    std::size_t jobs = 1;
    // Fewer papers than this a shard and the shards cost more to merge than they save.
    std::size_t min_papers_per_shard = 2000;
};

struct WriteSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t removed = 0;
    std::size_t unchanged = 0;
    std::size_t total = 0;  // papers in the index afterwards
};

// Either every change lands or none does: on any exception the index at `db_path` is exactly
// as it was before the call.
WriteSummary write_index(const std::string& db_path, const std::vector<Paper>& papers, const WriteOptions& options);

}  // namespace mlsys::indexer
