// run_main: the one command boundary. Every error becomes "NAME: message" and its exit code.
#include "mlsys/cli/command.h"
#include "mlsys/cli/paths.h"

#include "mlsys/schema/errors.h"
#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace mlsys::cli {
namespace {

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs `body` behind run_main as "mlsys-test ARGS...", capturing what it prints.
Outcome run(const std::vector<std::string>& args, const std::function<void()>& body, const FailureNote& note = {}) {
    CommandApp app{"mlsys-test", "a test command"};
    int limit = 10;
    app.add_option("--limit", limit, "results to show");
    std::vector<std::string> argv{"mlsys-test"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> pointers;
    for (std::string& arg : argv) pointers.push_back(arg.data());
    std::ostringstream out, err;
    std::streambuf* const old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* const old_err = std::cerr.rdbuf(err.rdbuf());
    const int code = run_main(app, static_cast<int>(pointers.size()), pointers.data(), body, note);
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    return {code, out.str(), err.str()};
}

void succeed() {}

TEST(RunMain, RunsTheBodyAndExitsZeroWhenItReturns) {
    bool ran = false;
    const Outcome outcome = run({"--limit", "3"}, [&] { ran = true; });
    EXPECT_TRUE(ran);
    EXPECT_EQ(outcome.exit_code, kExitOk);
    EXPECT_EQ(outcome.err, "");
}

TEST(RunMain, VersionPrintsNameAndVersion) {
    const Outcome outcome = run({"--version"}, succeed);
    EXPECT_EQ(outcome.exit_code, kExitOk);
    EXPECT_EQ(outcome.out, std::string("mlsys-test ") + MLSYS_TEST_VERSION + "\n");
}

TEST(RunMain, HelpIsNoError) {
    const Outcome outcome = run({"--help"}, succeed);
    EXPECT_EQ(outcome.exit_code, kExitOk);
    EXPECT_NE(outcome.out.find("--limit"), std::string::npos) << outcome.out;
}

TEST(RunMain, OptionErrorsNameTheCommandAndExitOne) {
    const Outcome outcome = run({"--limt", "3"}, succeed);
    EXPECT_EQ(outcome.exit_code, kExitUsage);
    EXPECT_EQ(outcome.err.rfind("mlsys-test: ", 0), 0u) << outcome.err;
    EXPECT_NE(outcome.err.find("--limt"), std::string::npos) << outcome.err;
}

TEST(RunMain, AnUnknownOptionNamesTheClosestOne) {
    EXPECT_EQ(run({"--limt", "3"}, succeed).err,
              "mlsys-test: unknown option --limt; did you mean --limit?\n"
              "mlsys-test: Run with --help for the options.\n");
    EXPECT_EQ(run({"--limt=3"}, succeed).err,
              "mlsys-test: unknown option --limt; did you mean --limit?\n"
              "mlsys-test: Run with --help for the options.\n");
    EXPECT_EQ(run({"-limit", "3"}, succeed).err,  // a dash missing
              "mlsys-test: unknown option -limit; did you mean --limit?\n"
              "mlsys-test: Run with --help for the options.\n");
    EXPECT_EQ(run({"--sideways"}, succeed).err,
              "mlsys-test: unknown option --sideways\nmlsys-test: Run with --help for the options.\n");
}

TEST(CommandApp, ADashArgumentHintExplainsWhatNamesNoOption) {
    CommandApp app{"mlsys-test", "a test command"};
    int limit = 10;
    app.add_option("-n,--limit", limit, "results to show");
    EXPECT_EQ(app.option_names(),
              (std::vector<std::string>{"--help", "-h", "--version", "--completion-options", "--limit", "-n"}));
    EXPECT_EQ(app.unknown_arguments_message({"-gpu", "words"}), "unknown option -gpu");
    app.set_dash_argument_hint([](const std::string& argument) { return "write -- " + argument; });
    EXPECT_EQ(app.unknown_arguments_message({"-gpu"}), "unknown option -gpu; write -- -gpu");
    EXPECT_EQ(app.unknown_arguments_message({"--lmit"}), "unknown option --lmit; did you mean --limit?");
    EXPECT_EQ(app.unknown_arguments_message({"words"}), "");
}

TEST(RunMain, EachErrorHasItsExitCode) {
    EXPECT_EQ(run({}, [] { throw UsageError("bad option"); }).exit_code, kExitUsage);
    EXPECT_EQ(run({}, [] { throw InputError("bad file"); }).exit_code, kExitBadInput);
    EXPECT_EQ(run({}, [] { throw IndexError("no index"); }).exit_code, kExitDatabase);
    EXPECT_EQ(run({}, [] { throw Xapian::DatabaseLockError("locked"); }).exit_code, kExitDatabase);
    EXPECT_EQ(run({}, [] { throw std::length_error("too long"); }).exit_code, kExitInternal);
}

TEST(RunMain, EveryLineOfAMessageNamesTheCommand) {
    const Outcome outcome = run({}, [] { throw InputError("a.jsonl:1: year: bad\na.jsonl:2: id: bad"); });
    EXPECT_EQ(outcome.err, "mlsys-test: a.jsonl:1: year: bad\nmlsys-test: a.jsonl:2: id: bad\n");
}

TEST(RunMain, FailureNotesFollowTheirErrors) {
    const FailureNote note{"nothing written", "index unchanged"};
    EXPECT_EQ(run(
                  {}, [] { throw InputError("bad"); }, note)
                  .err,
              "mlsys-test: bad\nmlsys-test: nothing written\n");
    EXPECT_EQ(run(
                  {}, [] { throw IndexError("locked"); }, note)
                  .err,
              "mlsys-test: locked\nmlsys-test: index unchanged\n");
    EXPECT_EQ(run(
                  {}, [] { throw UsageError("bad option"); }, note)
                  .err,
              "mlsys-test: bad option\n");
}

TEST(RunMain, InternalErrorsSayWhatHappened) {
    EXPECT_EQ(run({}, [] { throw std::length_error("too long"); }).err, "mlsys-test: internal error: too long\n");
}

// Runs a test body in `dir` with HOME and XDG_DATA_HOME set as given, restoring all three.
class InFolder {
  public:
    InFolder(const std::filesystem::path& dir, const std::string& home, const std::string& xdg_data_home)
        : previous_(std::filesystem::current_path()), home_(env("HOME")), xdg_(env("XDG_DATA_HOME")) {
        std::filesystem::current_path(dir);
        set("HOME", home);
        set("XDG_DATA_HOME", xdg_data_home);
    }
    ~InFolder() {
        std::filesystem::current_path(previous_);
        set("HOME", home_);
        set("XDG_DATA_HOME", xdg_);
    }
    InFolder(const InFolder&) = delete;
    InFolder& operator=(const InFolder&) = delete;

  private:
    static std::string env(const char* name) {
        const char* value = std::getenv(name);
        return value != nullptr ? value : "";
    }
    static void set(const char* name, const std::string& value) {
        if (value.empty()) {
            ::unsetenv(name);
        } else {
            ::setenv(name, value.c_str(), 1);
        }
    }
    std::filesystem::path previous_;
    std::string home_;
    std::string xdg_;
};

TEST(IndexPath, DbWinsThenTheEnvironment) {
    EXPECT_EQ(index_path("/tmp/x"), "/tmp/x");
    ::setenv("MLSYS_DB", "/tmp/from-env", 1);
    EXPECT_EQ(index_path(""), "/tmp/from-env");
    ::unsetenv("MLSYS_DB");
}

TEST(IndexPath, OutsideASourceTreeTheUsersDataFolder) {
    const testing::ScratchDir dir;
    {
        const InFolder in(dir.path(), "/home/reader", "/data/xdg");
        EXPECT_EQ(index_path(""), "/data/xdg/mlsys-search/papers");
    }
    {
        const InFolder in(dir.path(), "/home/reader", "");
        EXPECT_EQ(index_path(""), "/home/reader/.local/share/mlsys-search/papers");
    }
    {
        const InFolder in(dir.path(), "/home/reader", "relative/xdg");  // invalid: ignored
        EXPECT_EQ(index_path(""), "/home/reader/.local/share/mlsys-search/papers");
    }
}

TEST(IndexPath, InASourceTreeIndexPapers) {
    const testing::ScratchDir with_list;
    with_list.write_file("data/papers.jsonl", "");
    const testing::ScratchDir with_index;
    std::filesystem::create_directories(with_index.path() / "index/papers");
    for (const testing::ScratchDir* tree : {&with_list, &with_index}) {
        const InFolder in(tree->path(), "/home/reader", "/data/xdg");
        EXPECT_EQ(index_path(""), "index/papers");
    }
}

TEST(InputPath, TheListHereElseTheInstalledOne) {
    const testing::ScratchDir with_list;
    with_list.write_file("data/papers.jsonl", "");
    {
        const InFolder in(with_list.path(), "/home/reader", "");
        EXPECT_EQ(default_input_path(), "data/papers.jsonl");
    }
    // The test binary is in build/bin, beside no share/mlsys-search: the path users expect.
    const testing::ScratchDir empty;
    const InFolder in(empty.path(), "/home/reader", "");
    EXPECT_EQ(default_input_path(), "data/papers.jsonl");
    EXPECT_EQ(
        installed_data_dir(),
        (std::filesystem::canonical("/proc/self/exe").parent_path().parent_path() / "share" / "mlsys-search").string());
}

}  // namespace
}  // namespace mlsys::cli
