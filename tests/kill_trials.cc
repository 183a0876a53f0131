#include "kill_trials.h"

#include "test_support.h"

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace mlsys::testing {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kIndexName = "db";
// The list --prune shrinks: a copy in the work folder, whole until the prune phase.
constexpr const char* kShrunkList = "byungsoo-oh-ml-systems-papers.md";

std::string shared(const std::string& file) {
    return source_dir() + "/../shared/" + file;
}

// One mlsys-index run of the sequence; each starts from the index the one before left. The
// lists: byungsoo-oh's (copied, to be shrunk), Hsword's and openmlsys's BibTeX, 2,300 papers
// together (the Semantic Scholar CSV, whose long abstracts are the slowest to index, is left
// out, to keep the CI test short).
struct Phase {
    std::string name;
    std::vector<std::string> options;  // besides --db, --quiet, --keep-going and the lists
    bool all_lists = true;             // else the shrunk list only
    bool without_bib = false;
    bool shrunk = false;              // the shrunk list holds its first 60% of lines
    bool kill_while_merging = false;  // the delay counts from the shards' merge starting
    // From the reference run:
    std::optional<Ids> before;  // none: no index
    Ids after;
    double seconds = 0;  // to run the phase (from the merge's start, when merging)
};

std::vector<Phase> phases() {
    std::vector<Phase> all(5);
    all[0].name = "build";
    all[0].options = {"--jobs", "1"};
    all[0].all_lists = false;
    all[1].name = "update";
    all[2].name = "rebuild";
    all[2].options = {"--rebuild", "--jobs", "1"};
    all[2].without_bib = true;
    all[3].name = "jobs-merge";
    all[3].options = {"--rebuild", "--jobs", "2", "--min-papers-per-shard", "500"};
    all[3].kill_while_merging = true;
    all[4].name = "prune";
    all[4].options = {"--prune"};
    all[4].shrunk = true;
    return all;
}

class Trials {
  public:
    Trials(const KillTrialOptions& options, std::ostream& log)
        : work_(options.work_dir), db_(work_ / kIndexName), random_(options.seed), log_(log) {
        whole_list_ = read_file(shared(std::string("corpora/") + kShrunkList));
    }

    KillTrialReport run(unsigned kills) {
        plant_decoys();
        reference_run();
        unsigned attempts = 0;
        for (unsigned kill = 0; kill < kills && attempts < 3 * kills + 10; ++attempts) {
            Phase& phase = phases_[kill % phases_.size()];
            if (trial(phase, kill + 1, kills)) ++kill;
        }
        final_run();
        return std::move(report_);
    }

  private:
    // Folders beside the index that are not provably ours: no run may remove them.
    void plant_decoys() {
        fs::create_directory(work_ / "db.building-decoy");
        fs::create_directory(work_ / "db.building-1-abcdef");  // pid 1 is alive
        std::ofstream(work_ / "db.building-999999999-abcdef") << "a file, not a folder\n";
        decoys_ = {"db.building-decoy", "db.building-1-abcdef", "db.building-999999999-abcdef"};
    }

    std::vector<std::string> arguments(const Phase& phase) {
        std::ofstream list(work_ / kShrunkList, std::ios::binary | std::ios::trunc);
        list << (phase.shrunk ? whole_list_.substr(0, whole_list_.size() * 6 / 10) : whole_list_);
        list.close();
        std::vector<std::string> argv{index_binary(), "--db", db_.string(), "--quiet", "--keep-going"};
        argv.insert(argv.end(), phase.options.begin(), phase.options.end());
        argv.push_back((work_ / kShrunkList).string());
        if (phase.all_lists) {
            argv.push_back(shared("corpora/hsword-awesome-ml-system-papers.md"));
            if (!phase.without_bib) argv.push_back(shared("corpora/openmlsys-mlsys.bib"));
        }
        return argv;
    }

    struct Run {
        bool killed = false;
        int status = 0;
        double seconds = 0;  // from the start, or from the merge's start when waiting for it
    };

    // Runs mlsys-index; with `kill_after`, kills it (SIGKILL) that many seconds after its start,
    // or after its merge started when `from_merge`.
    Run run_index(const std::vector<std::string>& argv, std::optional<double> kill_after, bool from_merge) {
        const pid_t child = start_command(argv, (work_ / "run.log").string());
        const Clock::time_point start = Clock::now();
        std::optional<Clock::time_point> merge_start;
        Run run;
        for (;;) {
            if (waitpid(child, &run.status, WNOHANG) == child) break;
            if (from_merge && !merge_start && merging()) merge_start = Clock::now();
            const std::optional<Clock::time_point> origin = from_merge ? merge_start : start;
            run.seconds = origin ? std::chrono::duration<double>(Clock::now() - *origin).count() : 0;
            if (kill_after && origin && run.seconds >= *kill_after) {
                ::kill(child, SIGKILL);
                waitpid(child, &run.status, 0);
                run.killed = WIFSIGNALED(run.status) && WTERMSIG(run.status) == SIGKILL;
                return run;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        return run;
    }

    // A --jobs rebuild is merging its shards: its scratch folder holds the merged index.
    bool merging() const {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(work_, error)) {
            if (is_ours(entry.path().filename().string()) && fs::exists(entry.path() / "index", error)) return true;
        }
        return false;
    }

    bool is_ours(const std::string& name) const {
        return name.rfind("db.building-", 0) == 0 && std::find(decoys_.begin(), decoys_.end(), name) == decoys_.end();
    }

    std::size_t scratch_folders() const {
        std::size_t count = 0;
        for (const auto& entry : fs::directory_iterator(work_)) count += is_ours(entry.path().filename().string());
        return count;
    }

    bool decoys_intact() const {
        return fs::is_directory(work_ / decoys_[0]) && fs::is_directory(work_ / decoys_[1]) &&
               fs::is_regular_file(work_ / decoys_[2]);
    }

    // The ids the index at `db_` holds (none when there is no index); throws if it cannot be read.
    std::optional<Ids> stored_ids() const {
        if (!fs::exists(db_)) return std::nullopt;
        const Xapian::Database db(db_.string());
        const std::string prefix(schema::field(schema::FieldId::Id).prefix);
        Ids ids;
        for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
            ids.insert((*term).substr(prefix.size()));
        }
        if (ids.size() != db.get_doccount()) {
            throw std::runtime_error(std::to_string(db.get_doccount()) + " documents but " +
                                     std::to_string(ids.size()) + " ids");
        }
        return ids;
    }

    void snapshot(std::size_t phase) {
        const fs::path copy = work_ / ("snapshot-" + std::to_string(phase));
        fs::copy(db_, copy, fs::copy_options::recursive);
    }

    // The index as it was before `phase`.
    void restore(std::size_t phase) {
        fs::remove_all(db_);
        if (phase > 0) fs::copy(work_ / ("snapshot-" + std::to_string(phase - 1)), db_, fs::copy_options::recursive);
    }

    void reference_run() {
        std::optional<Ids> before;
        for (std::size_t i = 0; i < phases_.size(); ++i) {
            Phase& phase = phases_[i];
            phase.before = before;
            const Run run = run_index(arguments(phase), std::nullopt, phase.kill_while_merging);
            if (!WIFEXITED(run.status) || WEXITSTATUS(run.status) != 0) {
                throw std::runtime_error("the reference " + phase.name +
                                         " failed: " + read_file((work_ / "run.log").string()));
            }
            phase.after = *stored_ids();
            phase.seconds = run.seconds;
            if (phase.before == phase.after) throw std::runtime_error(phase.name + " changes no paper: no test");
            log_ << "reference " << phase.name << ": " << (before ? before->size() : 0) << " -> " << phase.after.size()
                 << " papers, " << phase.seconds << " s" << (phase.kill_while_merging ? " (merging)" : "") << "\n";
            snapshot(i);
            before = phase.after;
        }
    }

    // One killed run of `phase`; false when it finished before the kill came.
    bool trial(Phase& phase, unsigned number, unsigned kills) {
        const std::size_t index = static_cast<std::size_t>(&phase - phases_.data());
        restore(index);
        // A little past the reference time, so that kills land after the commit or swap too.
        std::uniform_real_distribution<double> delay(0, phase.seconds * 1.05);
        const double after = delay(random_);
        const Run run = run_index(arguments(phase), after, phase.kill_while_merging);
        PhaseOutcome& outcome = report_.phases[phase.name];
        std::ostringstream what;
        what << "kill " << number << "/" << kills << ": " << phase.name << " at " << after << " s";
        if (!run.killed) ++outcome.finished;
        if (run.killed) ++outcome.kills;
        const std::string failure = check(phase, run.killed ? &outcome : nullptr);
        log_ << what.str() << (run.killed ? "" : " (finished first)") << ": " << (failure.empty() ? "ok" : failure)
             << "\n";
        if (!failure.empty()) {
            ++outcome.failures;
            report_.failures.push_back(what.str() + ": " + failure);
        }
        return run.killed;
    }

    // What is wrong with what the run of `phase` left, or "" when nothing is; a kill's outcome
    // (old, new, no index) is counted in `outcome`. A run that finished must leave the new papers.
    std::string check(const Phase& phase, PhaseOutcome* outcome) {
        if (scratch_folders() > 1) return std::to_string(scratch_folders()) + " scratch folders left beside the index";
        if (!decoys_intact()) return "a folder that is not ours was removed";
        std::optional<Ids> ids;
        try {
            ids = stored_ids();
        } catch (const std::exception& e) {
            return std::string("the index cannot be read: ") + e.what();
        }
        if (!ids) {
            if (phase.before || !outcome) return "the index is gone";
            ++outcome->no_index;
            return "";
        }
        const CommandResult checked = run_command({"/usr/bin/xapian-check", db_.string()});
        if (checked.exit_code != 0) return "xapian-check: " + checked.out + checked.err;
        const CommandResult query =
            run_command({query_binary(), "--db", db_.string(), "--format", "ids", "--limit", "20", "training"});
        if (query.exit_code != 0) return "mlsys-query failed: " + query.err;
        std::istringstream lines(query.out);
        std::size_t answered = 0;
        for (std::string id; std::getline(lines, id); ++answered) {
            if (!ids->count(id)) return "mlsys-query answered " + id + ", which the index does not hold";
        }
        if (answered == 0) return "mlsys-query found no paper for 'training'";
        if (outcome && phase.before && *ids == *phase.before) {
            ++outcome->old_papers;
        } else if (*ids == phase.after) {
            if (outcome) ++outcome->new_papers;
        } else {
            return "the index holds " + std::to_string(ids->size()) + " papers, neither the " +
                   std::to_string(phase.before ? phase.before->size() : 0) + " before nor the " +
                   std::to_string(phase.after.size()) + " after";
        }
        return "";
    }

    // A run that is not killed clears every killed run's scratch folder, and only those.
    void final_run() {
        Phase& last = phases_[2];
        restore(2);
        const Run run = run_index(arguments(last), std::nullopt, false);
        std::string failure;
        if (!WIFEXITED(run.status) || WEXITSTATUS(run.status) != 0)
            failure = "the last run failed";
        else if (scratch_folders() != 0)
            failure = std::to_string(scratch_folders()) + " scratch folders left after a whole run";
        else if (!decoys_intact())
            failure = "a folder that is not ours was removed";
        else if (stored_ids() != last.after)
            failure = "the last run's index does not hold its papers";
        log_ << "a whole " << last.name << " run after the kills: " << (failure.empty() ? "ok" : failure) << "\n";
        if (!failure.empty()) report_.failures.push_back("after the kills: " + failure);
    }

    fs::path work_;
    fs::path db_;
    std::mt19937_64 random_;
    std::ostream& log_;
    std::string whole_list_;
    std::vector<std::string> decoys_;
    std::vector<Phase> phases_ = phases();
    KillTrialReport report_;
};

}  // namespace

std::uint64_t kill_seed() {
    if (const char* given = std::getenv("MLSYS_KILL_SEED")) return std::stoull(given);
    std::random_device random;
    return (static_cast<std::uint64_t>(random()) << 32) | random();
}

unsigned KillTrialReport::kills() const {
    unsigned total = 0;
    for (const auto& [name, outcome] : phases) total += outcome.kills;
    return total;
}

KillTrialReport run_kill_trials(const KillTrialOptions& options, std::ostream& log) {
    log << "kill trials: " << options.kills << " kills, seed " << options.seed << " (MLSYS_KILL_SEED=" << options.seed
        << " repeats them)\n";
    return Trials(options, log).run(options.kills);
}

void print_kill_report(const KillTrialReport& report, std::ostream& out) {
    out << "phase        kills  old  new  no-index  finished-first  failures   (old/new/no-index: what the kills "
           "left)\n";
    for (const auto& [name, o] : report.phases) {
        char line[160];
        std::snprintf(line, sizeof line, "%-12s %5u %4u %4u %9u %15u %9u\n", name.c_str(), o.kills, o.old_papers,
                      o.new_papers, o.no_index, o.finished, o.failures);
        out << line;
    }
    out << "total kills: " << report.kills() << ", failures: " << report.failures.size() << "\n";
    for (const std::string& failure : report.failures) out << "FAILED " << failure << "\n";
}

}  // namespace mlsys::testing
