// Metadata the indexer keeps beside the papers (Xapian's user metadata), for
// `mlsys-query --stats`. The schema version's key is in schema.h.
#pragma once

#include <string_view>

namespace mlsys::schema {

// When a write last committed, in UTC: "2026-12-01T03:40:00Z".
inline constexpr std::string_view kUpdatedKey = "mlsys:updated";
// How many papers each source file gave: a JSON object, file (as sources name it) to count.
// Absent from an index written before it was kept, until a --rebuild counts them.
inline constexpr std::string_view kSourceCountsKey = "mlsys:source-counts";

}  // namespace mlsys::schema
