#include "mlsys/indexer/paper_list.h"

namespace mlsys::indexer {

std::vector<Paper> all_papers(const PaperList& papers) {
    std::vector<Paper> all;
    all.reserve(papers.size());
    for (std::size_t i = 0; i < papers.size(); ++i) all.push_back(papers.paper(i));
    return all;
}

}  // namespace mlsys::indexer
