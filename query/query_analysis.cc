#include "mlsys/query/query_analysis.h"

#include "query_builder.h"

namespace mlsys::query {

QueryAnalysis analyze_query(const Xapian::Database& db, const std::string& text, const VenueAliases& aliases) {
    return QueryBuilder(db, aliases).analyze(text);
}

}  // namespace mlsys::query
