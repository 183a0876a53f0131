// The evaluator behind bench/relevance, checked against hand-computed figures.
#include "evaluation/evaluation.h"

#include "mlsys/schema/errors.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace mlsys::evaluation {
namespace {

using Judged = std::map<std::string, int>;
using Ranking = std::vector<std::string>;

TEST(Ndcg, OneRelevantDocumentAtRankTwo) {
    // DCG = 1 / log2(3); the ideal ranking has it first: IDCG = 1.
    EXPECT_NEAR(ndcg_at({"a", "b", "c"}, Judged{{"b", 1}}, 10), 1 / std::log2(3.0), 1e-12);
    EXPECT_NEAR(ndcg_at({"a", "b", "c"}, Judged{{"b", 1}}, 10), 0.63092975357, 1e-9);
}

TEST(Ndcg, GradedJudgmentsInTheWrongOrder) {
    // DCG = 1/1 + 2/log2(3) = 2.26186; IDCG = 2/1 + 1/log2(3) = 2.63093; ratio 0.85972.
    EXPECT_NEAR(ndcg_at({"a", "b"}, Judged{{"a", 1}, {"b", 2}}, 10), 0.8597186, 1e-6);
}

TEST(Ndcg, OnlyTheFirstKCount) {
    const Ranking eleven{"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "hit"};
    EXPECT_EQ(ndcg_at(eleven, Judged{{"hit", 1}}, 10), 0.0);
    EXPECT_NEAR(ndcg_at(eleven, Judged{{"hit", 1}}, 11), 1 / std::log2(12.0), 1e-12);
}

TEST(Ndcg, TwoRelevantOneFound) {
    // DCG = 1; IDCG = 1 + 1/log2(3) = 1.63093; ratio 0.61315.
    EXPECT_NEAR(ndcg_at({"x", "y"}, Judged{{"x", 1}, {"z", 1}}, 10), 0.6131472, 1e-6);
}

TEST(Ndcg, ZeroGradesAreNotRelevant) {
    EXPECT_EQ(ndcg_at({"a"}, Judged{{"a", 0}}, 10), 0.0);
    EXPECT_EQ(ndcg_at({"a"}, Judged{}, 10), 0.0);
}

TEST(Recall, CountsRelevantDocumentsInTheFirstK) {
    const Judged judged{{"a", 1}, {"c", 1}, {"e", 1}, {"f", 0}};
    EXPECT_NEAR(recall_at({"a", "b", "c", "d", "e"}, judged, 2), 1.0 / 3, 1e-12);
    EXPECT_NEAR(recall_at({"a", "b", "c", "d", "e"}, judged, 5), 1.0, 1e-12);
    EXPECT_EQ(recall_at({"f"}, judged, 5), 0.0);
}

TEST(ReadQrels, SkipsTheHeaderAndKeepsGrades) {
    std::istringstream in("query-id\tcorpus-id\tscore\n1\td1\t1\n1\td2\t2\n\n7\td9\t1\n");
    const Qrels qrels = read_qrels(in, "qrels.tsv");
    ASSERT_EQ(qrels.size(), 2u);
    EXPECT_EQ(qrels.at("1"), (Judged{{"d1", 1}, {"d2", 2}}));
    EXPECT_EQ(qrels.at("7"), (Judged{{"d9", 1}}));
}

TEST(ReadQrels, AMalformedLineNamesFileAndLine) {
    std::istringstream in("query-id\tcorpus-id\tscore\n1\td1\n");
    try {
        read_qrels(in, "qrels.tsv");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "qrels.tsv:2: expected 'query-id corpus-id score'");
    }
}

TEST(ReadTrecRun, OrdersByScoreThenDocidDescendingLikeTrecEval) {
    std::istringstream in("q1 Q0 low 3 1.5 t\nq1 Q0 high 1 9.0 t\nq1 Q0 b 2 4.0 t\nq1 Q0 c 2 4.0 t\nq2 Q0 x 1 1 t\n");
    const evaluation::Run run = read_trec_run(in, "run");
    EXPECT_EQ(run.at("q1"), (Ranking{"high", "c", "b", "low"}));
    EXPECT_EQ(run.at("q2"), (Ranking{"x"}));
}

TEST(Evaluate, AveragesOverJudgedQueriesAndCountsMissingOnesAsZero) {
    const Qrels qrels{{"q1", {{"a", 1}}}, {"q2", {{"b", 1}}}};
    const evaluation::Run run{{"q1", {"a"}}, {"unjudged", {"b"}}};
    const Scores scores = evaluate(qrels, run);
    EXPECT_EQ(scores.queries, 2u);
    EXPECT_DOUBLE_EQ(scores.ndcg_10, 0.5);
    EXPECT_DOUBLE_EQ(scores.recall_10, 0.5);
    EXPECT_DOUBLE_EQ(scores.recall_100, 0.5);
    EXPECT_EQ(ndcg_10_by_query(qrels, run), (std::map<std::string, double>{{"q1", 1.0}, {"q2", 0.0}}));
}

}  // namespace
}  // namespace mlsys::evaluation
