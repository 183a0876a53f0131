// Many queries from one file, for evaluation runs and scripts: `--batch FILE`.
#pragma once

#include <string>
#include <vector>

namespace mlsys::query {

struct BatchQuery {
    std::string qid;
    std::string text;
};

// Reads TSV (`qid<TAB>query`, one a line) or BEIR queries.jsonl (`_id`, `text`), told apart by
// the first non-blank character. Blank lines are skipped; a malformed line throws InputError
// naming file and line.
std::vector<BatchQuery> read_batch_queries(const std::string& file_name);

}  // namespace mlsys::query
