// Metadata the indexer keeps beside the papers (Xapian's user metadata), for
// `mlsys-query --stats`. The schema version's key is in schema.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlsys::schema {

// When a write last committed, in UTC: "2026-12-01T03:40:00Z".
inline constexpr std::string_view kUpdatedKey = "mlsys:updated";
// How many papers each source file gave: a JSON object, file (as sources name it) to count.
// Absent from an index written before it was kept, until a --rebuild counts them.
inline constexpr std::string_view kSourceCountsKey = "mlsys:source-counts";
// What the last write was made from (indexer/last_run.h): a JSON object.
inline constexpr std::string_view kLastRunKey = "mlsys:last-run";

// What one index holds under metadata `key` when its shards hold `values` (one for each shard
// that has the key): the source counts added up, else the greatest value (the latest update
// time; the other keys are the same in every shard). Merging shards and --stats on a stub agree
// through it.
std::string merged_shard_metadata(std::string_view key, const std::vector<std::string>& values);

}  // namespace mlsys::schema
