// The records of one file, with records that share an id merged into the first: a list may name
// a paper in two sections, an export may repeat a row.
#pragma once

#include "mlsys/indexer/paper_reader.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace mlsys::indexer {

// Fills what `kept` lacks from `repeat`: empty fields, missing extra keys, further categories,
// keywords, references, citations and items of extra arrays (the field table's Merge::Union
// rows). Where both have a single value, `kept` wins.
void merge_paper(Paper& kept, const Paper& repeat);

class MergedRecords {
  public:
    void add(Paper paper, const SourceLocation& where);
    std::vector<ReadRecord> take() { return std::move(records_); }

  private:
    std::vector<ReadRecord> records_;
    std::unordered_map<std::string, std::size_t> index_by_id_;
};

}  // namespace mlsys::indexer
