// The index schema: every field of a paper as it lives in the Xapian index.
//
// This table is the only place where term prefixes and value slots are spelled. The indexer
// derives documents from it, the query tool derives the QueryParser, filters, facets and its
// --help text from it. Adding a field means adding a row.
#pragma once

#include <xapian.h>

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mlsys::schema {

enum class FieldId { Title, Author, Abstract, Keywords, Venue, Year, Category, Id, References, Citations };

enum class Indexing {
    FreeText,  // tokenised, stemmed, positional; searchable by words and phrases
    Boolean,   // one exact term per value; used for filters and facets, never for ranking
};

struct Field {
    FieldId id;
    std::string_view name;    // the name in queries ("title:") and in the paper record
    std::string_view prefix;  // Xapian term prefix
    Indexing indexing;
    // Value slot for sorting, ranges or facets; Xapian::BAD_VALUENO when the field has none.
    Xapian::valueno slot;
    // For free text: how many times a word counts in the unprefixed (all-fields) terms, so a
    // word in a title weighs more than the same word in an abstract.
    Xapian::termcount weight;
    bool facet;          // counted by the facet counter
    bool hierarchical;   // values are paths ("Deep learning/Training"); a filter matches below
    std::string_view help;
    std::string_view example;
};

inline constexpr Xapian::valueno kNoSlot = Xapian::BAD_VALUENO;

// The separator of the paths of a hierarchical value and of the values packed in one slot.
inline constexpr char kPathSeparator = '/';
inline constexpr char kPackedValueSeparator = '\x1f';

inline constexpr std::array<Field, 10> kFields{{
    {FieldId::Title, "title", "S", Indexing::FreeText, kNoSlot, 3, false, false,
     "words in the title", "title:serving"},
    {FieldId::Author, "author", "A", Indexing::FreeText, kNoSlot, 2, false, false,
     "words in an author's name", "author:stoica"},
    {FieldId::Abstract, "abstract", "XB", Indexing::FreeText, kNoSlot, 1, false, false,
     "words in the abstract", "abstract:\"parameter server\""},
    {FieldId::Keywords, "keyword", "K", Indexing::FreeText, kNoSlot, 2, false, false,
     "words in the keywords", "keyword:rdma"},
    {FieldId::Venue, "venue", "V", Indexing::Boolean, 0, 0, true, false,
     "venue, any case or alias", "venue:nips"},
    {FieldId::Year, "year", "Y", Indexing::Boolean, 1, 0, true, false,
     "year or range of years", "year:2017..2018"},
    {FieldId::Category, "category", "XC", Indexing::Boolean, 2, 0, true, true,
     "category path, matches its sub-categories", "category:\"deep learning\""},
    {FieldId::Id, "id", "Q", Indexing::Boolean, 3, 0, false, false,
     "the paper's id", "id:osdi18-ray"},
    {FieldId::References, "references", "XREF", Indexing::Boolean, kNoSlot, 0, false, false,
     "the id of a paper it cites", "references:osdi18-ray"},
    {FieldId::Citations, "citations", "XFROM", Indexing::Boolean, kNoSlot, 0, false, false,
     "the id of a paper citing it", "citations:osdi18-ray"},
}};

constexpr const Field& field(FieldId id) {
    for (const Field& f : kFields) {
        if (f.id == id) return f;
    }
    throw std::logic_error("unknown schema field");
}

// The field named `name` in queries, or nullptr.
const Field* find_field(std::string_view name);

// Fields whose values are paper ids: case-sensitive keys, never lower-cased.
constexpr bool holds_paper_ids(FieldId id) {
    return id == FieldId::Id || id == FieldId::References || id == FieldId::Citations;
}

// The term for a boolean field's value: prefix + normalised value (lower case, except paper ids;
// for years the digits). Every boolean term the indexer writes or a filter looks up comes from
// here.
std::string boolean_term(FieldId id, std::string_view value);

// Xapian refuses terms longer than this many bytes (glass backend).
inline constexpr std::size_t kMaxTermBytes = 245;

// The longest value a boolean field can hold and still make a term.
constexpr std::size_t max_boolean_value_bytes(FieldId id) { return kMaxTermBytes - field(id).prefix.size(); }

// The unique term that identifies a paper.
std::string id_term(std::string_view paper_id);

// Year values are stored sortable, so ranges and sorting compare numbers, not strings.
std::string year_value(int year);
int year_from_value(const std::string& value);

// Document metadata key under which the indexer records the schema it wrote with. An update
// of an index written with another version rewrites every document, even unchanged records
// (version 2 added the citation-link terms).
inline constexpr std::string_view kSchemaVersionKey = "mlsys:schema-version";
inline constexpr std::string_view kSchemaVersion = "2";

}  // namespace mlsys::schema
