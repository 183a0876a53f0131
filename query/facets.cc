#include "mlsys/query/facets.h"

#include "mlsys/schema/text.h"

#include <algorithm>

namespace mlsys::query {

using schema::FieldId;

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    const std::string value = doc.get_value(field_.slot);
    if (value.empty()) return;
    if (!field_.hierarchical) {
        ++counts_[value];
        return;
    }
    for (const std::string& path : text::split(value, schema::kPackedValueSeparator)) ++counts_[path];
}

// Xapian takes ownership of the clone: its API requires a raw pointer here.
Xapian::MatchSpy* FacetCounter::clone() const { return new FacetCounter(field_); }

std::string FacetCounter::name() const { return "mlsys.FacetCounter"; }

FacetCounts FacetCounter::result() const {
    FacetCounts facet{field_.id, {}};
    if (field_.id == FieldId::Year) {
        // std::map orders sortable-serialised years ascending; show the newest first.
        for (auto it = counts_.rbegin(); it != counts_.rend(); ++it) {
            facet.values.push_back({std::to_string(schema::year_from_value(it->first)), it->second});
        }
        return facet;
    }
    for (const auto& [value, count] : counts_) facet.values.push_back({value, count});
    std::stable_sort(facet.values.begin(), facet.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    return facet;
}

}  // namespace mlsys::query
