#include "mlsys/query/paper_ids.h"

#include "mlsys/schema/document.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <tuple>

namespace mlsys::query {

using schema::FieldId;

namespace {

// The id of the paper `id` names exactly, if the index holds one. An alias (a second id kept
// under a prefix of its own, such as a Semantic Scholar sha) would be looked up here, after the
// id itself, and give the paper's id: every caller then takes it, prefixes never expand over it.
// The paper `id` names exactly: its own id, or another id it is known by (a Semantic Scholar
// id, a BibTeX key: the aliases field), which gives the paper's own.
std::optional<std::string> named_paper(const Xapian::Database& db, const std::string& id) {
    if (db.term_exists(schema::id_term(id))) return id;
    const std::string alias = schema::boolean_term(FieldId::Aliases, id);
    const auto posting = db.postlist_begin(alias);
    if (posting == db.postlist_end(alias)) return std::nullopt;
    return paper_from_document(db.get_document(*posting)).id;
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

// The edits from one typed id to each id of the index in turn. The suggestion scan runs it over
// every id, so it keeps its buffers and skips, by a bound that costs one pass over the id, the
// ids that cannot be close.
class EditsFrom {
  public:
    explicit EditsFrom(std::string_view typed) : typed_(lowered(typed)) {
        for (const unsigned char c : typed_) ++typed_letters_[c];
        letters_left_ = typed_letters_;
    }

    // Levenshtein edits turning the typed id into the closest part of `id` (the part may start
    // and end anywhere, as in Sellers' approximate matching), or bound + 1 when more than `bound`.
    std::size_t to_part(std::string_view id, std::size_t bound) {
        id_.assign(id);
        for (char& c : id_) c = lower(c);
        if (fewest_edits() > bound) return bound + 1;
        return edits(false, bound);
    }

    // The edits turning the typed id into all of the last id given to to_part.
    std::size_t to_whole() { return edits(true, typed_.size() + id_.size()); }

  private:
    // Ids are case-sensitive, but "OSDI18-Ray" is close to "osdi18-ray".
    static char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
    static std::string lowered(std::string_view s) {
        std::string lower_case(s);
        for (char& c : lower_case) c = lower(c);
        return lower_case;
    }

    // Each typed letter the id lacks (counting repeats) costs at least one edit.
    std::size_t fewest_edits() {
        std::size_t shared = 0;
        for (const unsigned char c : id_) {
            if (letters_left_[c] == 0) continue;
            --letters_left_[c];
            ++shared;
        }
        for (const unsigned char c : id_) letters_left_[c] = typed_letters_[c];  // as they were
        return typed_.size() - shared;
    }

    // Gives up past `bound`, returning bound + 1: an alignment crosses every row, and its cost
    // never falls, so a row whose every cell exceeds the bound cannot lead to a match within it.
    std::size_t edits(bool whole, std::size_t bound) {
        row_.resize(id_.size() + 1);
        next_.resize(id_.size() + 1);
        for (std::size_t j = 0; j <= id_.size(); ++j) row_[j] = whole ? j : 0;
        for (std::size_t i = 1; i <= typed_.size(); ++i) {
            next_[0] = i;
            std::size_t row_min = next_[0];
            for (std::size_t j = 1; j <= id_.size(); ++j) {
                const std::size_t substitute = row_[j - 1] + (typed_[i - 1] == id_[j - 1] ? 0 : 1);
                next_[j] = std::min({substitute, row_[j] + 1, next_[j - 1] + 1});
                row_min = std::min(row_min, next_[j]);
            }
            if (row_min > bound) return bound + 1;
            row_.swap(next_);
        }
        const std::size_t found = whole ? row_.back() : *std::min_element(row_.begin(), row_.end());
        return std::min(found, bound + 1);
    }

    const std::string typed_;
    std::array<std::uint32_t, 256> typed_letters_{};
    std::array<std::uint32_t, 256> letters_left_{};  // typed_letters_ between calls
    std::string id_;
    std::vector<std::size_t> row_, next_;
};

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
    // An alias is looked up as it is; every other field takes what an id or alias names.
    const std::optional<std::string> named = field == FieldId::Aliases ? std::nullopt : named_paper(db, value);
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
    EditsFrom edits(wanted);
    std::vector<Candidate> closest;  // sorted, at most `count`
    for (auto term = db.allterms_begin(id_prefix); term != db.allterms_end(id_prefix) && count > 0; ++term) {
        const std::string name = *term;
        const std::string_view id = std::string_view(name).substr(id_prefix.size());
        const std::size_t part = edits.to_part(id, bound);
        if (part > bound) continue;
        Candidate candidate{part, edits.to_whole(), std::string(id)};
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
