#include "evaluation/evaluation.h"

#include "mlsys/schema/errors.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <tuple>

namespace mlsys::evaluation {

namespace {

InputError bad_line(const std::string& file_name, std::size_t line, const std::string& what) {
    return InputError(Problem{{file_name, line}, "", what}.describe());
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& file_name) {
    Qrels qrels;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        std::istringstream fields(line);
        std::string qid, docid, grade;
        if (!(fields >> qid >> docid >> grade)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            throw bad_line(file_name, number, "expected 'query-id corpus-id score'");
        }
        if (number == 1 && qid == "query-id") continue;
        try {
            qrels[qid][docid] = std::stoi(grade);
        } catch (const std::exception&) {
            throw bad_line(file_name, number, "score must be an integer, got \"" + grade + "\"");
        }
    }
    return qrels;
}

Run read_trec_run(std::istream& in, const std::string& file_name) {
    std::map<std::string, std::vector<std::pair<double, std::string>>> scored;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        std::istringstream fields(line);
        std::string qid, q0, docid, rank, score;
        if (!(fields >> qid >> q0 >> docid >> rank >> score)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            throw bad_line(file_name, number, "expected 'qid Q0 docid rank score tag'");
        }
        try {
            scored[qid].emplace_back(std::stod(score), docid);
        } catch (const std::exception&) {
            throw bad_line(file_name, number, "score must be a number, got \"" + score + "\"");
        }
    }
    Run run;
    for (auto& [qid, documents] : scored) {
        std::sort(documents.begin(), documents.end(), [](const auto& a, const auto& b) {
            return std::tie(a.first, a.second) > std::tie(b.first, b.second);
        });
        for (const auto& document : documents) run[qid].push_back(document.second);
    }
    return run;
}

double ndcg_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged, std::size_t k) {
    double dcg = 0;
    for (std::size_t i = 0; i < std::min(k, ranking.size()); ++i) {
        const auto it = judged.find(ranking[i]);
        if (it != judged.end() && it->second > 0) dcg += it->second / std::log2(i + 2.0);
    }
    std::vector<int> grades;
    for (const auto& [docid, grade] : judged) {
        if (grade > 0) grades.push_back(grade);
    }
    std::sort(grades.rbegin(), grades.rend());
    double ideal = 0;
    for (std::size_t i = 0; i < std::min(k, grades.size()); ++i) ideal += grades[i] / std::log2(i + 2.0);
    return ideal > 0 ? dcg / ideal : 0;
}

double recall_at(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged, std::size_t k) {
    std::size_t relevant = 0;
    for (const auto& [docid, grade] : judged) relevant += grade > 0;
    if (relevant == 0) return 0;
    std::size_t found = 0;
    for (std::size_t i = 0; i < std::min(k, ranking.size()); ++i) {
        const auto it = judged.find(ranking[i]);
        found += it != judged.end() && it->second > 0;
    }
    return static_cast<double>(found) / relevant;
}

Scores evaluate(const Qrels& qrels, const Run& run) {
    Scores scores;
    static const std::vector<std::string> kNothing;
    for (const auto& [qid, judged] : qrels) {
        const auto it = run.find(qid);
        const std::vector<std::string>& ranking = it == run.end() ? kNothing : it->second;
        scores.ndcg_10 += ndcg_at(ranking, judged, 10);
        scores.recall_10 += recall_at(ranking, judged, 10);
        scores.recall_100 += recall_at(ranking, judged, 100);
        ++scores.queries;
    }
    if (scores.queries > 0) {
        scores.ndcg_10 /= scores.queries;
        scores.recall_10 /= scores.queries;
        scores.recall_100 /= scores.queries;
    }
    return scores;
}

std::map<std::string, double> ndcg_10_by_query(const Qrels& qrels, const Run& run) {
    std::map<std::string, double> by_query;
    for (const auto& [qid, judged] : qrels) {
        const auto it = run.find(qid);
        by_query[qid] = it == run.end() ? 0 : ndcg_at(it->second, judged, 10);
    }
    return by_query;
}

}  // namespace mlsys::evaluation
