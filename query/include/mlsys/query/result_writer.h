// The one output path: every format is a ResultWriter over the same SearchResponse, picked
// from a table by --format.
#pragma once

#include "mlsys/query/search.h"

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlsys::query {

enum class OutputFormat { Text, Json, Ids, Trec, Bibtex };

// The --format names, in the order --help lists them.
const std::vector<std::pair<std::string, OutputFormat>>& output_format_names();

class ResultWriter {
  public:
    virtual ~ResultWriter() = default;
    // Writes one answer; `qid` is the query's id in a --batch run, else empty.
    virtual void write(const SearchResponse& response, const std::string& qid) = 0;
    // IdsOnly for formats that show only ids and ranks, so the search can skip the rest.
    virtual HitDetail detail() const { return HitDetail::Full; }
};

struct WriterOptions {
    bool highlight = false;  // text only: bold matched words (a terminal without NO_COLOR)
    // Where formats with no room for notes (ids, trec, bibtex: other programs read them) write
    // the response's notices, a line each after `notes_prefix` ("mlsys-query: "); none when null.
    std::ostream* notes = nullptr;
    std::string notes_prefix;
};

std::unique_ptr<ResultWriter> make_writer(OutputFormat format, std::ostream& out, const WriterOptions& options);

// A snippet with its highlight marks replaced by `start`/`end` and Xapian's HTML escapes undone.
std::string render_snippet(std::string_view marked, std::string_view start, std::string_view end);

// The version of the JSON output (docs/json-output.md), its first key: raised when a key changes
// meaning or goes away, not when one is added.
inline constexpr int kJsonFormat = 2;  // 2: a result's "category" is an array of paths

// The response as the JSON object of docs/json-output.md; `qid` as in ResultWriter::write.
Json response_json(const SearchResponse& response, const std::string& qid = "");

}  // namespace mlsys::query
