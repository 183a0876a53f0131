// Crash safety, measured: runs mlsys-index on three lists of ../shared, 2,300 papers (a build, an update, a
// rebuild, a --jobs rebuild killed while it merges its shards, a --prune) and kills it with
// SIGKILL at random moments (seeded), then checks what a killed run left. Shared by
// cli_crash_test (20 kills in CI) and mlsys-kill-trials (bench/kill, 200 kills).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace mlsys::testing {

struct KillTrialOptions {
    std::filesystem::path work_dir;  // an empty folder; the index is built at work_dir/db
    unsigned kills = 20;
    std::uint64_t seed = 1;
};

// What the kills in one phase found.
struct PhaseOutcome {
    unsigned kills = 0;
    // What each kill left:
    unsigned old_papers = 0;  // exactly the papers before the run
    unsigned new_papers = 0;  // exactly the papers after it
    unsigned no_index = 0;    // a killed first build: nothing at the path, as before
    unsigned finished = 0;    // runs that ended before their kill came (not kills; checked too)
    unsigned failures = 0;    // kills or finished runs that left something wrong
};

struct KillTrialReport {
    std::map<std::string, PhaseOutcome> phases;  // by phase name
    std::vector<std::string> failures;           // each: the kill, and what was wrong
    unsigned kills() const;
};

// Runs each phase once to completion (the reference: its papers before and after, how long it
// takes), then kills `options.kills` runs, spread over the phases in turn, each after a random
// delay within the phase's reference time. After each kill the index must open, answer a
// query, pass xapian-check and hold exactly the papers before or after the phase (compared by
// id sets), and at most one scratch folder may be left beside it. Finally a run that is not
// killed must remove the killed runs' scratch folders and nothing else. Progress goes to `log`.
KillTrialReport run_kill_trials(const KillTrialOptions& options, std::ostream& log);

// $MLSYS_KILL_SEED when set (to repeat a run), else a fresh random seed.
std::uint64_t kill_seed();

// The summary bench/kill prints: kills per phase, old/new outcomes, failures.
void print_kill_report(const KillTrialReport& report, std::ostream& out);

}  // namespace mlsys::testing
