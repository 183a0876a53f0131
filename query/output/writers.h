// The ResultWriter of each output format; build them through make_writer.
#pragma once

#include "mlsys/query/result_writer.h"

#include <set>

namespace mlsys::query {

// For people: ranked titles with venue, year, category, authors and a highlighted snippet,
// then the facet counts.
class TextWriter : public ResultWriter {
  public:
    TextWriter(std::ostream& out, bool highlight) : out_(out), highlight_(highlight) {}
    void write(const SearchResponse& response, const std::string& qid) override;

  private:
    void write_header(const SearchResponse& response, const std::string& qid);
    void write_hit(const Hit& hit);
    void write_explanation(const std::vector<Contribution>& explanation);
    void write_facets(const std::vector<FacetCounts>& facets);

    std::ostream& out_;
    const bool highlight_;
};

// For programs: the JSON object of docs/json-output.md, one a line.
class JsonWriter : public ResultWriter {
  public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}
    void write(const SearchResponse& response, const std::string& qid) override;

  private:
    std::ostream& out_;
};

// For evaluation: a TREC run, `qid Q0 docid rank score tag` a line.
class TrecWriter : public ResultWriter {
  public:
    explicit TrecWriter(std::ostream& out) : out_(out) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    HitDetail detail() const override { return HitDetail::IdsOnly; }

  private:
    std::ostream& out_;
};

// For pipes: one paper id a line (`qid<TAB>id` in a batch).
class IdsWriter : public ResultWriter {
  public:
    explicit IdsWriter(std::ostream& out) : out_(out) {}
    void write(const SearchResponse& response, const std::string& qid) override;
    HitDetail detail() const override { return HitDetail::IdsOnly; }

  private:
    std::ostream& out_;
};

// For LaTeX: a BibTeX entry per result, keyed by the paper's id, to paste into a related-work
// section. A paper already written (by an earlier query of a batch) is not written again.
class BibtexWriter : public ResultWriter {
  public:
    explicit BibtexWriter(std::ostream& out) : out_(out) {}
    void write(const SearchResponse& response, const std::string& qid) override;

  private:
    std::ostream& out_;
    std::set<std::string> written_;
};

}  // namespace mlsys::query
