// mlsys-eval: scores TREC runs against BEIR qrels: nDCG@10, Recall@10, Recall@100.
#include "evaluation/evaluation.h"

#include "mlsys/cli/command.h"
#include "mlsys/schema/errors.h"

#include <cstdio>
#include <fstream>
#include <iostream>

namespace {

using namespace mlsys;
using namespace mlsys::evaluation;
using namespace mlsys::cli;

template <typename T>
T read_with(T (*reader)(std::istream&, const std::string&), const std::string& file_name) {
    std::ifstream in(file_name);
    if (!in) throw InputError(file_name + ": cannot open");
    return reader(in, file_name);
}

}  // namespace

int main(int argc, char** argv) {
    CommandApp app{"mlsys-eval", "Score TREC runs against BEIR relevance judgments (nDCG@10, Recall@10, Recall@100)."};
    std::string qrels_file;
    std::vector<std::string> runs;
    app.add_option("--qrels", qrels_file, "BEIR qrels TSV")->required();
    app.add_option("RUN", runs, "TREC run files; each gets a row")->required();
    app.footer(exit_codes_help("scored", "unreadable or malformed input"));
    return run_main(app, argc, argv, [&] {
        const Qrels qrels = read_with(read_qrels, qrels_file);
        std::printf("%-40s %8s %8s %9s %10s\n", "run", "queries", "nDCG@10", "Recall@10", "Recall@100");
        for (const std::string& run_file : runs) {
            const Scores scores = evaluate(qrels, read_with(read_trec_run, run_file));
            std::printf("%-40s %8zu %8.4f %9.4f %10.4f\n", run_file.c_str(), scores.queries, scores.ndcg_10,
                        scores.recall_10, scores.recall_100);
        }
    });
}
