// Writes paper records into a Xapian index, all or nothing.
#pragma once

#include "mlsys/schema/paper.h"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace mlsys::indexer {

enum class WriteMode {
    Update,   // add new ids, replace changed ones, in place, in one transaction
    Rebuild,  // build a fresh index beside the old one, then swap it in atomically
};

struct WriteOptions {
    WriteMode mode = WriteMode::Update;
    // Update only: also remove the papers not in the input whose every source is one of
    // `input_files` (so they were read again and are gone); papers of other files stay.
    bool prune = false;
    std::set<std::string> input_files;  // as collection.h's source_file() names them
    // Papers of the index merged into papers with other ids (Collection::retired_ids).
    std::vector<std::string> retired_ids;
    // Threads for a fresh build (a rebuild, or a first build): each builds a shard of the
    // papers, and the shards are compacted into one index.
    std::size_t jobs = 1;
    // Fewer papers than this a shard and the shards cost more to merge than they save.
    std::size_t min_papers_per_shard = 2000;
    // A fresh build commits each shard every this many papers (0: once, at the end), so its
    // memory stays bounded whatever the number of papers; what it commits is in its scratch
    // folder, never in the index, until the build is swapped in. Xapian's own default is
    // 10,000 documents; 1,000 built faster with far less memory (bench/README.md).
    std::size_t flush_every = 1000;
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

// What write_index would do, by id, writing nothing.
struct WritePlan {
    std::vector<std::string> added, updated, unchanged, removed;
};
WritePlan plan_index(const std::string& db_path, const std::vector<Paper>& papers, const WriteOptions& options);

}  // namespace mlsys::indexer
