// Writes paper records into a Xapian index, all or nothing.
#pragma once

#include "mlsys/indexer/paper_list.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace mlsys::indexer {

enum class WriteMode {
    Update,   // add new ids, replace changed ones, in place, in one transaction
    Rebuild,  // build a fresh index beside the old one, then swap it in atomically
};

// Which commit of an index a run read: its papers keep their ids, so a run must write on top of
// the commit it read. `uuid` is empty when there was no index.
struct IndexState {
    std::string uuid;
    Xapian::rev revision = 0;
    bool operator==(const IndexState& other) const { return uuid == other.uuid && revision == other.revision; }
};

// The commit `index` holds (an empty state for no index).
IndexState index_state(const Xapian::Database& index);
IndexState index_state(const std::optional<Xapian::Database>& index);

// Another mlsys-index wrote the index after this run read it: nothing was written, and running
// again (on what that run wrote) is the remedy.
class IndexChanged : public IndexError {
  public:
    using IndexError::IndexError;
};

// Another mlsys-index holds the index's write lock (and --wait, if any, ran out).
class IndexLocked : public IndexError {
  public:
    using IndexError::IndexError;
};

// Told how a write goes, for a progress line. A --jobs build calls it from every shard's thread
// at once: an implementation must be thread-safe.
class WriteProgress {
  public:
    virtual ~WriteProgress() = default;
    // `done` of the write's `total` papers are put (counted over every shard; an unchanged
    // paper counts too).
    virtual void papers_written(std::size_t done, std::size_t total) = 0;
    // The shards are built: Xapian's compactor merges them into one index.
    virtual void merging_shards(std::size_t shards) = 0;
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
    // Write the index as this many shards, kept as they are and listed by a Xapian stub in the
    // index folder (its XAPIANDB file), so that each can be served on its own (xapian-tcpsrv);
    // 0: as the index is (its shards, or one database for a new index). Xapian 1.4 writes one
    // database at a time, so an update of a sharded index rewrites it whole, beside it, keeping
    // the papers the inputs do not touch, and swaps it in as a rebuild does.
    std::size_t shards = 0;
    // Fewer papers than this a shard and the shards cost more to merge than they save.
    std::size_t min_papers_per_shard = 2000;
    // How long to wait for another writer's lock to go (polling it), in seconds; 0: fail at once.
    double wait_seconds = 0;
    // The index the papers were collected against: when given, a write finding another commit
    // throws IndexChanged instead of writing over it.
    std::optional<IndexState> read_state;
    // A fresh build commits each shard every this many papers (0: once, at the end), so its
    // memory stays bounded whatever the number of papers; what it commits is in its scratch
    // folder, never in the index, until the build is swapped in. Xapian's own default is
    // 10,000 documents; 1,000 built faster with far less memory (bench/README.md).
    std::size_t flush_every = 1000;
    WriteProgress* progress = nullptr;  // none: say nothing
    // What this write is made from (last_run.h), recorded in the index; empty: not known, and
    // the record of an earlier write goes.
    std::string last_run;
};

struct WriteSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t removed = 0;
    std::size_t unchanged = 0;
    std::size_t total = 0;  // papers in the index afterwards
};

// Either every change lands or none does: on any exception the index at `db_path` is exactly
// as it was before the call, and the exception names the path (a failed write: IndexError with
// the system's reason). Scratch folders of runs that died (killed, or the machine stopped) are
// removed first: see ScratchFolder in index_writer.cc.
// A fresh build asks `papers` for each paper once, from --jobs threads at once.
WriteSummary write_index(const std::string& db_path, const PaperList& papers, const WriteOptions& options);
WriteSummary write_index(const std::string& db_path, const std::vector<Paper>& papers, const WriteOptions& options);

// What write_index would do, by id, writing nothing.
struct WritePlan {
    std::vector<std::string> added, updated, unchanged, removed;
};
WritePlan plan_index(const std::string& db_path, const PaperList& papers, const WriteOptions& options);
WritePlan plan_index(const std::string& db_path, const std::vector<Paper>& papers, const WriteOptions& options);

}  // namespace mlsys::indexer
