#include "output/writers.h"

#include "mlsys/schema/errors.h"

#include <cstdio>

namespace mlsys::query {

void TrecWriter::write(const SearchResponse& response, const std::string& batch_qid) {
    const std::string qid = batch_qid.empty() ? "1" : batch_qid;
    write_notes(response);
    for (const Hit& hit : response.hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.6f", hit.score);
        out_ << qid << " Q0 " << hit.paper.id << ' ' << hit.rank << ' ' << score << " mlsys\n";
    }
}

// A run ranks papers for a query: one paper alone is no run.
void TrecWriter::write_paper(const Paper&) {
    throw UsageError("--format trec writes search results, not one paper");
}

}  // namespace mlsys::query
