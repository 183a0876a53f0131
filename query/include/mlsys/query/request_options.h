// The search options as people give them (mlsys-query's flags, mlsys-serve's URL parameters)
// and the one mapping from them to a SearchRequest, so every front end asks the same search.
#pragma once

#include "mlsys/query/ranking.h"
#include "mlsys/query/related.h"
#include "mlsys/query/search.h"

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace mlsys::query {

struct RequestOptions {
    // Filter values by field, as typed (--venue nips, ?venue=nips); repeated values are OR-ed.
    std::map<schema::FieldId, std::vector<std::string>> filters;
    std::string facets = "venue,year,category";  // comma-separated facet names
    bool no_facets = false;
    std::string sort = "relevance";  // a name of sort_orders()
    std::string match = "auto";      // a name of word_matchings()
    Xapian::doccount limit = 10;
    Xapian::doccount offset = 0;
    RankingOptions ranking;
    RelatedOptions related_options;
    bool explain = false;
};

// The sort names: relevance, year (oldest first), -year (newest first).
const std::map<std::string, SortOrder>& sort_orders();
// The word-matching names: auto, all, any.
const std::map<std::string, WordMatching>& word_matchings();

// The facets `names` lists (comma-separated, spaces around a name ignored); a name that is no
// facet throws UsageError starting with `option` ("--facets: ").
std::vector<schema::FieldId> facet_fields(const std::string& names, const std::string& option);

// The request for `match` under `options`; an unknown sort or match name throws UsageError.
SearchRequest request_from(const RequestOptions& options, Match match);

}  // namespace mlsys::query
