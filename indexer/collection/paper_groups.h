// Which records are one paper: the same identity key (DOI, arXiv id, Semantic Scholar id), or
// the same title key with close years and a common author (schema/identity.h).
#pragma once

#include "mlsys/schema/paper.h"

#include <cstddef>
#include <string>
#include <vector>

namespace mlsys::indexer {

struct PaperGroup {
    std::vector<std::size_t> members;     // indexes into the records, in input order
    std::vector<std::string> matched_by;  // for each member after the first: the key that joined it
};

// Groups in the order of their first record.
std::vector<PaperGroup> group_same_papers(const std::vector<const Paper*>& records);

// The key two papers share ("doi:…"), else "title" when they are one paper by title, else "".
std::string shared_identity(const Paper& a, const Paper& b);

}  // namespace mlsys::indexer
