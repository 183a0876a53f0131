// Query text → Xapian::Query, through Xapian's QueryParser set up from the schema table.
#pragma once

#include "mlsys/query/query_analysis.h"

#include "mlsys/schema/schema.h"
#include "mlsys/schema/venue_aliases.h"

#include <xapian.h>

#include <memory>
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
    // The values of filter fields in the text ("venue:icfp"), for the notices of a value no
    // paper has.
    std::vector<std::pair<schema::FieldId, std::string>> field_values;
};

class QueryBuilder {
  public:
    QueryBuilder(const Xapian::Database& db, const VenueAliases& aliases);
    QueryBuilder(const QueryBuilder&) = delete;  // the parser points at the processors below
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    // Never throws on syntax: text that does not parse is retried as its plain words.
    ParsedQuery parse(const std::string& text);

    // The stages of parse(): the input, its tokens, each preparation pass, the Xapian query.
    QueryAnalysis analyze(const std::string& text);

    // Only the words of `text`, OR-ed: quotes, brackets, operators and field prefixes dropped.
    ParsedQuery parse_plain_words(const std::string& text);

    // `text` with misspelt words replaced from the index's spelling dictionary, or empty when
    // nothing needs correcting. Kept apart from parse(): it costs a dictionary look-up a word.
    std::string spelling_correction(const std::string& text);

    // The words the query matches on, for highlighting and explanations.
    const Xapian::Stem& stemmer() const { return stemmer_; }

  private:
    // `text` parsed as `prepared` (its preparation), falling back to its plain words.
    ParsedQuery parse_prepared(const std::string& text, const std::string& prepared);

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
