// The papers a write puts, by position. The index writer asks for one paper at a time, so that
// a collection of a million papers can make each when it is written instead of holding them all.
#pragma once

#include "mlsys/schema/paper.h"

#include <cstddef>
#include <string>
#include <vector>

namespace mlsys::indexer {

class PaperList {
  public:
    virtual ~PaperList() = default;
    virtual std::size_t size() const = 0;
    // The id of the paper at `i`, known without making the paper.
    virtual const std::string& id(std::size_t i) const = 0;
    // The paper at `i`. A --jobs build asks from several threads at once: thread-safe.
    virtual Paper paper(std::size_t i) const = 0;
};

// Papers already in memory, not copied: `papers` must outlive the list.
class PaperVector : public PaperList {
  public:
    explicit PaperVector(const std::vector<Paper>& papers) : papers_(papers) {}
    explicit PaperVector(std::vector<Paper>&&) = delete;  // it would outlive them
    std::size_t size() const override { return papers_.size(); }
    const std::string& id(std::size_t i) const override { return papers_[i].id; }
    Paper paper(std::size_t i) const override { return papers_[i]; }

  private:
    const std::vector<Paper>& papers_;
};

// Every paper of `papers`, made one after another.
std::vector<Paper> all_papers(const PaperList& papers);

}  // namespace mlsys::indexer
