// mlsys-tune-ranking: fits the ranking knobs (the term model's weights, BM25's k1 and b) by
// coordinate ascent on mean nDCG@10 over judged queries (Metzler & Croft 2007), then reports
// what each feature adds and a k-fold cross-validated estimate of the fitted settings.
#include "evaluation/evaluation.h"

#include "mlsys/cli/command.h"
#include "mlsys/query/batch.h"
#include "mlsys/query/ranking.h"
#include "mlsys/query/search.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

namespace {

using namespace mlsys;
using namespace mlsys::query;
using namespace mlsys::cli;
using evaluation::Qrels;

constexpr Xapian::doccount kCutoff = 10;

// The knobs being fitted: the term model, then k1 and b. They start from plain BM25 with
// Xapian's default parameters.
struct Knobs {
    TermModel model{};
    double k1 = 1.0;
    double b = 0.5;
    static constexpr std::size_t kCount = kTermFeatureCount + 2;

    double& operator[](std::size_t i) { return i < kTermFeatureCount ? model[i] : (i == kTermFeatureCount ? k1 : b); }
    std::string name(std::size_t i) const {
        return i < kTermFeatureCount ? term_feature_name(static_cast<TermFeature>(i))
                                     : (i == kTermFeatureCount ? "bm25-k1" : "bm25-b");
    }
    std::vector<double> grid(std::size_t i) const {
        std::vector<double> values;
        if (i < kTermFeatureCount) {
            for (int step = -8; step <= 8; ++step) values.push_back(step * 0.25);
        } else if (i == kTermFeatureCount) {
            for (int step = 3; step <= 10; ++step) values.push_back(step * 0.2);
        } else {
            for (int step = 2; step <= 9; ++step) values.push_back(step * 0.1);
        }
        return values;
    }
    RankingOptions ranking() const {
        RankingOptions options;
        options.term_model = model;
        options.bm25_k1 = k1;
        options.bm25_b = b;
        return options;
    }
};

// Scores knobs by running mlsys-query's own search (Searcher, as the command calls it) on every
// judged query, so what is tuned is exactly the path the command runs: query preparation, the
// term model's first pass under the knobs' k1 and b, the retries.
class Tuner {
  public:
    Tuner(const std::string& db_path, const std::vector<BatchQuery>& queries, const Qrels& qrels)
        : searcher_(db_path), qrels_(qrels) {
        for (const BatchQuery& q : queries) {
            if (qrels_.count(q.qid) > 0) judged_.push_back(q);
        }
    }

    std::size_t size() const { return judged_.size(); }

    // Mean nDCG@10 over the judged queries whose index is in `subset`.
    double score(const Knobs& knobs, const std::vector<std::size_t>& subset) const {
        SearchRequest request;
        request.facets.clear();
        request.limit = kCutoff;
        request.ranking = knobs.ranking();
        double total = 0;
        for (const std::size_t i : subset) {
            const BatchQuery& q = judged_[i];
            request.match = QueryText{q.text};
            std::vector<std::string> ids;
            for (const Hit& hit : searcher_.search(request, HitDetail::IdsOnly).hits) ids.push_back(hit.paper.id);
            total += evaluation::ndcg_at(ids, qrels_.at(q.qid), kCutoff);
        }
        return subset.empty() ? 0 : total / subset.size();
    }

    Knobs ascend(Knobs knobs, const std::vector<std::size_t>& subset, int rounds, bool verbose) const {
        double best = score(knobs, subset);
        for (int round = 1; round <= rounds; ++round) {
            bool moved = false;
            for (std::size_t i = 0; i < Knobs::kCount; ++i) {
                for (const double value : knobs.grid(i)) {
                    Knobs trial = knobs;
                    trial[i] = value;
                    const double s = score(trial, subset);
                    if (s > best + 1e-6) best = s, knobs = trial, moved = true;
                }
                if (verbose)
                    std::fprintf(stderr, "round %d  %-18s %6.3f  nDCG@10 %.4f\n", round, knobs.name(i).c_str(),
                                 knobs[i], best);
            }
            if (!moved) break;
        }
        return knobs;
    }

  private:
    mutable Searcher searcher_;  // a search changes nothing a later score depends on
    const Qrels& qrels_;
    std::vector<BatchQuery> judged_;
};

std::vector<std::size_t> all_indices(std::size_t n) {
    std::vector<std::size_t> indices(n);
    for (std::size_t i = 0; i < n; ++i) indices[i] = i;
    return indices;
}

std::string describe(Knobs knobs) {
    std::string model;
    for (std::size_t i = 0; i < kTermFeatureCount; ++i) model += (i ? "," : "") + std::to_string(knobs[i]).substr(0, 5);
    return "--term-model=" + model + " --bm25-k1 " + std::to_string(knobs.k1).substr(0, 4) + " --bm25-b " +
           std::to_string(knobs.b).substr(0, 4);
}

double cross_validate(const Tuner& tuner, std::size_t folds, int rounds) {
    std::vector<std::size_t> order = all_indices(tuner.size());
    std::shuffle(order.begin(), order.end(), std::mt19937(20261127));
    double total = 0;
    for (std::size_t fold = 0; fold < folds; ++fold) {
        std::vector<std::size_t> train, held_out;
        for (std::size_t i = 0; i < order.size(); ++i) (i % folds == fold ? held_out : train).push_back(order[i]);
        const Knobs fitted = tuner.ascend(Knobs{}, train, rounds, false);
        const double s = tuner.score(fitted, held_out);
        std::fprintf(stderr, "fold %zu: fitted on %zu, held-out nDCG@10 %.4f\n", fold + 1, train.size(), s);
        total += s * held_out.size();
    }
    return total / order.size();
}

// Fits the knobs on every judged query and prints what each feature adds and, with `folds`, a
// cross-validated estimate.
void report(const Tuner& tuner, int rounds, std::size_t folds) {
    const std::vector<std::size_t> all = all_indices(tuner.size());
    const Knobs plain;
    const Knobs fitted = tuner.ascend(plain, all, rounds, true);
    const double fitted_score = tuner.score(fitted, all);
    std::printf("queries %zu\nplain BM25 (k1 %.2f, b %.2f)      nDCG@10 %.4f\n", tuner.size(), plain.k1, plain.b,
                tuner.score(plain, all));
    std::printf("fitted: %s\n                                  nDCG@10 %.4f\n", describe(fitted).c_str(), fitted_score);
    for (std::size_t i = 0; i < kTermFeatureCount; ++i) {
        Knobs without = fitted;
        without[i] = 0;
        std::printf("  without %-18s            nDCG@10 %.4f\n", fitted.name(i).c_str(), tuner.score(without, all));
    }
    if (folds > 1)
        std::printf("%zu-fold cross-validated             nDCG@10 %.4f\n", folds, cross_validate(tuner, folds, rounds));
}

}  // namespace

int main(int argc, char** argv) {
    CommandApp app{"mlsys-tune-ranking",
                   "Fit mlsys-query's ranking knobs on judged queries by coordinate ascent on nDCG@10."};
    std::string db, queries_file, qrels_file;
    std::size_t folds = 0;
    int rounds = 3;
    app.add_option("--db", db, "index of the judged corpus")->required();
    app.add_option("--queries", queries_file, "queries (BEIR queries.jsonl or TSV)")
        ->required()
        ->check(CLI::ExistingFile);
    app.add_option("--qrels", qrels_file, "BEIR qrels TSV")->required()->check(CLI::ExistingFile);
    app.add_option("--rounds", rounds, "passes over the knobs")->capture_default_str();
    app.add_option("--folds", folds, "also estimate by k-fold cross-validation (0: skip)")->capture_default_str();
    app.footer(exit_codes_help("done", "bad input"));
    return run_main(app, argc, argv, [&] {
        std::ifstream qrels_in(qrels_file);
        const Qrels qrels = evaluation::read_qrels(qrels_in, qrels_file);
        report(Tuner(db, read_batch_queries(queries_file), qrels), rounds, folds);
    });
}
