// Searcher's notices of filter values no paper has, and the facet values they are compared with.
#include "filter_notices.h"

#include "field_values.h"

#include "mlsys/query/search.h"

#include "mlsys/schema/analysis.h"
#include "mlsys/schema/edit_distance.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <set>

namespace mlsys::query {

using schema::FieldId;

namespace {

constexpr std::size_t kClosestListed = 3;

// A typo costs an edit or two ("ICFP" is two from "ICML"); more than a third of a long name is
// another name.
std::size_t edits_allowed(const std::string& value) {
    return std::max<std::size_t>(2, value.size() / 3);
}

// "2017..2019": the years the index holds, or nothing for an index without years.
std::vector<std::string> year_range(const Xapian::Database& db) {
    const Xapian::valueno slot = schema::field(FieldId::Year).slot;
    const std::string low = db.get_value_lower_bound(slot);
    const std::string high = db.get_value_upper_bound(slot);
    if (low.empty() || high.empty()) return {};
    return {std::to_string(schema::year_from_value(low)) + ".." + std::to_string(schema::year_from_value(high))};
}

// A category filter names a path or any level of one: both are candidates.
std::vector<std::string> category_names(const std::vector<std::string>& paths) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    for (const std::string& path : paths) {
        for (const std::string& name : {path, text::split(path, schema::kPathSeparator).back()}) {
            if (seen.insert(name).second) names.push_back(name);
        }
    }
    return names;
}

// The author words of the index nearest the words of `name` that no author has.
std::vector<std::string> closest_author_words(const Xapian::Database& db, const std::string& name) {
    const std::string prefix(schema::field(FieldId::Author).prefix);
    std::vector<std::string> words;
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        words.push_back((*term).substr(prefix.size()));
    }
    std::vector<std::string> closest;
    for (const std::string& term : analysis::terms_in_order(name, prefix)) {
        if (db.term_exists(term)) continue;
        const std::string word = term.substr(prefix.size());
        for (std::string& near : text::closest(word, words, kClosestListed, edits_allowed(word))) {
            if (std::find(closest.begin(), closest.end(), near) == closest.end()) closest.push_back(std::move(near));
        }
    }
    return closest;
}

}  // namespace

bool matches_any_paper(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    return !enquire.get_mset(0, 1).empty();
}

std::string filter_notice_message(const FilterNotice& notice) {
    const std::string message =
        "no " + std::string(schema::field(notice.field).name) + " " + notice.value + " in this index";
    if (notice.closest.empty()) return message;
    if (notice.field == FieldId::Year) return message + "; it holds " + notice.closest.front();
    return message + "; closest: " + text::join(notice.closest, ", ");
}

std::vector<std::string> Searcher::facet_values(FieldId id) {
    const schema::Field& field = schema::field(id);
    if (!field.facet) throw UsageError(std::string(field.name) + " is not a facet");
    std::vector<std::string> values;
    retrying([&] {
        FacetCounter counter(field);
        Xapian::Enquire enquire(db_);
        enquire.set_query(Xapian::Query::MatchAll);
        enquire.add_matchspy(counter.spy());
        enquire.get_mset(0, 0, db_.get_doccount());
        values.clear();
        for (const FacetValue& value : counter.result().values) values.push_back(value.value);
    });
    return values;
}

std::optional<FilterNotice> Searcher::filter_notice(FieldId id, const std::string& value) {
    const schema::Field& field = schema::field(id);
    if (!field.facet && id != FieldId::Author) return std::nullopt;  // ids have their own notes
    if (matches_any_paper(db_, field_value_query(field, value, aliases_))) return std::nullopt;
    FilterNotice notice{id, value, {}};
    if (id == FieldId::Year) {
        notice.closest = year_range(db_);
    } else if (id == FieldId::Author) {
        notice.closest = closest_author_words(db_, value);
    } else {
        const std::vector<std::string> values = facet_values(id);
        const std::vector<std::string> names = field.hierarchical ? category_names(values) : values;
        notice.closest = text::closest(value, names, kClosestListed, edits_allowed(value));
    }
    return notice;
}

std::vector<FilterNotice> Searcher::filter_notices(const SearchRequest& request,
                                                   const std::vector<std::pair<FieldId, std::string>>& in_text) {
    std::vector<std::pair<FieldId, std::string>> given = in_text;
    for (const auto& [id, values] : request.filters) {
        for (const std::string& value : values) given.emplace_back(id, value);
    }
    std::vector<FilterNotice> notices;
    for (const auto& [id, value] : given) {
        if (std::optional<FilterNotice> notice = filter_notice(id, value)) notices.push_back(std::move(*notice));
    }
    return notices;
}

}  // namespace mlsys::query
