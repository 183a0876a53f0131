// mlsys-index: reads paper lists and writes them into a Xapian index.
#include "mlsys/indexer/index_writer.h"
#include "mlsys/indexer/input_set.h"

#include "mlsys/cli/command.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/venue_aliases.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <thread>

namespace {

using namespace mlsys;
using namespace mlsys::indexer;
using namespace mlsys::cli;

struct Options {
    std::string db;
    std::string format = "auto";
    bool rebuild = false;
    bool prune = false;
    bool keep_going = false;
    bool quiet = false;
    std::size_t jobs = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::string> inputs{"data/papers.jsonl"};
};

void add_options(CLI::App& app, Options& options) {
    add_db_option(app, options.db, "index to write: a new path, an empty folder or an mlsys-search index");
    std::map<std::string, InputFormat> formats;
    for (const auto& [name, format] : input_format_names()) formats.emplace(name, format);
    app.add_option("--format", options.format, "input format: auto detects it per file")
        ->check(CLI::IsMember(formats))
        ->capture_default_str();
    app.add_flag("--rebuild", options.rebuild, "build a fresh index beside the old one and swap it in atomically");
    app.add_flag("--prune", options.prune, "also remove papers whose ids are not in the inputs");
    app.add_option("-j,--jobs", options.jobs, "threads for a fresh build (--rebuild or a first build)")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    app.add_flag("--keep-going", options.keep_going, "skip bad records (listing each) instead of stopping");
    app.add_flag("-q,--quiet", options.quiet, "no summary line");
    app.add_option("INPUT", options.inputs, "paper lists to index (default: data/papers.jsonl)");
    app.footer(exit_codes_help("indexed", "bad input (nothing written, each problem listed as\nfile:line: field: what is wrong)"));
}

InputFormat format_named(const std::string& name) {
    for (const auto& [known, format] : input_format_names()) {
        if (known == name) return format;
    }
    throw UsageError("unknown --format " + name);
}

void report_skipped(const std::vector<Problem>& problems) {
    for (const Problem& problem : problems) std::cerr << "skipped: " << problem.describe() << '\n';
}

void report_unread(const std::vector<Problem>& unread) {
    for (const Problem& line : unread) std::cerr << line.describe() << '\n';
}

// ", 12 lines not read" when a reader passed over lines it did not understand; only Markdown
// lists have such lines, so the other formats' summaries do not mention them.
std::string unread_count(std::size_t unread) {
    if (unread == 0) return "";
    return ", " + std::to_string(unread) + (unread == 1 ? " line" : " lines") + " not read";
}

void print_summary(const WriteSummary& summary, std::size_t skipped, std::size_t unread, double seconds,
                   const std::string& db) {
    const std::size_t written = summary.added + summary.updated + summary.unchanged;
    std::printf("%s: %zu added, %zu updated, %zu removed, %zu unchanged, %zu skipped%s; %zu papers in the index; "
                "%.2f s (%.0f papers/s)\n",
                db.c_str(), summary.added, summary.updated, summary.removed, summary.unchanged, skipped,
                unread_count(unread).c_str(), summary.total, seconds, seconds > 0 ? written / seconds : 0.0);
}

void run(const Options& options) {
    const auto start = std::chrono::steady_clock::now();
    const std::string db = index_path(options.db);
    if (options.rebuild && options.prune) {
        throw UsageError("--rebuild already drops papers that are not in the inputs; leave out --prune");
    }
    InputSet inputs = read_inputs(options.inputs, format_named(options.format), VenueAliases::bundled());
    if (!inputs.problems.empty() && !options.keep_going) throw InputError(inputs.problems);
    report_skipped(inputs.problems);
    report_unread(inputs.unread);

    std::vector<Paper> papers;
    papers.reserve(inputs.records.size());
    for (ReadRecord& record : inputs.records) papers.push_back(std::move(record.paper));
    WriteOptions write_options;
    write_options.mode = options.rebuild ? WriteMode::Rebuild : WriteMode::Update;
    write_options.prune = options.prune;
    write_options.jobs = options.jobs;
    const WriteSummary summary = write_index(db, papers, write_options);

    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (!options.quiet) print_summary(summary, inputs.problems.size(), inputs.unread.size(), elapsed.count(), db);
}

}  // namespace

int main(int argc, char** argv) {
    CommandApp app{"mlsys-index", "Index paper lists into a Xapian index for mlsys-query."};
    Options options;
    add_options(app, options);
    const FailureNote note{"nothing written; the index is unchanged", "the index is unchanged"};
    return run_main(app, argc, argv, [&] { run(options); }, note);
}
