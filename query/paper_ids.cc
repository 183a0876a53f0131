#include "mlsys/query/paper_ids.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace mlsys::query {

using schema::FieldId;

namespace {

// The id of the paper `id` names exactly, if the index holds one. An alias (a second id kept
// under a prefix of its own, such as a Semantic Scholar sha) would be looked up here, after the
// id itself, and give the paper's id: every caller then takes it, prefixes never expand over it.
std::optional<std::string> named_paper(const Xapian::Database& db, const std::string& id) {
    if (db.term_exists(schema::id_term(id))) return id;
    return std::nullopt;
}

std::string blank_checked(std::string_view typed) {
    std::string id = text::squeeze_spaces(typed);
    if (id.empty()) throw UsageError("a paper id is empty");
    return id;
}

struct IdsBeginning {
    std::vector<std::string> first;  // in id order, at most kIdsListed
    std::size_t total = 0;
};

// Reads only the ids under `prefix`: for a unique prefix, one term past the match.
IdsBeginning ids_beginning(const Xapian::Database& db, const std::string& prefix) {
    const std::string term_prefix = schema::id_term(prefix);
    const std::size_t id_start = schema::id_term("").size();
    IdsBeginning found;
    for (auto term = db.allterms_begin(term_prefix); term != db.allterms_end(term_prefix); ++term) {
        if (found.first.size() < kIdsListed) found.first.push_back((*term).substr(id_start));
        ++found.total;
    }
    return found;
}

std::string ambiguous_message(const std::string& typed, const IdsBeginning& ids) {
    std::string message = "ambiguous id \"" + typed + "\": " + text::join(ids.first, ", ");
    if (ids.total > ids.first.size()) message += " (and " + std::to_string(ids.total - ids.first.size()) + " more)";
    return message;
}

// Ids are case-sensitive, but "OSDI18-Ray" is close to "osdi18-ray".
bool same_letter(char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

// Levenshtein edits turning `typed` into `id` (whole), or into its closest part (not whole:
// the part may start and end anywhere, as in Sellers' approximate matching). Gives up past
// `bound`, returning bound + 1: an alignment crosses every row, and its cost never falls, so a
// row whose every cell exceeds the bound cannot lead to a match within it.
std::size_t edits(std::string_view typed, std::string_view id, bool whole, std::size_t bound) {
    std::vector<std::size_t> row(id.size() + 1);
    for (std::size_t j = 0; j <= id.size(); ++j) row[j] = whole ? j : 0;
    std::vector<std::size_t> next(row.size());
    for (std::size_t i = 1; i <= typed.size(); ++i) {
        next[0] = i;
        std::size_t row_min = next[0];
        for (std::size_t j = 1; j <= id.size(); ++j) {
            const std::size_t substitute = row[j - 1] + (same_letter(typed[i - 1], id[j - 1]) ? 0 : 1);
            next[j] = std::min({substitute, row[j] + 1, next[j - 1] + 1});
            row_min = std::min(row_min, next[j]);
        }
        if (row_min > bound) return bound + 1;
        row.swap(next);
    }
    const std::size_t found = whole ? row.back() : *std::min_element(row.begin(), row.end());
    return std::min(found, bound + 1);
}

struct Candidate {
    std::size_t part_edits;
    std::size_t whole_edits;
    std::string id;
    bool operator<(const Candidate& other) const {
        return std::tie(part_edits, whole_edits, id) < std::tie(other.part_edits, other.whole_edits, other.id);
    }
};

}  // namespace

std::string resolve_paper_id(const Xapian::Database& db, std::string_view typed) {
    const std::string id = blank_checked(typed);
    if (std::optional<std::string> named = named_paper(db, id)) return *named;
    const IdsBeginning beginning = ids_beginning(db, id);
    if (beginning.total == 1) return beginning.first.front();
    if (beginning.total > 1) throw InputError(ambiguous_message(id, beginning));
    throw InputError(unknown_id_message(id, closest_paper_ids(db, id, kIdsListed)));
}

std::optional<Xapian::Query> paper_id_query(const Xapian::Database& db, FieldId field, std::string_view typed) {
    const std::string value = text::squeeze_spaces(typed);
    if (value.empty()) return std::nullopt;
    // A link field (references:) may name a paper the index lacks: its own term counts too.
    const std::optional<std::string> named = named_paper(db, value);
    const std::string whole = schema::boolean_term(field, named ? *named : value);
    if (named || db.term_exists(whole)) return Xapian::Query(whole);
    if (db.allterms_begin(whole) == db.allterms_end(whole)) return std::nullopt;
    // No limit, as for the wildcards typed in queries: the user asked for every such id.
    return Xapian::Query(Xapian::Query::OP_WILDCARD, whole, 0, Xapian::Query::WILDCARD_LIMIT_ERROR,
                         Xapian::Query::OP_OR);
}

std::vector<std::string> closest_paper_ids(const Xapian::Database& db, std::string_view typed, std::size_t count) {
    const std::string wanted = text::squeeze_spaces(typed);
    const std::string id_prefix = schema::id_term("");
    std::size_t bound = std::max<std::size_t>(1, wanted.size() / 4);
    std::vector<Candidate> closest;  // sorted, at most `count`
    for (auto term = db.allterms_begin(id_prefix); term != db.allterms_end(id_prefix) && count > 0; ++term) {
        std::string id = (*term).substr(id_prefix.size());
        const std::size_t part = edits(wanted, id, false, bound);
        if (part > bound) continue;
        Candidate candidate{part, edits(wanted, id, true, wanted.size() + id.size()), std::move(id)};
        if (closest.size() == count && !(candidate < closest.back())) continue;
        closest.insert(std::upper_bound(closest.begin(), closest.end(), candidate), std::move(candidate));
        if (closest.size() > count) closest.pop_back();
        // Once the list is full, an id needing more edits than its last cannot get in.
        if (closest.size() == count) bound = closest.back().part_edits;
    }
    std::vector<std::string> ids;
    for (Candidate& candidate : closest) ids.push_back(std::move(candidate.id));
    return ids;
}

std::string unknown_id_message(std::string_view typed, const std::vector<std::string>& closest) {
    const std::string message = "no paper with id \"" + std::string(typed) + "\"";
    if (closest.empty()) return message + ", and no id is close to it";
    return message + "; closest: " + text::join(closest, ", ");
}

}  // namespace mlsys::query
