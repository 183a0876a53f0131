// mlsys-index: reads paper lists and writes them into a Xapian index.
#include "mlsys/indexer/collection.h"
#include "mlsys/indexer/index_writer.h"
#include "mlsys/indexer/input_set.h"
#include "mlsys/indexer/last_run.h"

#include "mlsys/cli/command.h"
#include "mlsys/cli/paths.h"
#include "mlsys/cli/progress.h"
#include "mlsys/schema/errors.h"
#include "mlsys/schema/index_path.h"
#include "mlsys/schema/venue_aliases.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <optional>
#include <set>
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
    bool dry_run = false;
    bool explain_merges = false;
    bool quiet = false;
    ProgressMode progress = ProgressMode::Auto;
    double wait_seconds = 0;
    std::size_t min_papers_per_shard = WriteOptions{}.min_papers_per_shard;
    std::size_t jobs = std::max(1u, std::thread::hardware_concurrency());
    std::size_t shards = 0;
    std::size_t flush_every = WriteOptions{}.flush_every;
    std::vector<std::string> inputs{default_input_path()};
};

void add_options(CLI::App& app, Options& options) {
    add_db_option(app, options.db, "index to write: a new path, an empty folder or an mlsys-search index");
    std::map<std::string, InputFormat> formats;
    for (const auto& [name, format] : input_format_names()) formats.emplace(name, format);
    app.add_option("--format", options.format, "input format: auto detects it per file")
        ->check(CLI::IsMember(formats))
        ->capture_default_str();
    app.add_flag("--rebuild", options.rebuild, "build a fresh index beside the old one and swap it in atomically");
    app.add_flag("--prune", options.prune,
                 "also remove the papers the inputs no longer hold (only papers every source file of which is an "
                 "INPUT of this run)");
    app.add_flag("-n,--dry-run", options.dry_run,
                 "print what would be added, updated, merged and removed; write nothing");
    app.add_flag("--explain-merges", options.explain_merges,
                 "list each paper made of several records: where each record was read and what matched it");
    app.add_option("-j,--jobs", options.jobs, "threads for a fresh build (--rebuild or a first build)")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    app.add_option("--shards", options.shards,
                   "write the index as N shards and a Xapian stub listing them (its XAPIANDB file), each shard a "
                   "folder xapian-tcpsrv can serve; 1 merges a sharded index (default: as the index is)")
        ->check(CLI::Range(1, 256));
    app.add_option("--wait", options.wait_seconds,
                   "when another mlsys-index is writing the index, wait up to SECONDS for it (default: fail at once)")
        ->check(CLI::Range(0.0, 86400.0));
    // Not for users: lets the tests and bench/kill shard a few thousand papers.
    app.add_option("--min-papers-per-shard", options.min_papers_per_shard)->check(CLI::Range(1, 1 << 30))->group("");
    app.add_option("--flush-every", options.flush_every,
                   "a fresh build writes its changes to disk every N papers, so memory stays bounded (0: only at "
                   "the end)")
        ->envname("MLSYS_FLUSH_EVERY")
        ->capture_default_str();
    app.add_flag("--keep-going", options.keep_going, "skip bad records (listing each) instead of stopping");
    app.add_flag("-q,--quiet", options.quiet, "no summary line");
    add_progress_option(app, options.progress);
    app.add_option("INPUT", options.inputs,
                   "paper lists to index (default: data/papers.jsonl here, else the installed bundled list)");
    app.footer(
        "mlsys-query --stats describes the index written: papers, terms, size, facet values, last update,\n"
        "source files.\n"
        "The records read wait in an unnamed temporary file in $TMPDIR (else /tmp), about the size of the\n"
        "inputs, gone when the run ends.\n" +
        exit_codes_help("indexed",
                        "bad input (nothing written, each problem listed as\nfile:line: field: what is wrong)"));
}

InputFormat format_named(const std::string& name) {
    for (const auto& [known, format] : input_format_names()) {
        if (known == name) return format;
    }
    throw UsageError("unknown --format " + name);
}

constexpr const char* kCommandName = "mlsys-index";

std::vector<std::string> described(const std::vector<Problem>& problems) {
    std::vector<std::string> lines;
    for (const Problem& problem : problems) lines.push_back(problem.describe());
    return lines;
}

// The records left out and the lines not read, as `described`: a run that reads its inputs and
// one that repeats the last write's report (nothing_to_do) say them alike.
void report_skipped(const std::vector<std::string>& problems) {
    for (const std::string& problem : problems) warn(kCommandName, "skipped: " + problem);
}

void report_unread(const std::vector<std::string>& unread) {
    for (const std::string& line : unread) warn(kCommandName, line);
}

// ", 12 lines not read" when a reader passed over lines it did not understand; only Markdown
// lists have such lines, so the other formats' summaries do not mention them.
std::string unread_count(std::size_t unread) {
    if (unread == 0) return "";
    return ", " + std::to_string(unread) + (unread == 1 ? " line" : " lines") + " not read";
}

struct RunCounts {
    std::size_t merged = 0;   // records that joined another record's paper
    std::size_t skipped = 0;  // records left out
    std::size_t unread = 0;   // Markdown lines that are no paper item
};

void print_summary(const WriteSummary& summary, const RunCounts& counts, double seconds, const std::string& db) {
    const std::size_t written = summary.added + summary.updated + summary.unchanged;
    std::printf(
        "%s: %zu added, %zu updated, %zu removed, %zu unchanged, %zu merged, %zu skipped%s; %zu papers in "
        "the index; %.2f s (%.0f papers/s)\n",
        db.c_str(), summary.added, summary.updated, summary.removed, summary.unchanged, counts.merged, counts.skipped,
        unread_count(counts.unread).c_str(), summary.total, seconds, seconds > 0 ? written / seconds : 0.0);
}

void print_merges(const std::vector<PaperMerge>& merges) {
    for (const PaperMerge& merge : merges) {
        std::printf("merged %s: %s\n", merge.id.c_str(), merge.title.c_str());
        for (std::size_t i = 0; i < merge.parts.size(); ++i) {
            const std::string why = i == 0 ? "" : "  [" + merge.matched_by[i - 1] + "]";
            std::printf("  %s%s\n", merge.parts[i].c_str(), why.c_str());
        }
    }
}

void print_ids(const char* action, const std::vector<std::string>& ids) {
    for (const std::string& id : ids) std::printf("%s %s\n", action, id.c_str());
}

void print_plan(const WritePlan& plan, const Collection& collection, const std::string& db) {
    print_ids("add", plan.added);
    print_ids("update", plan.updated);
    print_ids("remove", plan.removed);
    print_merges(collection.merges);
    std::printf(
        "%s: dry run, nothing written: %zu to add, %zu to update, %zu to remove, %zu unchanged, %zu records "
        "merged\n",
        db.c_str(), plan.added.size(), plan.updated.size(), plan.removed.size(), plan.unchanged.size(),
        collection.merged_records);
}

// The inputs every record of which was read: --prune may forget what the others no longer hold,
// but not the paper behind a line that failed to read.
std::set<std::string> files_read_whole(const InputSet& inputs) {
    std::set<std::string> files = inputs.files;
    for (const Problem& problem : inputs.problems) files.erase(source_file(problem.where.file));
    return files;
}

// The index at `db` as it is, if it is one of ours: papers it holds keep their ids.
std::optional<Xapian::Database> existing_index(const std::string& db) {
    if (schema::classify_index_path(db) != schema::IndexPath::OwnIndex) return std::nullopt;
    try {
        return Xapian::Database(db);
    } catch (const Xapian::DatabaseError&) {
        return std::nullopt;  // damaged: a rebuild replaces it
    }
}

using Clock = std::chrono::steady_clock;

// The write's progress on the progress line.
class WriteProgressLine : public WriteProgress {
  public:
    explicit WriteProgressLine(ProgressBar& bar) : bar_(bar) {}
    void papers_written(std::size_t done, std::size_t) override { bar_.update(done); }
    void merging_shards(std::size_t shards) override { bar_.stage("merging " + std::to_string(shards) + " shards"); }

  private:
    ProgressBar& bar_;
};

// Collects the inputs' records against the index as it is now, and writes them on top of that
// commit. Another writer committing in between throws IndexChanged (nothing written).
void collect_and_write(const Options& options, const std::string& db, InputSet inputs,
                       const std::optional<std::string>& fingerprint, Clock::time_point start, double wait_seconds,
                       ProgressBar& bar) {
    bar.stage("collecting " + std::to_string(inputs.records->size()) + " records");
    const std::optional<Xapian::Database> index = existing_index(db);
    CollectOptions collect_options;
    collect_options.index = index ? &*index : nullptr;
    collect_options.update = !options.rebuild;
    collect_options.input_files = inputs.files;
    Collection collection = collect_papers(inputs.records, collect_options);
    std::move(collection.problems.begin(), collection.problems.end(), std::back_inserter(inputs.problems));
    bar.clear();
    if (!inputs.problems.empty() && !options.keep_going) throw InputError(inputs.problems);
    const std::vector<std::string> skipped = described(inputs.problems);
    const std::vector<std::string> unread = described(inputs.unread);
    report_skipped(skipped);
    report_unread(unread);

    WriteOptions write_options;
    write_options.mode = options.rebuild ? WriteMode::Rebuild : WriteMode::Update;
    write_options.prune = options.prune;
    write_options.input_files = files_read_whole(inputs);
    write_options.retired_ids = collection.retired_ids;
    write_options.jobs = options.jobs;
    write_options.shards = options.shards;
    write_options.min_papers_per_shard = options.min_papers_per_shard;
    write_options.wait_seconds = wait_seconds;
    write_options.read_state = index_state(index);
    write_options.flush_every = options.flush_every;
    if (fingerprint) {
        write_options.last_run =
            last_run_metadata({*fingerprint, collection.papers->size(), collection.merged_records, skipped, unread});
    }
    if (options.dry_run) return print_plan(plan_index(db, *collection.papers, write_options), collection, db);
    WriteProgressLine progress(bar);
    write_options.progress = &progress;
    bar.stage("indexing", collection.papers->size());
    const WriteSummary summary = write_index(db, *collection.papers, write_options);
    bar.clear();

    const std::chrono::duration<double> elapsed = Clock::now() - start;
    if (options.explain_merges) print_merges(collection.merges);
    const RunCounts counts{collection.merged_records, inputs.problems.size(), inputs.unread.size()};
    if (!options.quiet) print_summary(summary, counts, elapsed.count(), db);
}

// What a run's result depends on besides the program and its inputs' bytes.
std::string run_settings(const Options& options) {
    return "format=" + options.format + " prune=" + std::to_string(options.prune) +
           " keep-going=" + std::to_string(options.keep_going);
}

// A plain update from the same program, inputs and settings as the index's last write would
// change nothing: it reports what that write did (its skipped records and unread lines again)
// and writes nothing. Rebuilds, dry runs, --explain-merges and --shards always do the work.
bool nothing_to_do(const Options& options, const std::string& db, const std::optional<std::string>& fingerprint,
                   Clock::time_point start) {
    if (!fingerprint || options.rebuild || options.dry_run || options.explain_merges || options.shards > 0) {
        return false;
    }
    const std::optional<Xapian::Database> index = existing_index(db);
    const std::optional<LastRun> last = index ? last_run_of(*index) : std::nullopt;
    if (!last || last->fingerprint != *fingerprint) return false;
    report_skipped(last->skipped);
    report_unread(last->unread);
    const std::chrono::duration<double> elapsed = Clock::now() - start;
    const WriteSummary summary{0, 0, 0, last->papers, index->get_doccount()};
    const RunCounts counts{last->merged, last->skipped.size(), last->unread.size()};
    if (!options.quiet) print_summary(summary, counts, elapsed.count(), db);
    return true;
}

void run(const Options& options) {
    const Clock::time_point start = Clock::now();
    const std::string db = index_path(options.db);
    if (options.rebuild && options.prune) {
        throw UsageError("--rebuild already drops papers that are not in the inputs; leave out --prune");
    }
    ProgressBar bar(options.quiet && options.progress == ProgressMode::Auto ? ProgressMode::Never : options.progress);
    // Taken before the inputs are read: a file changing in between is read changed but recorded
    // as it was, so the next run reads it again rather than missing the change.
    const std::optional<std::string> fingerprint = inputs_fingerprint(options.inputs, run_settings(options));
    if (nothing_to_do(options, db, fingerprint, start)) return;
    // With --wait, a writer that committed while this run read the index is waited out too:
    // the run reads and collects again against its commit (reading again, rather than keeping
    // a copy of every record for a rare retry, halves a big build's memory).
    const Clock::time_point deadline =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.wait_seconds));
    for (;;) {
        bar.stage("reading " + std::to_string(options.inputs.size()) +
                  (options.inputs.size() == 1 ? " file" : " files"));
        InputSet inputs = read_inputs(options.inputs, format_named(options.format), VenueAliases::bundled());
        const std::chrono::duration<double> left = deadline - Clock::now();
        try {
            return collect_and_write(options, db, std::move(inputs), fingerprint, start, std::max(0.0, left.count()),
                                     bar);
        } catch (const IndexChanged&) {
            if (Clock::now() >= deadline) throw;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    CommandApp app{kCommandName, "Index paper lists into a Xapian index for mlsys-query."};
    Options options;
    add_options(app, options);
    const FailureNote note{"nothing written; the index is unchanged", "the index is unchanged"};
    return run_main(
        app, argc, argv, [&] { run(options); }, note);
}
