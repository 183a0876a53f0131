#include "speed/latency.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace mlsys::perf {

std::vector<PerfQuery> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError("cannot read " + path);
    std::vector<PerfQuery> queries;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const Json record = Json::parse(line);
        PerfQuery query{record.at("kind").get<std::string>(), record.at("text").get<std::string>(),
                        record.value("venue", ""), std::nullopt};
        if (record.contains("year")) query.year = record.at("year").get<int>();
        queries.push_back(std::move(query));
    }
    return queries;
}

namespace {

// The nearest-rank percentile of sorted samples.
double percentile(const std::vector<double>& sorted, double p) {
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, std::max<std::size_t>(rank, 1) - 1)];
}

}  // namespace

void time_queries(const std::vector<PerfQuery>& queries, const std::function<std::size_t(const PerfQuery&, Mode)>& run,
                  std::ostream& out) {
    for (const Mode mode : {Mode::Plain, Mode::Faceted}) {
        for (const PerfQuery& query : queries) run(query, mode);
    }
    for (const Mode mode : {Mode::Plain, Mode::Faceted}) {
        std::map<std::string, std::vector<double>> milliseconds;
        std::map<std::string, std::size_t> matches;
        for (const PerfQuery& query : queries) {
            const auto start = std::chrono::steady_clock::now();
            matches[query.kind] += run(query, mode);
            const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
            milliseconds[query.kind].push_back(took.count());
        }
        for (auto& [kind, samples] : milliseconds) {
            std::sort(samples.begin(), samples.end());
            out << kind << ' ' << (mode == Mode::Plain ? "plain" : "faceted") << ' ' << percentile(samples, 50) << ' '
                << percentile(samples, 99) << ' ' << samples.size() << ' ' << matches[kind] << '\n';
        }
    }
}

}  // namespace mlsys::perf
