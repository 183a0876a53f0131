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

const char* mode_name(Mode mode) {
    return mode == Mode::Plain ? "plain" : "faceted";
}

std::string filter_of(const PerfQuery& query, Mode mode) {
    if (mode == Mode::Plain) return "-";  // plain queries run unfiltered
    std::string filters;
    if (!query.venue.empty()) filters = "venue=" + query.venue;
    if (query.year) filters += (filters.empty() ? "" : ",") + ("year=" + std::to_string(*query.year));
    return filters.empty() ? "-" : filters;
}

// The nearest-rank percentile of sorted samples.
double percentile(const std::vector<double>& sorted, double p) {
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::min(sorted.size() - 1, std::max<std::size_t>(rank, 1) - 1)];
}

}  // namespace

void time_queries(const std::vector<PerfQuery>& queries, const std::function<std::size_t(const PerfQuery&, Mode)>& run,
                  std::ostream& out, std::ostream* each) {
    for (const Mode mode : {Mode::Plain, Mode::Faceted}) {
        for (const PerfQuery& query : queries) run(query, mode);
    }
    for (const Mode mode : {Mode::Plain, Mode::Faceted}) {
        std::map<std::string, std::vector<double>> milliseconds;
        std::map<std::string, std::size_t> matches;
        for (const PerfQuery& query : queries) {
            const auto start = std::chrono::steady_clock::now();
            const std::size_t total = run(query, mode);
            const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
            matches[query.kind] += total;
            milliseconds[query.kind].push_back(took.count());
            if (each) {
                *each << query.kind << ' ' << mode_name(mode) << ' ' << took.count() << ' ' << total << ' '
                      << filter_of(query, mode) << ' ' << query.text << '\n';
            }
        }
        for (auto& [kind, samples] : milliseconds) {
            std::sort(samples.begin(), samples.end());
            out << kind << ' ' << mode_name(mode) << ' ' << percentile(samples, 50) << ' ' << percentile(samples, 99)
                << ' ' << samples.size() << ' ' << matches[kind] << '\n';
        }
    }
}

CLI::Option* add_each_option(cli::CommandApp& app, std::string& path) {
    return app.add_option("--each", path, "also write each timed query's line here: KIND MODE MS TOTAL FILTER TEXT");
}

std::unique_ptr<std::ostream> each_stream(const std::string& path) {
    if (path.empty()) return nullptr;
    auto out = std::make_unique<std::ofstream>(path);
    if (!*out) throw UsageError("--each: cannot write " + path);
    return out;
}

void finish_each(std::ostream* each, const std::string& path) {
    if (each && !each->flush()) throw UsageError("--each: cannot write " + path);
}

}  // namespace mlsys::perf
