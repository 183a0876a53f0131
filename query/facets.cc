#include "mlsys/query/facets.h"

#include "mlsys/schema/text.h"

#include <algorithm>
#include <map>

namespace mlsys::query {

using schema::FieldId;

namespace {

std::string parent_of(const std::string& path) {
    const std::size_t last = path.rfind(schema::kPathSeparator);
    return last == std::string::npos ? std::string() : path.substr(0, last);
}

// `by_count` (count then name) regrouped as a tree: each path, then its sub-categories' trees.
std::vector<FacetValue> as_tree(const std::vector<FacetValue>& by_count) {
    std::map<std::string, std::vector<FacetValue>> children;  // by parent path; "" holds the roots
    for (const FacetValue& value : by_count) children[parent_of(value.value)].push_back(value);
    std::vector<FacetValue> tree;
    const auto add_below = [&](const std::string& parent, std::size_t depth, const auto& recurse) -> void {
        const auto it = children.find(parent);
        if (it == children.end()) return;
        for (FacetValue value : it->second) {
            value.depth = depth;
            tree.push_back(value);
            recurse(value.value, depth + 1, recurse);
        }
    };
    add_below("", 0, add_below);
    return tree;
}

}  // namespace

std::map<std::string, Xapian::doccount> FacetCounter::value_counts() const {
    std::map<std::string, Xapian::doccount> counts;
    for (auto it = spy_.values_begin(); it != spy_.values_end(); ++it) {
        const std::string& value = *it;
        const Xapian::doccount count = it.get_termfreq();
        if (!schema::holds_list(field_.type)) {
            counts[value] += count;
            continue;
        }
        // The document builder packs each value once, so a paper counts once for each.
        for (const std::string& item : text::split(value, schema::kPackedValueSeparator)) counts[item] += count;
    }
    return counts;
}

FacetCounts FacetCounter::result() const {
    FacetCounts facet{field_.id, {}};
    const std::map<std::string, Xapian::doccount> counts = value_counts();
    if (field_.id == FieldId::Year) {
        // std::map orders sortable-serialised years ascending; show the newest first.
        for (auto it = counts.rbegin(); it != counts.rend(); ++it) {
            facet.values.push_back({std::to_string(schema::year_from_value(it->first)), it->second});
        }
        return facet;
    }
    for (const auto& [value, count] : counts) facet.values.push_back({value, count});
    std::stable_sort(facet.values.begin(), facet.values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    if (field_.hierarchical) facet.values = as_tree(facet.values);
    return facet;
}

}  // namespace mlsys::query
