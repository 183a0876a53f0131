#include "readers/merged_records.h"

#include "mlsys/schema/schema.h"
#include "mlsys/schema/text.h"

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

bool is_preprint_server(const std::string& venue) {
    const std::string name = text::lower(venue);
    return name == "arxiv" || name == "corr" || name == "biorxiv" || name.find("preprint") != std::string::npos;
}

// Whether the repeat's venue is the better one: a venue over none, a peer-reviewed venue over a
// preprint server.
bool venue_wins(const Paper& kept, const Paper& repeat) {
    if (repeat.venue.empty()) return false;
    return kept.venue.empty() || (is_preprint_server(kept.venue) && !is_preprint_server(repeat.venue));
}

void take(Paper& kept, const Paper& repeat, const schema::Field& field) {
    std::visit([&](auto member) { kept.*member = repeat.*member; }, field.member);
}

// Combines `repeat`'s value of `field` into `kept`'s, by the field's Merge rule (a paper filed
// in two sections keeps both categories: a union).
void merge_field(Paper& kept, const Paper& repeat, const schema::Field& field, bool repeat_venue_wins) {
    using Strings = std::vector<std::string>;
    switch (field.merge) {
        case schema::Merge::Union:
            add_missing(member_of<Strings>(kept, field), member_of<Strings>(repeat, field));
            return;
        case schema::Merge::Longest:
            if (member_of<std::string>(repeat, field).size() > member_of<std::string>(kept, field).size()) {
                take(kept, repeat, field);
            }
            return;
        case schema::Merge::MostItems:
            if (member_of<Strings>(repeat, field).size() > member_of<Strings>(kept, field).size()) {
                take(kept, repeat, field);
            }
            return;
        case schema::Merge::PeerReviewed:
        case schema::Merge::WithVenue:
            if ((repeat_venue_wins && has_value(repeat, field)) || !has_value(kept, field)) take(kept, repeat, field);
            return;
        case schema::Merge::FirstGiven:
            if (!has_value(kept, field)) take(kept, repeat, field);
            return;
    }
}

}  // namespace

void merge_paper(Paper& kept, const Paper& repeat) {
    const bool repeat_venue_wins = venue_wins(kept, repeat);
    for (const schema::Field& field : schema::kFields) merge_field(kept, repeat, field, repeat_venue_wins);
    merge_extra(kept.extra, repeat.extra);
}

void MergedRecords::add(Paper paper, const SourceLocation& where, IdOrigin id_origin) {
    const auto [it, inserted] = index_by_id_.emplace(paper.id, records_.size());
    if (inserted) {
        records_.push_back(ReadRecord{std::move(paper), where, id_origin, {}});
    } else {
        merge_paper(records_[it->second].paper, paper);
        records_[it->second].repeats.push_back(where);
    }
}

}  // namespace mlsys::indexer
