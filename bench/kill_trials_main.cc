// mlsys-kill-trials: kills mlsys-index with SIGKILL at random moments of a build, an update, a
// rebuild, a --jobs merge and a --prune of three lists of ../shared (2,300 papers), checks what each kill left
// (tests/kill_trials.h), and prints the kills per phase, the old/new outcomes and the failures.
// bench/kill runs it with 200 kills; cli_crash_test runs the same trials with 20.
#include "kill_trials.h"
#include "test_support.h"

#include "mlsys/cli/command.h"
#include "mlsys/schema/errors.h"

#include <iostream>

int main(int argc, char** argv) {
    using namespace mlsys;
    cli::CommandApp app{"mlsys-kill-trials", "Kill mlsys-index at random moments and check the index each time."};
    testing::KillTrialOptions options;
    options.seed = testing::kill_seed();
    app.add_option("--kills", options.kills, "kills, spread over the phases in turn")->capture_default_str();
    app.add_option("--seed", options.seed, "random seed (default: $MLSYS_KILL_SEED, else a fresh one)");
    app.footer(cli::exit_codes_help("every kill left the old or the new index", "unused"));
    return cli::run_main(app, argc, argv, [&] {
        const testing::ScratchDir work;
        options.work_dir = work.path();
        const testing::KillTrialReport report = testing::run_kill_trials(options, std::cout);
        testing::print_kill_report(report, std::cout);
        if (!report.failures.empty()) throw IndexError(std::to_string(report.failures.size()) + " kills failed");
    });
}
