// Facet counts: exact, over every match, read from the value slots of the schema.
#pragma once

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <map>
#include <string>
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

// Counts the values of one facet field over the documents the matcher shows its spy (spy():
// give it to Enquire::add_matchspy). A hierarchical field's slot holds the document's paths and
// all their ancestors, each once, so a path counts every document filed at or below it once,
// even one filed under two of its sub-categories. Counts are exact only when the MSet was asked
// to check every match (checkatleast = database size): Searcher does that.
//
// The spy is Xapian's own ValueCountMatchSpy over the field's slot, which Xapian can serialise:
// the remote backend (xapian-tcpsrv) counts each remote shard's matches and sends the counts
// back to be merged, so the counts are the same over local and remote shards.
class FacetCounter {
  public:
    explicit FacetCounter(const schema::Field& field) : field_(field), spy_(field.slot) {}

    Xapian::MatchSpy* spy() { return &spy_; }

    // Display values (years decoded) in display order: years newest first; a hierarchy as a
    // tree, each path followed by its sub-categories, siblings by count then name; the rest by
    // count then name.
    FacetCounts result() const;

  private:
    const schema::Field& field_;
    // Each value, list items split out, with its count, keyed by the stored value.
    std::map<std::string, Xapian::doccount> value_counts() const;

    // Whole slot values as stored: papers share a handful of them (a venue, a packed category
    // list), so splitting and decoding wait for result(), once per distinct value.
    Xapian::ValueCountMatchSpy spy_;
};

}  // namespace mlsys::query
