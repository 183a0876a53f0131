// Readers of JSON Lines files: our papers JSONL and BEIR's corpus.jsonl.
#pragma once

#include "mlsys/indexer/paper_reader.h"
#include "readers/record_validation.h"

namespace mlsys::indexer {

// One JSON object a line; blank lines are skipped. Each line is checked for valid UTF-8 and
// JSON before its fields are validated.
class JsonLinesReader : public PaperReader {
  public:
    using PaperReader::PaperReader;

  protected:
    ReadResult read_records(std::istream& in, const std::string& file_name, RecordSink& sink) const override;
    // The record in the paper schema, from the JSON object of one line.
    virtual Json to_paper_record(const Json& line) const = 0;
    virtual RequiredFields required_fields() const = 0;
};

// data/papers.jsonl: records exactly as docs/papers-jsonl.md describes them.
class PapersJsonlReader : public JsonLinesReader {
  public:
    using JsonLinesReader::JsonLinesReader;

  protected:
    Json to_paper_record(const Json& line) const override { return line; }
    RequiredFields required_fields() const override { return {}; }
};

// BEIR corpus.jsonl: `_id`, `title`, `text` become id, title, abstract; `metadata` is kept.
class BeirCorpusReader : public JsonLinesReader {
  public:
    using JsonLinesReader::JsonLinesReader;

  protected:
    Json to_paper_record(const Json& line) const override;
    RequiredFields required_fields() const override { return {false, false, false}; }
};

}  // namespace mlsys::indexer
