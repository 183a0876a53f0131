// What an index holds, for mlsys-query --stats: papers, terms, size on disk, each facet's
// values, when it was last written and the files its papers came from.
#pragma once

#include "mlsys/query/facets.h"
#include "mlsys/query/result_writer.h"
#include "mlsys/query/search.h"

#include <xapian.h>

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace mlsys::query {

struct FacetSummary {
    schema::FieldId field;
    std::size_t distinct = 0;     // values (for a hierarchy: every path and level that has papers)
    std::vector<FacetValue> top;  // the values with most papers, most first (ties: display order)
};

struct IndexStats {
    std::string path;
    Xapian::doccount papers = 0;
    std::size_t terms = 0;             // distinct terms, every prefix
    std::uintmax_t bytes = 0;          // on disk: the index folder's files (a stub: its local shards')
    std::vector<FacetSummary> facets;  // every facet of the field table, in its order
    std::string updated;               // UTC time of the last write; empty when not recorded
    // Papers per source file; none when the index does not record them (written before they
    // were kept, or a stub, whose shards each keep their own).
    std::optional<std::map<std::string, std::size_t>> sources;
};

// The stats of the index at `db_path`, which `searcher` has open: facet counts through the
// search (an empty query counting every facet), `top` values of each (0: all).
IndexStats index_stats(Searcher& searcher, const std::string& db_path, std::size_t top);

// Text (a line a figure) or one JSON object (docs/json-output.md); other formats: UsageError.
void write_stats(std::ostream& out, const IndexStats& stats, OutputFormat format);

}  // namespace mlsys::query
