// The records of one file, with records that share an id merged into the first: a list may name
// a paper in two sections, an export may repeat a row.
#pragma once

#include "mlsys/indexer/paper_reader.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace mlsys::indexer {

// Combines `repeat` into `kept` field by field, by each field's schema::Merge rule: the best of
// each (the peer-reviewed venue and its year, the longest abstract, the fullest author list),
// the union of lists (keywords, links, aliases, sources), `kept`'s value where neither is
// better. Missing extra keys and items of extra arrays join too.
void merge_paper(Paper& kept, const Paper& repeat);

class MergedRecords {
  public:
    void add(Paper paper, const SourceLocation& where, IdOrigin id_origin);
    std::vector<ReadRecord> take() { return std::move(records_); }

  private:
    std::vector<ReadRecord> records_;
    std::unordered_map<std::string, std::size_t> index_by_id_;
};

}  // namespace mlsys::indexer
