// The reader seam: every input format turns a file into paper records plus the problems it
// found, each problem naming file, line and field.
#pragma once

#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"
#include "mlsys/schema/venue_aliases.h"

#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace mlsys::indexer {

// Where a record's id comes from, which decides whether the paper keeps it (collection.h).
enum class IdOrigin {
    Chosen,     // a list of papers names each by an id of its own choosing: kept
    SourceKey,  // a key of the source (BibTeX key, Semantic Scholar sha): kept as an alias
    Derived,    // made by the reader from venue, year and title: replaced by a short id
};

struct ReadRecord {
    Paper paper;
    SourceLocation where;
    IdOrigin id_origin = IdOrigin::Chosen;
    std::vector<SourceLocation> repeats;  // further places in the same file that list the paper
};

// Where a reader puts each record as it reads it: a papers JSONL file of half a million lines
// goes to the run's RecordSpool a line at a time, never held whole.
class RecordSink {
  public:
    virtual ~RecordSink() = default;
    virtual void add(ReadRecord record) = 0;
};

struct ReadResult {
    std::vector<ReadRecord> records;  // what read() without a sink read; empty with one
    std::vector<Problem> problems;    // records that could not be read; they are not in `records`
    // Lines that look like entries but that the reader did not understand ("not a paper item"
    // in a Markdown list): warnings, not records left out, so they never fail a run.
    std::vector<Problem> unread;
};

class PaperReader {
  public:
    explicit PaperReader(const VenueAliases& aliases) : aliases_(aliases) {}
    virtual ~PaperReader() = default;

    // The records of `in`. A UTF-8 byte-order mark that starts it is passed over, in every
    // format: editors on Windows write one, and it is no part of the first line's text.
    ReadResult read(std::istream& in, const std::string& file_name) const;
    // The same, each record given to `sink` in file order instead of kept in the result.
    ReadResult read(std::istream& in, const std::string& file_name, RecordSink& sink) const;

  protected:
    // The records of `in`, after any byte-order mark, each given to `sink`.
    virtual ReadResult read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const = 0;

    const VenueAliases& aliases_;  // every format names venues canonically
};

enum class InputFormat { Auto, Papers, Beir, Markdown, Bibtex, Csv };

// The reader of a format whose files are read whole by one function: its read_records() is
// specialised in the format's own file (readers/<format>_reader.cc; declared in
// readers/format_readers.h).
template <InputFormat Format>
class FormatReader : public PaperReader {
  public:
    using PaperReader::PaperReader;

  protected:
    ReadResult read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const override;
};

// The --format names, in the order --help lists them.
const std::vector<std::pair<std::string, InputFormat>>& input_format_names();

// `format` itself, or for Auto the format detected from the file's name (.md/.markdown, .bib,
// .csv; .jsonl and .json are papers or BEIR by their first line) or, for other names, from its
// first non-blank line (after any byte-order mark: '{' JSON, '@' or '%' BibTeX, '#', a list item or '**' Markdown, a
// comma CSV). A blank file is papers JSONL (it holds none); other content that fits no format
// throws InputError naming the formats tried.
InputFormat detect_format(InputFormat format, const std::string& file_name);

std::unique_ptr<PaperReader> make_reader(InputFormat format, const VenueAliases& aliases);

// The whole of `in`, for readers that parse a file as one text.
std::string read_all(std::istream& in);

// The next line of `in` (without its '\n') into `line`, keeping at most `max_bytes` of it: the
// rest of a longer line is read past, not kept, and `too_long` set. False at the end of `in`.
bool read_line(std::istream& in, std::string& line, std::size_t max_bytes, bool& too_long);

}  // namespace mlsys::indexer
