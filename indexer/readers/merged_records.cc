#include "readers/merged_records.h"

#include "mlsys/schema/schema.h"

#include <algorithm>
#include <variant>

namespace mlsys::indexer {

using schema::member_of;

namespace {

void add_missing(std::vector<std::string>& kept, const std::vector<std::string>& repeat) {
    for (const std::string& item : repeat) {
        if (std::find(kept.begin(), kept.end(), item) == kept.end()) kept.push_back(item);
    }
}

void add_missing(Json& kept, const Json& repeat) {
    for (const Json& item : repeat) {
        if (std::find(kept.begin(), kept.end(), item) == kept.end()) kept.push_back(item);
    }
}

void merge_extra(Json& kept, const Json& repeat) {
    for (const auto& [key, value] : repeat.items()) {
        const auto it = kept.find(key);
        if (it == kept.end()) {
            kept[key] = value;
        } else if (it->is_array() && value.is_array()) {
            add_missing(*it, value);
        }
    }
}

// The repeat's value of `field` fills the kept paper's gap, or its missing items join a union
// (so a paper listed in two sections keeps both categories).
void merge_field(Paper& kept, const Paper& repeat, const schema::Field& field) {
    if (field.merge == schema::Merge::Union) {
        add_missing(member_of<std::vector<std::string>>(kept, field), member_of<std::vector<std::string>>(repeat, field));
    } else if (!has_value(kept, field)) {
        std::visit([&](auto member) { kept.*member = repeat.*member; }, field.member);
    }
}

}  // namespace

void merge_paper(Paper& kept, const Paper& repeat) {
    for (const schema::Field& field : schema::kFields) merge_field(kept, repeat, field);
    merge_extra(kept.extra, repeat.extra);
}

void MergedRecords::add(Paper paper, const SourceLocation& where) {
    const auto [it, inserted] = index_by_id_.emplace(paper.id, records_.size());
    if (inserted) {
        records_.push_back(ReadRecord{std::move(paper), where});
    } else {
        merge_paper(records_[it->second].paper, paper);
    }
}

}  // namespace mlsys::indexer
