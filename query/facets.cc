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

FacetColumn::FacetColumn(const Xapian::Database& db, const schema::Field& field)
    : by_docid_(db.get_lastdocid() + 1, 0), values_{""} {
    std::map<std::string, std::uint32_t> positions;
    for (auto it = db.valuestream_begin(field.slot); it != db.valuestream_end(field.slot); ++it) {
        const auto [position, added] = positions.emplace(*it, static_cast<std::uint32_t>(values_.size()));
        if (added) values_.push_back(position->first);
        by_docid_[it.get_docid()] = position->second;
    }
}

std::map<std::string, Xapian::doccount> FacetCounter::ColumnSpy::stored_value_counts() const {
    std::map<std::string, Xapian::doccount> counts;
    for (std::size_t i = 1; i < counts_.size(); ++i) {
        if (counts_[i] != 0) counts[column_->values()[i]] = counts_[i];
    }
    return counts;
}

std::map<std::string, Xapian::doccount> FacetCounter::stored_value_counts() const {
    if (column_spy_.counts_by_column()) return column_spy_.stored_value_counts();
    std::map<std::string, Xapian::doccount> counts;
    for (auto it = value_spy_.values_begin(); it != value_spy_.values_end(); ++it) counts[*it] = it.get_termfreq();
    return counts;
}

std::map<std::string, Xapian::doccount> FacetCounter::value_counts() const {
    std::map<std::string, Xapian::doccount> counts;
    for (const auto& [value, count] : stored_value_counts()) {
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

std::unique_ptr<FacetCounter> FacetColumns::counter(const schema::Field& field) const {
    const auto column = columns_.find(field.slot);
    return std::make_unique<FacetCounter>(field, column == columns_.end() ? nullptr : &column->second);
}

void FacetColumns::counted(const std::vector<FacetCounter*>& counters) {
    if (!columns_possible_) return;
    for (const FacetCounter* counter : counters) {
        const Xapian::valueno slot = counter->field().slot;
        if (!counter->reads_values() || columns_.count(slot) != 0) continue;
        std::uint64_t& read = values_read_[slot];
        read += counter->documents_counted();
        if (read >= db_.get_value_freq(slot)) columns_.emplace(slot, FacetColumn(db_, counter->field()));
    }
}

}  // namespace mlsys::query
