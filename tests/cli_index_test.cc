// End-to-end tests of mlsys-index: the real binary on the bundled list and on broken inputs.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <xapian.h>
#include <filesystem>

#include <unistd.h>
#include <fstream>
#include <regex>
#include <sstream>

namespace mlsys::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> bundled_lines() {
    std::istringstream in(read_file(bundled_papers()));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += line + "\n";
    return out;
}

// The counts part of the summary line, without the timing.
std::string counts(const CommandResult& result) {
    const std::size_t end = result.out.find(" papers in the index");
    const std::size_t start = result.out.find(": ");
    if (start == std::string::npos || end == std::string::npos) return "no summary in: " + result.out;
    return result.out.substr(start + 2, end - start - 2);
}

CommandResult index(const std::string& db, std::vector<std::string> args) {
    std::vector<std::string> argv{index_binary(), "--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv);
}

// The id a line of the bundled list gives its paper.
std::string id_on_line(const std::string& line) {
    std::smatch match;
    std::regex_search(line, match, std::regex(R"re("id": "([^"]+)")re"));
    return match[1].str();
}

CommandResult ids(const std::string& db, const std::string& query) {
    return run_command({query_binary(), "--db", db, "--format", "ids", "--limit", "100", "--no-facets", query});
}

class IndexCommand : public ::testing::Test {
  protected:
    ScratchDir dir;
    const std::string db = dir / "index/papers";
};

TEST_F(IndexCommand, IndexesTheBundledListThenFindsNothingToChange) {
    const CommandResult first = index(db, {bundled_papers()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(counts(first), "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 32");
    const CommandResult second = index(db, {bundled_papers()});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(counts(second), "0 added, 0 updated, 0 removed, 32 unchanged, 0 merged, 0 skipped; 32");
}

// The records wait in a temporary file in $TMPDIR: a folder that is not there is said, with
// the exit code of an unwritable index, before anything is written.
TEST_F(IndexCommand, ATemporaryFolderThatIsNotThereIsNamed) {
    const std::string missing = dir / "no-such-folder";
    const CommandResult result =
        run_command({"/usr/bin/env", "TMPDIR=" + missing, index_binary(), "--db", db, bundled_papers()});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("cannot make the temporary file of records read in " + missing +
                              ": No such file or directory (TMPDIR names another folder)"),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(db));
}

// Indexes a copy of the bundled list, so that the tests can edit the list in place: an index
// remembers the file each paper was read from.
class ListInPlace : public IndexCommand {
  protected:
    const std::string list = dir / "list.jsonl";

    CommandResult index_list(const std::vector<std::string>& lines, std::vector<std::string> options = {}) {
        std::ofstream(list) << joined(lines);
        options.push_back(list);
        return index(db, options);
    }
};

TEST_F(ListInPlace, UpdatesAChangedRecordInPlace) {
    ASSERT_EQ(index_list(bundled_lines()).exit_code, 0);
    std::vector<std::string> lines = bundled_lines();
    lines[4] = std::regex_replace(lines[4], std::regex("Emerging AI Applications"), "Zanzibar Workloads");
    const CommandResult result = index_list(lines);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "0 added, 1 updated, 0 removed, 31 unchanged, 0 merged, 0 skipped; 32");
    EXPECT_EQ(ids(db, "zanzibar").out, "osdi18-ray\n");
    const CommandResult stored = run_command({query_binary(), "--db", db, "--format", "json", "id:osdi18-ray"});
    EXPECT_NE(stored.out.find(R"("title":"Ray: A Distributed Framework for Zanzibar Workloads")"), std::string::npos)
        << stored.out;
}

// Gandiva is on line 31 of 32: leaving it out moves the last paper up a line (an update of its
// source).
TEST_F(ListInPlace, PruneRemovesPapersTheListNoLongerHoldsAndUpdateKeepsThem) {
    ASSERT_EQ(index_list(bundled_lines()).exit_code, 0);
    std::vector<std::string> lines = bundled_lines();
    lines.erase(lines.begin() + 30);  // osdi18-gandiva

    const CommandResult kept = index_list(lines);
    EXPECT_EQ(counts(kept), "0 added, 1 updated, 0 removed, 30 unchanged, 0 merged, 0 skipped; 32");
    EXPECT_EQ(ids(db, "id:osdi18-gandiva").out, "osdi18-gandiva\n");

    const CommandResult pruned = index_list(lines, {"--prune"});
    ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
    EXPECT_EQ(counts(pruned), "0 added, 0 updated, 1 removed, 31 unchanged, 0 merged, 0 skipped; 31");
    EXPECT_EQ(ids(db, "id:osdi18-gandiva").out, "");
}

// As `notmuch new` forgets only the files that vanished: pruning with one list never removes
// the papers of another.
// --keep-going skips a bad line; --prune must not take that as the list no longer holding its
// paper.
TEST_F(ListInPlace, PruneKeepsThePapersOfAListWithABadLine) {
    std::vector<std::string> lines = bundled_lines();
    ASSERT_EQ(index_list(lines).exit_code, 0);
    lines[30] = R"({"id": "osdi18-gandiva", "title": "Gandiva", "venue": "OSDI", "year": "twenty"})";
    const CommandResult pruned = index_list(lines, {"--keep-going", "--prune"});
    ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
    EXPECT_EQ(counts(pruned), "0 added, 0 updated, 0 removed, 31 unchanged, 0 merged, 1 skipped; 32");
    EXPECT_EQ(ids(db, "id:osdi18-gandiva").out, "osdi18-gandiva\n");
}

TEST_F(ListInPlace, PruneWithOneListLeavesThePapersOfAnother) {
    const std::vector<std::string> lines = bundled_lines();
    const std::string other = dir.write_file("other.jsonl", lines[30] + "\n" + lines[31] + "\n");
    ASSERT_EQ(index(db, {other}).exit_code, 0);
    const CommandResult first = index_list({lines.begin(), lines.begin() + 10});
    EXPECT_EQ(counts(first), "10 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 12");

    const CommandResult pruned = index_list({lines.begin(), lines.begin() + 5}, {"--prune"});
    ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
    EXPECT_EQ(counts(pruned), "0 added, 0 updated, 5 removed, 5 unchanged, 0 merged, 0 skipped; 7");
    EXPECT_EQ(ids(db, "id:osdi18-gandiva").out, "osdi18-gandiva\n");  // other.jsonl's
}

TEST_F(ListInPlace, DryRunPrintsWhatWouldChangeAndWritesNothing) {
    const std::vector<std::string> lines = bundled_lines();
    ASSERT_EQ(index_list({lines.begin(), lines.begin() + 3}).exit_code, 0);
    const std::string before = fingerprint(db);
    std::vector<std::string> edited(lines.begin() + 1, lines.begin() + 5);
    edited[0] = std::regex_replace(edited[0], std::regex(R"("year": 2017)"), R"("year": 2016)");
    std::ofstream(list) << joined(edited);
    const CommandResult plan = index(db, {"--dry-run", "--prune", list});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_EQ(plan.out.substr(0, plan.out.find(db)),
              "add " + id_on_line(lines[3]) + "\nadd " + id_on_line(lines[4]) + "\nupdate " + id_on_line(lines[1]) +
                  "\nupdate " + id_on_line(lines[2]) + "\nremove " + id_on_line(lines[0]) + "\n");
    EXPECT_NE(plan.out.find("dry run, nothing written: 2 to add, 2 to update, 1 to remove, 0 unchanged"),
              std::string::npos)
        << plan.out;
    EXPECT_EQ(fingerprint(db), before);
}

TEST_F(ListInPlace, RebuildSwapsInAFreshIndexAndLeavesNothingBeside) {
    ASSERT_EQ(index_list(bundled_lines()).exit_code, 0);
    std::vector<std::string> lines = bundled_lines();
    lines.resize(10);
    const CommandResult result = index_list(lines, {"--rebuild"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "0 added, 0 updated, 22 removed, 10 unchanged, 0 merged, 0 skipped; 10");
    std::vector<std::string> beside;
    for (const auto& entry : fs::directory_iterator(fs::path(db).parent_path())) {
        beside.push_back(entry.path().filename().string());
    }
    EXPECT_EQ(beside, std::vector<std::string>{"papers"});
    EXPECT_EQ(ids(db, "clipper").out, "nsdi17-clipper\n");
    EXPECT_EQ(ids(db, "id:osdi18-gandiva").out, "");
}

TEST_F(IndexCommand, RebuildCreatesAnIndexWhereThereWasNone) {
    const CommandResult result = index(db, {"--rebuild", bundled_papers()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 32");
}

// --flush-every commits a fresh build every N papers (each commit a new revision of the scratch
// index); the index it swaps in answers as one written in one go.
TEST_F(IndexCommand, FlushEveryCommitsAsItGoesAndChangesNoAnswer) {
    const std::string once = dir / "once";
    ASSERT_EQ(index(once, {"--rebuild", "--flush-every", "0", bundled_papers()}).exit_code, 0);
    const CommandResult flushed = index(db, {"--rebuild", "--flush-every", "5", bundled_papers()});
    ASSERT_EQ(flushed.exit_code, 0) << flushed.err;
    EXPECT_EQ(counts(flushed), "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 32");
    EXPECT_EQ(Xapian::Database(once).get_revision(), 1u);
    EXPECT_EQ(Xapian::Database(db).get_revision(), 7u);  // 6 commits of 5 papers, then the last 2
    for (const std::string query : {"", "gpu", "parameter server", "\"deep learning\""}) {
        EXPECT_EQ(ids(db, query).out, ids(once, query).out) << query;
    }
}

struct BadInput {
    std::string name;
    std::string line;            // replaces line 3 of the bundled list
    std::string expected_error;  // stderr must contain it; "FILE" stands for the input's path
};

class BadInputs : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputs, StopWithFileLineAndFieldAndLeaveTheIndexUnchanged) {
    ScratchDir dir;
    const std::string db = dir / "index/papers";
    ASSERT_EQ(index(db, {bundled_papers()}).exit_code, 0);
    const std::string before = fingerprint(db);

    std::vector<std::string> lines = bundled_lines();
    lines[2] = GetParam().line;
    lines[4] = std::regex_replace(lines[4], std::regex("Ray:"), "Ray (edited):");  // a valid change, not applied
    const std::string input = dir.write_file("bad.jsonl", joined(lines));
    const CommandResult result = index(db, {input});

    EXPECT_EQ(result.exit_code, 2);
    const std::string expected = std::regex_replace(GetParam().expected_error, std::regex("FILE"), input);
    EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("nothing written"), std::string::npos) << result.err;
    EXPECT_EQ(fingerprint(db), before);
}

INSTANTIATE_TEST_SUITE_P(
    IndexCommand, BadInputs,
    ::testing::Values(
        BadInput{"BrokenJson", R"({"id": "x", "title": "T", )", "FILE:3: invalid JSON at byte"},
        BadInput{"MissingTitle", R"({"id": "x1", "venue": "OSDI", "year": 2018})", "FILE:3: title: missing (required)"},
        BadInput{"YearAsString", R"({"id": "x1", "title": "T", "venue": "OSDI", "year": "2018"})",
                 "FILE:3: year: must be an integer, got string \"2018\""},
        BadInput{"ImplausibleYear", R"({"id": "x1", "title": "T", "venue": "OSDI", "year": 218})",
                 "FILE:3: year: must be a four-digit year from 1900 to 2100, got 218"},
        BadInput{"AuthorsNotAList", R"({"id": "x1", "title": "T", "venue": "OSDI", "year": 2018, "authors": "A B"})",
                 "FILE:3: authors: must be an array of strings, got string \"A B\""},
        BadInput{"DuplicateId", R"({"id": "osdi18-ray", "title": "T", "venue": "OSDI", "year": 2018})",
                 "FILE:3: id: duplicate id \"osdi18-ray\": the index holds it for a paper of another title"},
        BadInput{"InvalidUtf8",
                 "{\"id\": \"x1\", \"title\": \"Bad \xC3\x28 byte\", \"venue\": \"OSDI\", \"year\": 2018}",
                 "FILE:3: title: invalid UTF-8 at byte 28"},
        BadInput{"NotAnObject", "[1, 2]", "FILE:3: expected a JSON object, got array"}),
    [](const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; });

TEST_F(IndexCommand, AMissingInputFileIsBadInputAndWritesNothing) {
    const CommandResult result = index(db, {dir / "no-such.jsonl"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find(dir / "no-such.jsonl" + ": cannot open: No such file or directory"), std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(db));
}

TEST_F(IndexCommand, KeepGoingSkipsBadRecordsAndListsEach) {
    std::vector<std::string> lines = bundled_lines();
    lines[0] = R"({"id": "broken", "title": 7, "venue": "OSDI", "year": 2018})";
    lines[1] = "not json";
    const std::string input = dir.write_file("two-bad.jsonl", joined(lines));
    const CommandResult result = index(db, {"--keep-going", input});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "30 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 2 skipped; 30");
    EXPECT_NE(result.err.find("skipped: " + input + ":1: title: must be a string, got number 7"), std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("skipped: " + input + ":2: invalid JSON at byte 2"), std::string::npos) << result.err;
}

TEST_F(IndexCommand, VenueAliasesAreNormalised) {
    const std::string input =
        dir.write_file("aliases.jsonl", R"({"id": "a", "title": "First", "venue": "EUROSYS", "year": 2018})"
                                        "\n"
                                        R"({"id": "b", "title": "Second", "venue": "NeuralPS", "year": 2018})"
                                        "\n"
                                        R"({"id": "c", "title": "Third", "venue": "usenix atc", "year": 2018})"
                                        "\n");
    ASSERT_EQ(index(db, {input}).exit_code, 0);
    EXPECT_EQ(ids(db, "venue:EuroSys").out, "a\n");
    EXPECT_EQ(ids(db, "venue:NeurIPS").out, "b\n");
    EXPECT_EQ(ids(db, "venue:ATC").out, "c\n");
}

TEST_F(IndexCommand, RebuildWithPruneIsAUsageError) {
    const CommandResult result = index(db, {"--rebuild", "--prune", bundled_papers()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_FALSE(fs::exists(db));
}

// No command writes over, or deletes, a path that is not its own index: a file, a folder with
// other content, --rebuild or not. The path's content is exactly as it was, and exit 2 says why.
TEST_F(IndexCommand, RefusesEveryPathThatIsNotItsOwnIndexAndLeavesItAsItWas) {
    const std::string file = dir.write_file("thesis.tex", "\\chapter{Introduction}\n");
    const std::string folder = dir / "thesis";
    fs::create_directories(folder);
    dir.write_file("thesis/chapter1.tex", "Deep learning systems\n");
    const struct {
        std::string path;
        std::string what;
    } foreign[] = {{file, "is a file, not an mlsys-search index"},
                   {folder, "is a folder holding 1 entry, not an mlsys-search index"}};
    for (const auto& target : foreign) {
        for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--rebuild"}, {"--prune"}}) {
            const std::string before = fingerprint(dir.path());
            std::vector<std::string> args = mode;
            args.push_back(bundled_papers());
            const CommandResult result = index(target.path, args);
            EXPECT_EQ(result.exit_code, 2) << target.path << " " << (mode.empty() ? "" : mode[0]) << ": " << result.err;
            EXPECT_NE(result.err.find(target.path + " " + target.what), std::string::npos) << result.err;
            EXPECT_NE(result.err.find("leaves this one as it is"), std::string::npos) << result.err;
            EXPECT_EQ(fingerprint(dir.path()), before) << target.path;
        }
    }
}

TEST_F(IndexCommand, BuildsIntoAnEmptyFolder) {
    fs::create_directories(db);
    const CommandResult result = index(db, {bundled_papers()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 32");
    EXPECT_EQ(ids(db, "clipper").out, "nsdi17-clipper\n");
}

// An index of ours that Xapian can no longer open is still ours: --rebuild replaces it, and the
// query tool says so rather than suggesting it is someone else's.
TEST_F(IndexCommand, RebuildReplacesADamagedIndexOfItsOwn) {
    ASSERT_EQ(index(db, {bundled_papers()}).exit_code, 0);
    for (const auto& entry : fs::directory_iterator(db)) {
        if (entry.path().extension() == ".glass") std::ofstream(entry.path(), std::ios::trunc) << "damaged";
    }
    const CommandResult broken = ids(db, "clipper");
    EXPECT_EQ(broken.exit_code, 3);
    EXPECT_NE(broken.err.find("cannot open the index at " + db), std::string::npos) << broken.err;
    EXPECT_NE(broken.err.find("--rebuild"), std::string::npos) << broken.err;
    const CommandResult rebuilt = index(db, {"--rebuild", bundled_papers()});
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_EQ(ids(db, "clipper").out, "nsdi17-clipper\n");
}

// While another writer holds the index, an update or a rebuild waits for nothing and writes
// nothing: it says so, and the index is as the other writer leaves it.
TEST_F(IndexCommand, AnotherWriterIsSaidPlainlyAndNothingIsWritten) {
    ASSERT_EQ(index(db, {bundled_papers()}).exit_code, 0);
    const std::string before = fingerprint(dir.path());
    {
        Xapian::WritableDatabase other_writer(db, Xapian::DB_OPEN);
        // The inputs and settings of the last write: nothing to do, so no lock to wait for.
        const CommandResult unchanged = index(db, {bundled_papers()});
        EXPECT_EQ(unchanged.exit_code, 0) << unchanged.err;
        EXPECT_EQ(counts(unchanged), "0 added, 0 updated, 0 removed, 32 unchanged, 0 merged, 0 skipped; 32");
        for (const std::vector<std::string>& mode : {std::vector<std::string>{"--prune"}, {"--rebuild"}}) {
            std::vector<std::string> args = mode;
            args.push_back(bundled_papers());
            const CommandResult result = index(db, args);
            EXPECT_EQ(result.exit_code, 3) << result.err;
            // Xapian's lock on Linux names no holder, so no pid is given (an fcntl lock would name ours).
            EXPECT_EQ(result.err, "mlsys-index: " + db +
                                      " is being written by another mlsys-index; wait for it to "
                                      "finish\nmlsys-index: the index is unchanged\n");
        }
    }
    EXPECT_EQ(fingerprint(dir.path()), before);
}

// A writer whose lock names its process (a classic fcntl lock on Xapian's lock file, as Xapian
// takes where open-file-description locks are missing) is named by its pid.
TEST_F(IndexCommand, AnotherWriterWhoseLockNamesItsProcessIsNamedByPid) {
    ASSERT_EQ(index(db, {bundled_papers()}).exit_code, 0);
    const int fd = ::open((db + "/flintlock").c_str(), O_RDWR | O_CLOEXEC);
    ASSERT_GE(fd, 0);
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    ASSERT_EQ(::fcntl(fd, F_SETLK, &lock), 0);
    const CommandResult result = index(db, {"--prune", bundled_papers()});
    ::close(fd);
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(result.err, "mlsys-index: " + db + " is being written by another mlsys-index (pid " +
                              std::to_string(::getpid()) +
                              "); wait for it to finish\nmlsys-index: the index is unchanged\n");
}

// A link is followed, never replaced: the index lands in the folder it names.
TEST_F(IndexCommand, WritesThroughALinkAndKeepsIt) {
    const std::string real = dir / "real";
    fs::create_directories(real);
    const std::string link = dir / "link";
    fs::create_directory_symlink(real, link);
    for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--rebuild"}}) {
        std::vector<std::string> args = mode;
        args.push_back(bundled_papers());
        const CommandResult result = index(link, args);
        ASSERT_EQ(result.exit_code, 0) << result.err;
        EXPECT_TRUE(fs::is_symlink(link));
        EXPECT_EQ(ids(real, "clipper").out, "nsdi17-clipper\n");
    }
}

// An empty folder is built in place: it may be a mount point or ".", which cannot be swapped.
TEST_F(IndexCommand, BuildsInPlaceInAnEmptyFolderNamedWithDot) {
    const std::string empty = dir / "empty";
    fs::create_directories(empty);
    const CommandResult result = index(empty + "/.", {bundled_papers()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(ids(empty, "clipper").out, "nsdi17-clipper\n");
    std::vector<std::string> beside;
    for (const auto& entry : fs::directory_iterator(dir.path())) beside.push_back(entry.path().filename().string());
    EXPECT_EQ(beside, std::vector<std::string>{"empty"});
}

TEST_F(IndexCommand, TheQueryToolNeverSuggestsIndexingIntoAForeignPath) {
    const std::string folder = dir / "thesis";
    fs::create_directories(folder);
    dir.write_file("thesis/chapter1.tex", "Deep learning systems\n");
    for (const std::string& path : {folder, dir.write_file("notes.txt", "gpu\n")}) {
        const CommandResult result = ids(path, "gpu");
        EXPECT_EQ(result.exit_code, 3);
        EXPECT_NE(result.err.find(path + " is not an mlsys-search index"), std::string::npos) << result.err;
        EXPECT_EQ(result.err.find("mlsys-index --db"), std::string::npos) << result.err;
    }
}

// Both commands go through the one command boundary: --version, and errors named by the command.
TEST(CommandBoundary, EveryCommandHasVersion) {
    for (const auto& [binary, name] :
         {std::pair{index_binary(), "mlsys-index"}, std::pair{query_binary(), "mlsys-query"}}) {
        const CommandResult result = run_command({binary, "--version"});
        EXPECT_EQ(result.exit_code, 0) << name;
        EXPECT_EQ(result.out.rfind(std::string(name) + " ", 0), 0u) << result.out;
    }
}

TEST(CommandBoundary, FilesThatAreNotFilesAreBadInputNotInternalErrors) {
    const ScratchDir dir;
    const CommandResult like = run_command({query_binary(), "--db", dir / "none", "--like", "@" + dir.path().string()});
    EXPECT_EQ(like.exit_code, 2) << like.err;
    EXPECT_NE(like.err.find("--like: cannot read"), std::string::npos) << like.err;
    const std::string file = dir.write_file("afile", "x\n");
    const CommandResult under_a_file = run_command({index_binary(), "--db", file + "/index", bundled_papers()});
    EXPECT_EQ(under_a_file.exit_code, 3) << under_a_file.err;
    EXPECT_NE(under_a_file.err.find("cannot use " + file + "/index as an index path"), std::string::npos)
        << under_a_file.err;
}

TEST(CommandBoundary, AnalyzeNeedsQueryWordsAndNothingElse) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--analyze"},
                                                 {"--analyze", "--related", "osdi18-ray"},
                                                 {"--analyze", "--like", "x"}}) {
        std::vector<std::string> argv{query_binary(), "--db", "/nonexistent/index"};
        argv.insert(argv.end(), args.begin(), args.end());
        const CommandResult result = run_command(argv);
        EXPECT_EQ(result.exit_code, 1) << args.back() << ": " << result.err;
        EXPECT_NE(result.err.find("--analyze shows how QUERY is read"), std::string::npos) << result.err;
    }
}

TEST(CommandBoundary, JobsTakesOneTo1024) {
    const CommandResult result = run_command({index_binary(), "--db", "/nonexistent/index", "--jobs", "0"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err.rfind("mlsys-index: --jobs: Value 0 not in range 1 to 1024\n", 0), 0u) << result.err;
}

TEST(CommandBoundary, OptionErrorsNameTheCommand) {
    for (const auto& [binary, name] :
         {std::pair{index_binary(), "mlsys-index"}, std::pair{query_binary(), "mlsys-query"}}) {
        const CommandResult result = run_command({binary, "--no-such-option"});
        EXPECT_EQ(result.exit_code, 1) << name;
        EXPECT_EQ(result.err.rfind(std::string(name) + ": ", 0), 0u) << result.err;
    }
}

}  // namespace
}  // namespace mlsys::testing

namespace mlsys::testing {
namespace {

using Json = nlohmann::ordered_json;

// --- the progress line ---------------------------------------------------------------------------

// What a progress line drew: each drawing begins with \r; blank ones (clearing the line) are left
// out, and the spaces after a drawing (over a longer one before) dropped.
std::vector<std::string> drawings(const std::string& err) {
    std::vector<std::string> drawn;
    std::istringstream in(err);
    for (std::string part; std::getline(in, part, '\r');) {
        const std::size_t end = part.find_last_not_of(' ');
        if (end != std::string::npos) drawn.push_back(part.substr(0, end + 1));
    }
    return drawn;
}

// Whether `err` ends with the line blanked: between two \r, spaces over the whole last drawing
// (more when an earlier, longer drawing padded it: a rate of 113 papers/s, then 87).
bool ends_cleared(const std::string& err, const std::string& last_drawing) {
    if (err.size() < 2 || err.back() != '\r') return false;
    const std::size_t start = err.rfind('\r', err.size() - 2);
    if (start == std::string::npos) return false;
    const std::string blank = err.substr(start + 1, err.size() - start - 2);
    return blank.size() >= last_drawing.size() && blank.find_first_not_of(' ') == std::string::npos;
}

const std::regex kWholeWrite(R"(indexing 32/32 papers 100% \[#{16}\] [0-9]+ papers/s, ETA 0:00)");

TEST_F(IndexCommand, ProgressForcedOnEndsOnTheWholeWriteAndIsClearedBeforeTheSummary) {
    const CommandResult result = index(db, {"--progress", "always", "--jobs", "1", bundled_papers()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::vector<std::string> drawn = drawings(result.err);
    ASSERT_GE(drawn.size(), 4u) << result.err;
    EXPECT_EQ(drawn[0], "reading 1 file");
    EXPECT_EQ(drawn[1], "collecting 32 records");
    EXPECT_EQ(drawn[2], "indexing 0/32 papers   0% [----------------]");
    EXPECT_TRUE(std::regex_match(drawn.back(), kWholeWrite)) << drawn.back();
    EXPECT_TRUE(ends_cleared(result.err, drawn.back())) << result.err;
    EXPECT_EQ(counts(result), "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 32");
}

// A --jobs build reports from both shards' threads, then the merge.
TEST_F(IndexCommand, ProgressOfAShardedBuildCountsEveryShardThenTheMerge) {
    const CommandResult result = index(db, {"--progress", "always", "--jobs", "2", "--min-papers-per-shard", "10",
                                            "--flush-every", "5", bundled_papers()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::vector<std::string> drawn = drawings(result.err);
    ASSERT_GE(drawn.size(), 2u) << result.err;
    EXPECT_EQ(drawn.back(), "merging 2 shards");
    EXPECT_TRUE(std::regex_match(drawn[drawn.size() - 2], kWholeWrite)) << drawn[drawn.size() - 2];
    EXPECT_TRUE(ends_cleared(result.err, drawn[drawn.size() - 2])) << result.err;
}

TEST_F(IndexCommand, NoProgressWithoutATerminalOrWhenQuietOrOff) {
    // run_command's standard error is a pipe: auto draws nothing there.
    const CommandResult automatic = index(db, {bundled_papers()});
    ASSERT_EQ(automatic.exit_code, 0) << automatic.err;
    EXPECT_EQ(automatic.err, "");
    const CommandResult quiet = index(db, {"--quiet", bundled_papers()});
    EXPECT_EQ(quiet.err, "");
    EXPECT_EQ(quiet.out, "");
    const CommandResult off = index(db, {"--progress", "never", bundled_papers()});
    EXPECT_EQ(off.err, "");
    EXPECT_EQ(index(db, {"--progress", "sometimes", bundled_papers()}).exit_code, 1);
}

// --- inputs unchanged since the last write ------------------------------------------------------

// What the index records of its last write, edited by hand: a run that reports these numbers
// took them from the record instead of reading its inputs.
void set_last_run_merged(const std::string& db, int merged) {
    Xapian::WritableDatabase index(db, Xapian::DB_OPEN);
    Json record = Json::parse(index.get_metadata("mlsys:last-run"));
    record["merged"] = merged;
    index.set_metadata("mlsys:last-run", record.dump());
    index.commit();
}

Xapian::rev revision_of(const std::string& db) {
    return Xapian::Database(db).get_revision();
}

TEST_F(ListInPlace, TheSameInputsAsTheLastWriteAreNotReadAgain) {
    std::vector<std::string> lines = bundled_lines();
    lines.insert(lines.begin() + 3, R"({"id": "no-title", "venue": "OSDI", "year": 2018})");
    const auto run = [&](std::vector<std::string> options) {
        options.insert(options.begin(), "--keep-going");
        const CommandResult result = index_list(lines, options);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result;
    };
    const CommandResult first = run({});
    EXPECT_EQ(counts(first), "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 1 skipped; 32");
    set_last_run_merged(db, 7);
    const Xapian::rev recorded = revision_of(db);

    // Nothing read, nothing written: the record's numbers, its skipped record said again.
    const CommandResult same = run({});
    EXPECT_EQ(counts(same), "0 added, 0 updated, 0 removed, 32 unchanged, 7 merged, 1 skipped; 32");
    EXPECT_EQ(same.err, first.err);
    EXPECT_NE(same.err.find(":4: title: "), std::string::npos) << same.err;
    EXPECT_EQ(revision_of(db), recorded);

    // Another setting, or a byte changed in place (the file's size the same), is read again.
    EXPECT_EQ(counts(run({"--prune"})), "0 added, 0 updated, 0 removed, 32 unchanged, 0 merged, 1 skipped; 32");
    set_last_run_merged(db, 7);
    lines[10] = std::regex_replace(lines[10], std::regex("\"year\": 2017"), "\"year\": 2016");
    const CommandResult edited = run({"--prune"});
    EXPECT_EQ(counts(edited), "0 added, 1 updated, 0 removed, 31 unchanged, 0 merged, 1 skipped; 32");

    // A rebuild always reads its inputs.
    set_last_run_merged(db, 7);
    EXPECT_EQ(counts(run({"--prune"})), "0 added, 0 updated, 0 removed, 32 unchanged, 7 merged, 1 skipped; 32");
    EXPECT_EQ(counts(run({"--rebuild"})), "0 added, 0 updated, 0 removed, 32 unchanged, 0 merged, 1 skipped; 32");
}

// --- mlsys-query --stats -------------------------------------------------------------------------

Json stats_of(const std::string& db) {
    const CommandResult result = run_command({query_binary(), "--db", db, "--stats", "--format", "json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return Json::parse(result.out);
}

std::uintmax_t bytes_under(const std::string& folder) {
    std::uintmax_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) bytes += entry.file_size();
    }
    return bytes;
}

TEST_F(IndexCommand, StatsOfTheBundledIndex) {
    ASSERT_EQ(index(db, {bundled_papers()}).exit_code, 0);
    const Json stats = stats_of(db);
    EXPECT_EQ(stats["papers"], 32);
    EXPECT_EQ(stats["terms"], 6000);  // as xapian-delve -a -1 lists them
    EXPECT_EQ(stats["bytes"], bytes_under(db));
    EXPECT_TRUE(std::regex_match(stats["updated"].get<std::string>(),
                                 std::regex(R"(20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z)")))
        << stats["updated"];
    // Nine venues, fewer than the 10 shown: all of them, most papers first, ties by name.
    EXPECT_EQ(stats["facets"]["venue"], Json::parse(R"({"distinct": 9, "top": [
        {"value": "EuroSys", "count": 6}, {"value": "NSDI", "count": 6}, {"value": "ATC", "count": 5},
        {"value": "OSDI", "count": 4}, {"value": "SoCC", "count": 4}, {"value": "ASPLOS", "count": 3},
        {"value": "NeurIPS", "count": 2}, {"value": "ISCA", "count": 1}, {"value": "SOSP", "count": 1}]})"));
    EXPECT_EQ(stats["facets"]["year"], Json::parse(R"({"distinct": 3, "top": [
        {"value": "2018", "count": 18}, {"value": "2017", "count": 10}, {"value": "2019", "count": 4}]})"));
    // Every level counts: 3 roots and 5 sub-categories of "Deep learning".
    EXPECT_EQ(stats["facets"]["category"]["distinct"], 8);
    EXPECT_EQ(stats["facets"]["category"]["top"][1], Json::parse(R"({"value": "Deep learning/Training", "count": 9})"));
    EXPECT_EQ(stats["sources"],
              Json::parse(R"([{"file": ")" + fs::canonical(bundled_papers()).string() + R"(", "papers": 32}])"));
}

TEST_F(IndexCommand, StatsAsText) {
    ASSERT_EQ(index(db, {bundled_papers()}).exit_code, 0);
    const CommandResult text = run_command({query_binary(), "--db", db, "--stats", "--facet-values", "2"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("\npapers:   32\n"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("\nvenue:    9 values: EuroSys 6, NSDI 6, +7 more\n"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("\nsources:  1 file\n  32 " + fs::canonical(bundled_papers()).string() + "\n"),
              std::string::npos)
        << text.out;
    const CommandResult ids = run_command({query_binary(), "--db", db, "--stats", "--format", "ids"});
    EXPECT_EQ(ids.exit_code, 1);
    EXPECT_EQ(ids.err, "mlsys-query: --stats writes text or json\n");
}

// The source counts follow every write: two lists, an update that prunes, a sharded rebuild.
TEST_F(IndexCommand, StatsSourcesFollowUpdatesPrunesAndShardedRebuilds) {
    const std::vector<std::string> lines = bundled_lines();
    const std::string first = dir.write_file("first.jsonl", joined({lines.begin(), lines.begin() + 20}));
    const std::string second = dir.write_file("second.jsonl", joined({lines.begin() + 20, lines.end()}));
    const auto sources = [&](std::size_t in_first, std::size_t in_second) {
        return Json::parse(R"([{"file": ")" + fs::canonical(first).string() + R"(", "papers": )" +
                           std::to_string(in_first) + R"(}, {"file": ")" + fs::canonical(second).string() +
                           R"(", "papers": )" + std::to_string(in_second) + "}]");
    };
    ASSERT_EQ(index(db, {first}).exit_code, 0);
    ASSERT_EQ(index(db, {second}).exit_code, 0);
    EXPECT_EQ(stats_of(db)["sources"], sources(20, 12));

    dir.write_file("first.jsonl", joined({lines.begin(), lines.begin() + 15}));
    ASSERT_EQ(index(db, {"--prune", first}).exit_code, 0);
    EXPECT_EQ(stats_of(db)["sources"], sources(15, 12));

    ASSERT_EQ(index(db, {"--rebuild", "--jobs", "2", "--min-papers-per-shard", "10", first, second}).exit_code, 0);
    EXPECT_EQ(stats_of(db)["sources"], sources(15, 12));
    EXPECT_EQ(stats_of(db)["papers"], 27);
}

}  // namespace
}  // namespace mlsys::testing

namespace mlsys::testing {
namespace {

// A paper without a year has no identity but its line: re-reading the unchanged list finds it
// there, instead of adding it again under a new id on every run.
TEST_F(IndexCommand, ReindexingAnUnchangedListKeepsAPaperWithoutAYear) {
    const std::string list = dir.write_file(
        "list.md",
        "# Papers\n\n"
        "- [USENIX ;login:] [Wafer-Scale AI Compute: A System Software Perspective](https://www.usenix.org/"
        "publications/loginonline/wafer-scale-ai-compute-system-software-perspective)\n"
        "- [OSDI'25] [WaferLLM: Large Language Model Inference at Wafer Scale](https://www.usenix.org/conference/"
        "osdi25/presentation/he)\n");
    const CommandResult first = index(db, {list});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(counts(first), "2 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 2");
    const CommandResult second = index(db, {list});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(counts(second), "0 added, 0 updated, 0 removed, 2 unchanged, 0 merged, 0 skipped; 2");
}

}  // namespace
}  // namespace mlsys::testing
