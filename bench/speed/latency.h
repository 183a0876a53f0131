// What the bench/perf query tools share: the query set, and per-query latencies summarised as
// lines that bench/perf turns into its table.
#pragma once

#include "mlsys/cli/command.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace mlsys::perf {

// A query of the set mlsys-perf-corpus writes: its kind (word, words, phrase, claim), its text,
// and for the faceted runs an optional filter on the venue or the year.
struct PerfQuery {
    std::string kind;
    std::string text;
    std::string venue;        // empty: no venue filter
    std::optional<int> year;  // none: no year filter
};

std::vector<PerfQuery> read_queries(const std::string& path);

// "plain": top 10, no facets, no filter; "faceted": top 10, the query's filter, exact counts
// of the venue, year and category facets.
enum class Mode { Plain, Faceted };

// Runs every query once in each mode untimed (warm-up), then once timed, and prints one line per
// kind and mode: "KIND MODE P50_MS P99_MS QUERIES MATCHES" (MATCHES: the summed totals the
// engine reported, to compare the engines' matching). `run` returns the query's total. With
// `each`, also one line per timed query there: "KIND MODE MS TOTAL FILTER TEXT", FILTER being
// "venue=V", "year=Y", both comma-separated, or "-", so the queries behind a percentile can be named.
void time_queries(const std::vector<PerfQuery>& queries, const std::function<std::size_t(const PerfQuery&, Mode)>& run,
                  std::ostream& out, std::ostream* each = nullptr);

// The option that names a file for time_queries' `each` lines, for every timing tool.
CLI::Option* add_each_option(cli::CommandApp& app, std::string& path);

// The file the option names, open for writing; none for an empty path.
std::unique_ptr<std::ostream> each_stream(const std::string& path);
// Fails when the lines could not all be written (a full disk): the file would be cut short.
void finish_each(std::ostream* each, const std::string& path);

}  // namespace mlsys::perf
