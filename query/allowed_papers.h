// The papers a ranked search with a phrase keeps, and its disjunctive facets' counts.
#pragma once

#include "mlsys/query/facets.h"
#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace mlsys::query {

// Xapian 1.4.22 can give a paper the weight of a phrase it does not contain when the phrase is
// OR-ed with other words and a sparser filter drives the match (through OrPostList::check). A
// ranked search with filters and a phrase therefore runs its query unfiltered and keeps only
// the papers the filters allow with this decider: the same matches, with the weights of the
// unfiltered query. Queries without phrases, which the bug spares and where a selective
// filter can drive the match, keep OP_FILTER.
//
// A decider sees each shard's own document and docid (an index of several databases, a stub,
// numbers the shards' documents 1, 2, ... each): over one database each filter's papers are a
// bitmap of docids, gathered by a spy without reading a document; over several the papers all
// filters allow are known by their id value, which is the same on every backend (a value read
// for each paper).
class AllowedPapers : public Xapian::MatchDecider {
  public:
    // `filters`: each filtered field's query (all of them must match).
    AllowedPapers(const Xapian::Database& db, const std::vector<std::pair<schema::FieldId, Xapian::Query>>& filters);

    bool operator()(const Xapian::Document& doc) const override;

    // Whether the filters are known one by one (one database), as disjunctive counting needs.
    bool by_docid() const { return !filters_.empty(); }

    // While counting, each candidate the matcher shows the decider is also counted for each
    // filtered facet in `counters` whose other filters all let it through: the facet's counts
    // as if its own filter were not set (the unfiltered query's matches are all shown, when the
    // match checks every one). By docid only; `counters` by field, nullptr to stop.
    void count_disjunctive(const std::vector<std::pair<schema::FieldId, FacetCounter*>>* counters) {
        counters_ = counters;
    }

  private:
    struct Filter {
        schema::FieldId field;
        std::vector<bool> docids;
        bool allows(Xapian::docid docid) const { return docid < docids.size() && docids[docid]; }
    };
    void count(const Xapian::Document& doc, const Filter* failed) const;

    const Xapian::valueno id_slot_ = schema::field(schema::FieldId::Id).slot;
    std::vector<Filter> filters_;          // one database
    std::unordered_set<std::string> ids_;  // several
    const std::vector<std::pair<schema::FieldId, FacetCounter*>>* counters_ = nullptr;
};

}  // namespace mlsys::query
