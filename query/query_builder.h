// Query text → Xapian::Query, through Xapian's QueryParser set up from the schema table.
#pragma once

#include "preparation.h"

#include "mlsys/query/query_analysis.h"

#include "mlsys/schema/schema.h"
#include "mlsys/schema/venue_aliases.h"

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlsys::query {

struct ParsedQuery {
    std::string text;          // what was parsed
    Xapian::Query query;       // empty (Query()) for blank text
    bool plain_words = false;  // the text did not parse, so only its words were used
    // A field filter in the text ("venue:osdi", "id:osdi18-tvm") was understood: when the query
    // then matches nothing, that is the answer, not a reason to drop the filter.
    bool has_field_filter = false;
    // The values of id: that name no paper and begin no id (they match nothing), for a hint.
    std::vector<std::string> unknown_ids;
    // A short keyword query (plain words only, see is_keyword_query) with its words ANDed,
    // each with its stems and acronym expansions: the papers that match all of them.
    std::optional<Xapian::Query> all_words;
    // The values of filter fields in the text ("venue:icfp"), for the notices of a value no
    // paper has.
    std::vector<std::pair<schema::FieldId, std::string>> field_values;
};

// Whether the tokens are a short keyword query: plain words only (no phrase, operator, field,
// bracket or +/-), between 2 and `max_words` of them not stopwords. Longer queries read as
// sentences (claims, abstracts), where ranking by the words a paper shares works best.
bool is_keyword_query(const Tokens& tokens, std::size_t max_words);

class QueryBuilder {
  public:
    QueryBuilder(const Xapian::Database& db, const VenueAliases& aliases);
    QueryBuilder(const QueryBuilder&) = delete;  // the parser points at the processors below
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    // Never throws on syntax: text that does not parse is retried as its plain words.
    // `all_words` is filled for a keyword query of at most `max_keyword_words` words.
    ParsedQuery parse(const std::string& text, std::size_t max_keyword_words = 0);

    // The stages of parse(): the input, its tokens, each preparation pass, the Xapian query.
    QueryAnalysis analyze(const std::string& text);

    // Only the words of `text`, OR-ed: quotes, brackets, operators and field prefixes dropped.
    ParsedQuery parse_plain_words(const std::string& text);

    // The words the query matches on, for highlighting and explanations.
    const Xapian::Stem& stemmer() const { return stemmer_; }

  private:
    // `text` parsed as `prepared` (its preparation), falling back to its plain words.
    ParsedQuery parse_prepared(const std::string& text, const std::string& prepared);
    // The prepared text of a keyword query with its words ANDed, if two or more remain.
    std::optional<Xapian::Query> all_words_query(const std::string& prepared);

    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
    std::vector<std::unique_ptr<Xapian::FieldProcessor>> field_processors_;
    // Set by the field processors during parse().
    bool bad_field_value_ = false;
    std::string input_error_;  // a value that cannot match, such as an empty range
    bool field_filter_ = false;
    std::vector<std::pair<schema::FieldId, std::string>> field_values_;
    std::vector<std::string> unknown_ids_;
};

// The QueryParser flags every query uses.
unsigned query_parser_flags();

}  // namespace mlsys::query
