// The one output path: every format is a ResultWriter over the same SearchResponse, picked
// from a table by --format.
#pragma once

#include "mlsys/query/search.h"

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlsys::query {

enum class OutputFormat { Text, Json, Ids, Trec, Bibtex, Tsv };

// The --format names, in the order --help lists them.
const std::vector<std::pair<std::string, OutputFormat>>& output_format_names();

class ResultWriter {
  public:
    virtual ~ResultWriter() = default;
    // Writes one answer; `qid` is the query's id in a --batch run, else empty.
    virtual void write(const SearchResponse& response, const std::string& qid) = 0;
    // Writes one paper whole (--show): every field its record has. A format that has no place
    // for a paper alone (trec) throws UsageError.
    virtual void write_paper(const Paper& paper) = 0;
    // IdsOnly for formats that show only ids and ranks, so the search can skip the rest.
    virtual HitDetail detail() const { return HitDetail::Full; }
};

struct WriterOptions {
    // Text only: titles in bold, the query's words highlighted (--color: by default on a terminal
    // without NO_COLOR).
    bool color = false;
    // Text only: the values each facet line shows, the most frequent first, then "+N more"; in a
    // hierarchy's tree, the children shown under each value. 0 shows them all.
    std::size_t facet_values = 10;
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

// One paper's whole record (--show) as the JSON object of docs/json-output.md: "format", then
// every field the record has.
Json paper_json(const Paper& paper);

}  // namespace mlsys::query
