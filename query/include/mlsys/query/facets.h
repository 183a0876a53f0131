// Facet counts: exact, over every match, read from the value slots of the schema.
#pragma once

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace mlsys::query {

struct FacetValue {
    std::string value;  // a hierarchical field's value is the full path, "Deep learning/Training"
    Xapian::doccount count = 0;
    std::size_t depth = 0;  // levels above the value in its path: 0 for a root and a flat value
};

struct FacetCounts {
    schema::FieldId field;
    std::vector<FacetValue> values;  // in display order
};

// Counts the values of one facet field over the documents the matcher shows it. A
// hierarchical field's slot holds the document's paths and all their ancestors, each once, so
// a path counts every document filed at or below it once, even one filed under two of its
// sub-categories. Counts are exact only when the MSet was asked to check every match
// (checkatleast = database size): Searcher does that.
class FacetCounter : public Xapian::MatchSpy {
  public:
    explicit FacetCounter(const schema::Field& field) : field_(field) {}

    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;

    // Display values (years decoded) in display order: years newest first; a hierarchy as a
    // tree, each path followed by its sub-categories, siblings by count then name; the rest by
    // count then name.
    FacetCounts result() const;

  private:
    const schema::Field& field_;
    // Each value, list items split out, with its count, keyed by the stored value.
    std::map<std::string, Xapian::doccount> value_counts() const;

    std::unordered_map<std::string, Xapian::doccount> slot_counts_;  // whole slot values as stored
};

}  // namespace mlsys::query
