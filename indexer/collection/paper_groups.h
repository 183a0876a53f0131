// Which records are one paper: the same identity key (DOI, arXiv id, Semantic Scholar id), or
// the same title key with close years and a common author (schema/identity.h).
#pragma once

#include "mlsys/schema/paper.h"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace mlsys::indexer {

struct PaperGroup {
    std::vector<std::size_t> members;     // indexes into the records, in input order
    std::vector<std::string> matched_by;  // for each member after the first: the key that joined it
};

// The paper of each record, by number: read again on each call (from the run's record spool),
// so grouping holds only keys, never every record.
using RecordPapers = std::function<Paper(std::size_t)>;

// Groups of the `count` records in the order of their first record. Each record is read once
// for its keys, and again only where it shares a key or a title with another.
std::vector<PaperGroup> group_same_papers(std::size_t count, const RecordPapers& paper_of);

// The key two papers share ("doi:…"), else "title" when they are one paper by title, else "".
std::string shared_identity(const Paper& a, const Paper& b);

}  // namespace mlsys::indexer
