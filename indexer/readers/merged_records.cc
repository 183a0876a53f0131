#include "readers/merged_records.h"

#include <algorithm>

namespace mlsys::indexer {

namespace {

void fill(std::string& kept, const std::string& repeat) {
    if (kept.empty()) kept = repeat;
}

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

void note_other_category(Paper& kept, const std::string& category) {
    if (category.empty() || category == kept.category) return;
    Json& others = kept.extra["other_categories"];
    if (!others.is_array()) others = Json::array();
    add_missing(others, Json::array({category}));
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

}  // namespace

void merge_paper(Paper& kept, const Paper& repeat) {
    fill(kept.title, repeat.title);
    fill(kept.venue, repeat.venue);
    if (!kept.year) kept.year = repeat.year;
    if (kept.category.empty()) {
        kept.category = repeat.category;
    } else {
        note_other_category(kept, repeat.category);
    }
    if (kept.authors.empty()) kept.authors = repeat.authors;
    fill(kept.abstract, repeat.abstract);
    fill(kept.url, repeat.url);
    fill(kept.doi, repeat.doi);
    add_missing(kept.keywords, repeat.keywords);
    add_missing(kept.references, repeat.references);
    add_missing(kept.citations, repeat.citations);
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
