// One record per paper: the records of every input that are one paper (schema/identity.h)
// merged field by field, under an id people can type, with the links between papers following
// the new ids, and each paper remembering the files and lines it was read from.
//
// Collecting decides which records are one paper and what each paper is called, holding only
// keys and ids; each paper is made from its records (read again from the run's RecordSpool)
// when the writer asks for it, so a million papers never sit in memory at once.
#pragma once

#include "mlsys/indexer/paper_list.h"
#include "mlsys/indexer/paper_reader.h"
#include "mlsys/indexer/record_spool.h"

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mlsys::indexer {

// How one paper was made of several records, for --explain-merges and --dry-run.
struct PaperMerge {
    std::string id;
    std::string title;
    // Each record: "FILE:LINE (its id)", or "index (id)" for a paper the index held; in input order.
    std::vector<std::string> parts;
    // Why each part after the first joined the paper: "doi:…", "arxiv:…", "s2:…", "title", "id".
    std::vector<std::string> matched_by;
};

struct Collection {
    // Each paper made when asked, from its records and the index (CollectOptions::index, which
    // must outlive it).
    std::unique_ptr<PaperList> papers;
    std::vector<PaperMerge> merges;
    // Papers of the index that are now part of a paper with another id: the writer removes them.
    std::vector<std::string> retired_ids;
    std::size_t merged_records = 0;  // input records that joined another record's paper
    // Records left out: one whose chosen id (papers JSONL) names another paper of this run.
    std::vector<Problem> problems;
};

struct CollectOptions {
    // The index the papers go into, or nullptr. A paper it already holds keeps its id (when
    // typeable); in an update, it also keeps what its sources that are not read this run said.
    const Xapian::Database* index = nullptr;
    bool update = true;
    std::set<std::string> input_files;  // every input file of the run, as source_file() gives it
};

Collection collect_papers(const std::shared_ptr<const RecordSpool>& records, const CollectOptions& options);
// The same, for records in memory (spooled first).
Collection collect_papers(const std::vector<ReadRecord>& records, const CollectOptions& options);

// The file of an input as sources name it: absolute, links followed.
std::string source_file(const std::string& path);
// The file part of a "FILE:LINE" source.
std::string file_of_source(const std::string& source);

// The sources of `paper` in files that are not `input_files`: what a run reading those files
// does not read again.
std::vector<std::string> sources_outside(const Paper& paper, const std::set<std::string>& input_files);

}  // namespace mlsys::indexer
