// The index schema: every field of a paper as it lives in the Xapian index.
//
// This table is the only place where record keys, term prefixes and value slots are spelled, and
// the only binding of a field to its Paper member. Record validation, JSON records, merging,
// documents and result JSON loop over it; the query tool derives the QueryParser, filters,
// facets and its --help text from it. Adding a field means adding a row (and its Paper member).
#pragma once

#include "mlsys/schema/paper.h"

#include <xapian.h>

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mlsys::schema {

enum class FieldId {
    Id,
    Title,
    Author,
    Venue,
    Year,
    Category,
    Abstract,
    Url,
    Doi,
    Keywords,
    References,
    Citations,
    Aliases,
    Sources
};

// What a field's value is in the record, which fixes its Paper member's type and its checks.
enum class ValueType {
    Text,         // one string of free text (std::string)
    String,       // one string kept whole (std::string)
    StringList,   // strings in the order given (std::vector<std::string>)
    Year,         // a four-digit year (std::optional<int>)
    PaperId,      // one paper id: case-sensitive, no white space (std::string)
    PaperIdList,  // ids of linked papers, each at most once (std::vector<std::string>)
};

// Whether a record must carry the field.
enum class Presence {
    Required,  // every record, whatever its format
    Expected,  // required unless the record's format lacks it (BEIR has no venue; BibTeX may lack a year)
    Optional,
};

// Where the field shows in the stored record and in a search result's JSON.
enum class Shown {
    Always,         // in every record and result, even when empty
    InEveryResult,  // in the record when set; in every result, null (or []) when unset
    WhenSet,        // in the record and after the result's snippet, when set
};

// How two records of one paper (a repeat in one list, or the paper in two lists) combine.
enum class Merge {
    FirstGiven,    // the first record that has a value wins
    Union,         // the later record's items that are missing are appended
    Longest,       // the longer value wins (an abstract over a teaser)
    MostItems,     // the list with more items wins (the full author list over "et al.")
    PeerReviewed,  // a venue wins over an empty one or a preprint server (arXiv, CoRR)
    WithVenue,     // comes from the record whose venue won (the year of the conference version)
};

enum class Indexing {
    FreeText,    // tokenised, stemmed, positional; searchable by words and phrases
    Boolean,     // one exact term per value; used for filters and facets, never for ranking
    StoredOnly,  // kept in the record only: no terms, no query name
};

// The Paper member that holds a field's value; the alternative matches the field's ValueType.
using PaperMember = std::variant<std::string Paper::*, std::vector<std::string> Paper::*, std::optional<int> Paper::*>;

struct Field {
    FieldId id;
    // The record: its JSON key, the Paper member, what the value is and how records treat it.
    std::string_view key;
    PaperMember member;
    ValueType type;
    Presence presence;
    Shown shown;
    Merge merge;
    // The index and queries.
    std::string_view name;    // the name in queries ("title:"); empty for a stored-only field
    std::string_view prefix;  // Xapian term prefix
    Indexing indexing;
    // Value slot for sorting, ranges or facets; Xapian::BAD_VALUENO when the field has none.
    Xapian::valueno slot;
    // For free text: how many times a word counts in the unprefixed (all-fields) terms, so a
    // word in a title weighs more than the same word in an abstract.
    Xapian::termcount weight;
    bool facet;  // counted by the facet counter
    // Values are paths ("Deep learning/Training"); a filter names a level or a run of levels at
    // any depth and matches below it (analysis::category_keys).
    bool hierarchical;
    std::string_view help;
    std::string_view example;
};

inline constexpr Xapian::valueno kNoSlot = Xapian::BAD_VALUENO;

// The separator of the levels of a hierarchical value's paths, and that of the values packed in
// one slot (a list field's items, a hierarchical field's paths with their ancestors).
inline constexpr char kPathSeparator = '/';
inline constexpr char kPackedValueSeparator = '\x1f';

// Rows in the order of the keys of a stored record.
inline constexpr std::array<Field, 14> kFields{{
    {FieldId::Id, "id", &Paper::id, ValueType::PaperId, Presence::Required, Shown::Always, Merge::FirstGiven, "id", "Q",
     Indexing::Boolean, 3, 0, false, false, "the paper's id", "id:osdi18-ray"},
    {FieldId::Title, "title", &Paper::title, ValueType::Text, Presence::Expected, Shown::Always, Merge::FirstGiven,
     "title", "S", Indexing::FreeText, kNoSlot, 3, false, false, "words in the title", "title:serving"},
    {FieldId::Author, "authors", &Paper::authors, ValueType::StringList, Presence::Optional, Shown::InEveryResult,
     Merge::MostItems,  // an author list is taken whole: two spellings of one name are not two authors
     "author", "A", Indexing::FreeText, kNoSlot, 2, false, false, "words in an author's name", "author:stoica"},
    {FieldId::Venue, "venue", &Paper::venue, ValueType::String, Presence::Expected, Shown::InEveryResult,
     Merge::PeerReviewed, "venue", "V", Indexing::Boolean, 0, 0, true, false, "venue, any case or alias", "venue:nips"},
    {FieldId::Year, "year", &Paper::year, ValueType::Year, Presence::Expected, Shown::InEveryResult, Merge::WithVenue,
     "year", "Y", Indexing::Boolean, 1, 0, true, false, "year or range of years", "year:2017..2018"},
    {FieldId::Category, "category", &Paper::categories, ValueType::StringList, Presence::Optional, Shown::InEveryResult,
     Merge::Union,  // a paper filed in two sections keeps both paths
     "category", "XC", Indexing::Boolean, 2, 0, true, true,
     "category name at any level, any case, with its sub-categories", "category:\"deep learning\""},
    {FieldId::Abstract, "abstract", &Paper::abstract, ValueType::Text, Presence::Optional, Shown::WhenSet,
     Merge::Longest, "abstract", "XB", Indexing::FreeText, kNoSlot, 1, false, false, "words in the abstract",
     "abstract:\"parameter server\""},
    {FieldId::Url, "url", &Paper::url, ValueType::String, Presence::Optional, Shown::InEveryResult, Merge::FirstGiven,
     "", "", Indexing::StoredOnly, kNoSlot, 0, false, false, "", ""},
    {FieldId::Doi, "doi", &Paper::doi, ValueType::String, Presence::Optional, Shown::WhenSet, Merge::FirstGiven, "", "",
     Indexing::StoredOnly, kNoSlot, 0, false, false, "", ""},
    {FieldId::Keywords, "keywords", &Paper::keywords, ValueType::StringList, Presence::Optional, Shown::WhenSet,
     Merge::Union, "keyword", "K", Indexing::FreeText, kNoSlot, 2, false, false, "words in the keywords",
     "keyword:rdma"},
    {FieldId::References, "references", &Paper::references, ValueType::PaperIdList, Presence::Optional, Shown::WhenSet,
     Merge::Union, "references", "XREF", Indexing::Boolean, kNoSlot, 0, false, false, "the id of a paper it cites",
     "references:osdi18-ray"},
    {FieldId::Citations, "citations", &Paper::citations, ValueType::PaperIdList, Presence::Optional, Shown::WhenSet,
     Merge::Union, "citations", "XFROM", Indexing::Boolean, kNoSlot, 0, false, false, "the id of a paper citing it",
     "citations:osdi18-ray"},
    {FieldId::Aliases, "aliases", &Paper::aliases, ValueType::PaperIdList, Presence::Optional, Shown::WhenSet,
     Merge::Union, "alias", "XA", Indexing::Boolean, kNoSlot, 0, false, false,
     "another id of the paper (a Semantic Scholar id, a BibTeX key)", "alias:lecun1989backpropagation"},
    {FieldId::Sources, "sources", &Paper::sources, ValueType::StringList, Presence::Optional, Shown::WhenSet,
     Merge::Union, "", "", Indexing::StoredOnly, kNoSlot, 0, false, false, "", ""},
}};

// Whether queries name the field ("venue:") and the QueryParser and --help list it.
constexpr bool is_query_field(const Field& field) {
    return field.indexing != Indexing::StoredOnly;
}

constexpr bool holds_list(ValueType type) {
    return type == ValueType::StringList || type == ValueType::PaperIdList;
}

// The Paper member that holds `field`; T is the member's type, which the field's ValueType fixes.
template <typename T>
const T& member_of(const Paper& paper, const Field& field) {
    return paper.*std::get<T Paper::*>(field.member);
}
template <typename T>
T& member_of(Paper& paper, const Field& field) {
    return paper.*std::get<T Paper::*>(field.member);
}

// A row whose member's type is not the one its ValueType names would make member_of throw.
constexpr bool member_matches_type(const Field& field) {
    switch (field.type) {
        case ValueType::Text:
        case ValueType::String:
        case ValueType::PaperId:
            return std::holds_alternative<std::string Paper::*>(field.member);
        case ValueType::StringList:
        case ValueType::PaperIdList:
            return std::holds_alternative<std::vector<std::string> Paper::*>(field.member);
        case ValueType::Year:
            return std::holds_alternative<std::optional<int> Paper::*>(field.member);
    }
    return false;
}
constexpr bool every_member_matches_its_type() {
    for (const Field& f : kFields) {
        if (!member_matches_type(f)) return false;
    }
    return true;
}
static_assert(every_member_matches_its_type(), "a row of kFields binds a Paper member of another type");

constexpr const Field& field(FieldId id) {
    for (const Field& f : kFields) {
        if (f.id == id) return f;
    }
    throw std::logic_error("unknown schema field");
}

// The query field named `name` in queries, or nullptr.
const Field* find_field(std::string_view name);

// Fields whose values are paper ids: case-sensitive keys, never lower-cased.
constexpr bool holds_paper_ids(FieldId id) {
    return field(id).type == ValueType::PaperId || field(id).type == ValueType::PaperIdList;
}

// The term for a boolean field's value: prefix + normalised value (analysis::fold: case, accents
// and look-alikes folded, except paper ids, which are kept as written; for years the digits). Every boolean term the
// indexer writes or a filter looks up comes from here.
std::string boolean_term(FieldId id, std::string_view value);

// Xapian refuses terms longer than this many bytes (glass backend).
inline constexpr std::size_t kMaxTermBytes = 245;

// The longest value a boolean field can hold and still make a term.
constexpr std::size_t max_boolean_value_bytes(FieldId id) {
    return kMaxTermBytes - field(id).prefix.size();
}

// The unique term that identifies a paper.
std::string id_term(std::string_view paper_id);

// Year values are stored sortable, so ranges and sorting compare numbers, not strings.
std::string year_value(int year);
int year_from_value(const std::string& value);

// Two value slots beside the field table's, each holding a whole listing order: year, then id
// (papers without a year last when newest first, first when oldest first). Xapian's remote
// backend (xapian-tcpsrv) sorts by one slot (Enquire::set_sort_by_value) but cannot run a
// KeyMaker, so a listing that is the same over remote shards needs its order in one value.
inline constexpr Xapian::valueno kNewestFirstSlot = 4;
inline constexpr Xapian::valueno kOldestFirstSlot = 5;
std::string listing_key(const std::optional<int>& year, const std::string& id, bool newest_first);

constexpr bool listing_slots_are_free() {
    for (const Field& f : kFields) {
        if (f.slot == kNewestFirstSlot || f.slot == kOldestFirstSlot) return false;
    }
    return true;
}
static_assert(listing_slots_are_free(), "a row of kFields uses a listing slot");

// Document metadata key under which the indexer records the schema it wrote with. An update
// of an index written with another version rewrites every document, even unchanged records
// (version 2 added the citation-link terms; version 3 made categories a list and gave each level
// and run of levels a term, and added aliases, sources and the identity terms of identity.h;
// version 4 folds words and boolean terms with analysis::fold: accents, look-alikes, NFKC;
// version 5 added the listing slots).
inline constexpr std::string_view kSchemaVersionKey = "mlsys:schema-version";
inline constexpr std::string_view kSchemaVersion = "5";

}  // namespace mlsys::schema
