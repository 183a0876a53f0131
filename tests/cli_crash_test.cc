// Crash safety and failed writes: mlsys-index killed with SIGKILL at random moments (seeded,
// the seed printed) leaves the index it had or the one it was writing, never a mix and never a
// growing pile of scratch folders; a write that fails midway (a file size limit) leaves the
// index as it was and says so. Labelled "crash".
#include "kill_trials.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <iostream>
#include <sstream>

namespace mlsys::testing {
namespace {

namespace fs = std::filesystem;

std::string shared(const std::string& file) {
    return source_dir() + "/../shared/" + file;
}

TEST(KillTest, TwentyKillsEachLeaveTheOldOrTheNewPapers) {
    const ScratchDir dir;
    KillTrialOptions options;
    options.work_dir = dir.path();
    options.kills = 20;
    options.seed = kill_seed();
    std::ostringstream log;
    const KillTrialReport report = run_kill_trials(options, log);
    print_kill_report(report, log);
    std::cout << log.str();
    EXPECT_EQ(report.failures, std::vector<std::string>{}) << "seed " << options.seed;
    EXPECT_EQ(report.kills(), 20u) << "seed " << options.seed;
    for (const char* phase : {"build", "update", "rebuild", "jobs-merge", "prune"}) {
        EXPECT_EQ(report.phases.at(phase).kills, 4u) << phase << ", seed " << options.seed;
    }
}

// mlsys-index under a file size limit of `kilobytes` (SIGXFSZ ignored, so a write past it fails
// with EFBIG instead of killing the process).
CommandResult index_with_size_limit(std::size_t kilobytes, std::vector<std::string> argv) {
    argv.insert(argv.begin(),
                {"/bin/bash", "-c", "trap '' XFSZ; ulimit -f " + std::to_string(kilobytes) + "; exec \"$0\" \"$@\"",
                 index_binary()});
    return run_command(argv);
}

// What an index holds: its commit (UUID and revision) and every document's record.
std::string contents(const fs::path& db) {
    const Xapian::Database index(db.string());
    std::string all = index.get_uuid() + " revision " + std::to_string(index.get_revision()) + "\n";
    for (auto doc = index.postlist_begin(""); doc != index.postlist_end(""); ++doc) {
        all += index.get_document(*doc).get_data() + "\n";
    }
    return all;
}

class FailedWrite : public ::testing::Test {
  protected:
    FailedWrite() : db_(fs::canonical(dir_.path()) / "db") {
        const CommandResult built =
            run_command({index_binary(), "--db", db_.string(), "--quiet", shared("seed/mlsys-list.md")});
        EXPECT_EQ(built.exit_code, 0) << built.err;
        for (const auto& entry : fs::directory_iterator(db_))
            largest_ = std::max(largest_, fs::file_size(entry.path()));
        before_ = fingerprint(db_);
        contents_ = contents(db_);
    }

    // The index as it was, and nothing left beside it. An update writes its blocks into the
    // index's files before it commits, so what it failed to commit may stay there as free blocks:
    // the commit and every record are compared then, not the bytes.
    void expect_unchanged(const CommandResult& result, bool byte_for_byte) const {
        EXPECT_EQ(result.exit_code, 3) << result.err;
        EXPECT_NE(result.err.find("cannot write the index at " + db_.string() + ": "), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("File too large"), std::string::npos) << result.err;
        EXPECT_NE(result.err.find("the index is unchanged"), std::string::npos) << result.err;
        if (byte_for_byte) {
            EXPECT_EQ(fingerprint(db_), before_);
        }
        EXPECT_EQ(contents(db_), contents_);
        std::vector<std::string> beside;
        for (const auto& entry : fs::directory_iterator(db_.parent_path())) beside.push_back(entry.path().filename());
        EXPECT_EQ(beside, std::vector<std::string>{"db"});
        EXPECT_EQ(run_command({"/usr/bin/xapian-check", db_.string()}).exit_code, 0);
    }

    std::vector<std::string> all_lists(std::vector<std::string> options) const {
        std::vector<std::string> argv{"--db", db_.string(), "--quiet", "--keep-going"};
        argv.insert(argv.end(), options.begin(), options.end());
        for (const char* list : {"seed/mlsys-list.md", "corpora/byungsoo-oh-ml-systems-papers.md",
                                 "corpora/hsword-awesome-ml-system-papers.md"}) {
            argv.push_back(shared(list));
        }
        return argv;
    }

    ScratchDir dir_;
    fs::path db_;
    std::uintmax_t largest_ = 0;
    std::string before_;
    std::string contents_;
};

// The update writes in place: its files may grow 64 KB past their size, far less than 3,000
// papers need, so a write fails midway through the transaction.
TEST_F(FailedWrite, AnUpdateThatCannotWriteLeavesTheIndexAsItWas) {
    expect_unchanged(index_with_size_limit(largest_ / 1024 + 64, all_lists({})), false);
}

// The rebuild writes beside: its new files stop growing at 256 KB.
TEST_F(FailedWrite, ARebuildThatCannotWriteLeavesTheIndexAsItWas) {
    ASSERT_GT(largest_, 0u);
    expect_unchanged(
        index_with_size_limit(256, all_lists({"--rebuild", "--jobs", "2", "--min-papers-per-shard", "500"})), true);
}

}  // namespace
}  // namespace mlsys::testing
