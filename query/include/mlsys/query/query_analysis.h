// How query text becomes a Xapian query, stage by stage (mu's --analyze).
#pragma once

#include "mlsys/query/result_writer.h"

#include <ostream>
#include <string>
#include <vector>

namespace mlsys::query {

struct QueryStage {
    std::string name;  // "input", "tokens", then each preparation pass: "acronyms", "hyphens", "case"
    std::string text;
};

struct QueryAnalysis {
    // The input, its tokens, the text after each preparation pass and, when the prepared text
    // did not parse, the "plain words" parsed instead.
    std::vector<QueryStage> stages;
    std::string query;         // the Xapian query's description (Xapian::Query::get_description)
    bool plain_words = false;  // the plain-words fallback was used
};

// The analysis (Searcher::analyze) as text (a line a stage, then the query) or as one JSON
// object {"format", "stages": [{"name", "text"}...], "query", "plain_words"}; other formats are
// a UsageError.
void write_analysis(std::ostream& out, const QueryAnalysis& analysis, OutputFormat format);

}  // namespace mlsys::query
