// The ResultWriter of each output format; build them through make_writer.
#pragma once

#include "mlsys/query/result_writer.h"

#include <set>
#include <string_view>

namespace mlsys::query {

// A writer to one stream, with its notes (WriterOptions::notes) to another.
class StreamWriter : public ResultWriter {
  protected:
    explicit StreamWriter(std::ostream& out, const WriterOptions& options = {}) : out_(out), options_(options) {}
    // The filter notices of `response` to the notes stream.
    void write_notes(const SearchResponse& response) const;
    std::ostream& out_;
    const WriterOptions options_;
};

// For people: ranked titles with venue, year, category, authors, a link and a highlighted
// snippet, then the most frequent facet values; a paper shown whole as one field a line.
class TextWriter : public StreamWriter {
  public:
    TextWriter(std::ostream& out, const WriterOptions& options) : StreamWriter(out, options) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    void write_paper(const Paper& paper) override;

  private:
    void write_header(const SearchResponse& response, const std::string& qid);
    void write_hit(const Hit& hit);
    void write_explanation(const std::vector<Contribution>& explanation);
    void write_facets(const std::vector<FacetCounts>& facets);
    void write_values(const std::vector<FacetValue>& values);
    void write_tree(const std::vector<FacetValue>& values);
    void write_field(std::string_view key, const std::vector<std::string>& lines);
    std::string title(const Paper& paper, const std::string& marked_title) const;
};

// For programs: the JSON object of docs/json-output.md, one a line.
class JsonWriter : public StreamWriter {
  public:
    explicit JsonWriter(std::ostream& out) : StreamWriter(out) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    void write_paper(const Paper& paper) override;
};

// For evaluation: a TREC run, `qid Q0 docid rank score tag` a line.
class TrecWriter : public StreamWriter {
  public:
    TrecWriter(std::ostream& out, const WriterOptions& options) : StreamWriter(out, options) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    void write_paper(const Paper& paper) override;
    HitDetail detail() const override { return HitDetail::IdsOnly; }
};

// For pipes: one paper id a line (`qid<TAB>id` in a batch).
class IdsWriter : public StreamWriter {
  public:
    IdsWriter(std::ostream& out, const WriterOptions& options) : StreamWriter(out, options) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    void write_paper(const Paper& paper) override;
    HitDetail detail() const override { return HitDetail::IdsOnly; }
};

// For fzf and shell pipes: `id<TAB>year<TAB>venue<TAB>title` a result (`qid<TAB>...` in a batch),
// no header, no facets; tabs and line breaks in values become spaces.
class TsvWriter : public StreamWriter {
  public:
    TsvWriter(std::ostream& out, const WriterOptions& options) : StreamWriter(out, options) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    void write_paper(const Paper& paper) override;
};

// For LaTeX: a BibTeX entry per result, keyed by the paper's id, to paste into a related-work
// section. A paper already written (by an earlier query of a batch) is not written again.
class BibtexWriter : public StreamWriter {
  public:
    BibtexWriter(std::ostream& out, const WriterOptions& options) : StreamWriter(out, options) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    void write_paper(const Paper& paper) override;

  private:
    std::set<std::string> written_;
};

}  // namespace mlsys::query
