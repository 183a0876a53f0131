// Facet counts: exact, over every match, read from the value slots of the schema.
#pragma once

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace mlsys::query {

struct FacetValue {
    std::string value;
    Xapian::doccount count = 0;
};

struct FacetCounts {
    schema::FieldId field;
    std::vector<FacetValue> values;  // in display order
};

// Counts the values of one facet field over the documents the matcher shows it. A
// hierarchical field's slot holds the document's paths and all their ancestors, so each
// level is counted once per document. Counts are exact only when the MSet was asked to check
// every match (checkatleast = database size): Searcher does that.
class FacetCounter : public Xapian::MatchSpy {
  public:
    explicit FacetCounter(const schema::Field& field) : field_(field) {}

    void operator()(const Xapian::Document& doc, double weight) override;
    Xapian::MatchSpy* clone() const override;
    std::string name() const override;

    // Display values (years decoded) in display order: years newest first, the rest by count
    // then name.
    FacetCounts result() const;

  private:
    const schema::Field& field_;
    std::map<std::string, Xapian::doccount> counts_;  // keyed by the stored value
};

}  // namespace mlsys::query
