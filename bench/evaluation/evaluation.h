// Retrieval evaluation as trec_eval and BEIR compute it: nDCG@k and Recall@k of a TREC run
// against graded relevance judgments.
#pragma once

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace mlsys::evaluation {

// qid → docid → relevance grade (> 0 is relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

// qid → docids, best first.
using Run = std::map<std::string, std::vector<std::string>>;

// BEIR qrels TSV: a `query-id corpus-id score` header, then one judgment a line.
Qrels read_qrels(std::istream& in, const std::string& file_name);

// TREC run: `qid Q0 docid rank score tag`; each query's documents are ordered by score
// descending (ties by docid descending, as trec_eval does), whatever order the lines are in.
Run read_trec_run(std::istream& in, const std::string& file_name);

// nDCG@k with linear gains and log2(rank + 1) discounts; 0 when nothing is relevant.
double ndcg_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged, std::size_t k);

// Relevant documents in the first k, over all relevant documents.
double recall_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged, std::size_t k);

struct Scores {
    std::size_t queries = 0;  // judged queries; one missing from the run scores 0
    double ndcg_10 = 0;
    double recall_10 = 0;
    double recall_100 = 0;
};

// Means over every judged query.
Scores evaluate(const Qrels& qrels, const Run& run);

// Per judged query, nDCG@10, for paired comparisons.
std::map<std::string, double> ndcg_10_by_query(const Qrels& qrels, const Run& run);

}  // namespace mlsys::evaluation
