// A corpus of bad inputs, run through the real mlsys-index (and mlsys-query for the query
// bounds): each gets its exact exit code and message (file:line: field: what is wrong), and an
// index that was there before is byte for byte the same after. Big and special files (a 2 GB
// sparse file, a FIFO, a symlink loop) are made here, in a scratch folder, never committed.
#include "test_support.h"

#include "mlsys/schema/limits.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace mlsys::testing {
namespace {

namespace fs = std::filesystem;

const std::string kGoodLine = R"({"id": "osdi18-good", "title": "A Good Paper", "venue": "OSDI", "year": 2018})";

// A papers JSON line with `title` (raw JSON text for the value) and the other fields valid.
// The title's value starts at byte 31 of the line.
std::string record_with_title(const std::string& title_json) {
    return R"({"id": "osdi18-bad", "title": )" + title_json + R"(, "venue": "OSDI", "year": 2018})";
}

std::string json_string(const std::string& value) {
    return nlohmann::json(value).dump();
}

// A string literal whole, NUL bytes included.
template <std::size_t N>
std::string bytes_of(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

class BadInput : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string papers = dir.write_file("good.jsonl", kGoodLine + "\n");
        const CommandResult built = run_command({index_binary(), "--db", db, "-q", papers});
        ASSERT_EQ(built.exit_code, 0) << built.err;
        before = fingerprint(db);
    }

    // mlsys-index on `input` must fail with `exit_code` and exactly `message`, leaving the index.
    void expect_refused(const std::string& input, int exit_code, const std::string& message,
                        const std::vector<std::string>& options = {}) const {
        std::vector<std::string> argv{index_binary(), "--db", db};
        argv.insert(argv.end(), options.begin(), options.end());
        argv.push_back(input);
        const CommandResult result = run_command(argv);
        EXPECT_EQ(result.exit_code, exit_code) << result.err;
        EXPECT_EQ(result.err, "mlsys-index: " + message + "\nmlsys-index: nothing written; the index is unchanged\n");
        EXPECT_EQ(result.out, "");
        EXPECT_EQ(fingerprint(db), before) << "the index changed after " << input;
    }

    // Every record of the index, as mlsys-query prints them.
    std::string all_records() const {
        const CommandResult result = run_command(
            {query_binary(), "--db", db, "--format", "json", "--no-facets", "--limit", "100000", "--sort", "year"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }

    ScratchDir dir;
    const std::string db = dir / "index";
    std::string before;
};

TEST_F(BadInput, MarkdownLineOf30000Characters) {
    const std::string title(30000, 'a');
    const std::string list = dir.write_file("list.md", "# List\n\n- [" + title + "](https://x.org) (OSDI'18)\n");
    expect_refused(list, 2, list + ":3: title: too long: 30000 bytes, at most 2000 (docs/limits.md)");
}

TEST_F(BadInput, TruncatedJson) {
    // The line's 32 bytes end inside a string: the parser stops just past them.
    const std::string input =
        dir.write_file("bad.jsonl", kGoodLine + "\n" + R"({"id": "osdi18-bad", "title": "T)" + "\n");
    expect_refused(input, 2, input + ":2: invalid JSON at byte 33");
}

TEST_F(BadInput, WrongType) {
    const std::string input = dir.write_file("bad.jsonl", record_with_title("[\"A\", \"list\"]") + "\n");
    expect_refused(input, 2, input + ":1: title: must be a string, got array [\"A\",\"list\"]");
}

TEST_F(BadInput, MissingRequiredField) {
    const std::string input = dir.write_file("bad.jsonl", R"({"id": "osdi18-bad", "venue": "OSDI", "year": 2018})"
                                                          "\n");
    expect_refused(input, 2, input + ":1: title: missing (required)");
}

TEST_F(BadInput, InvalidUtf8) {
    const std::string input = dir.write_file("bad.jsonl", record_with_title("\"Caf\xE9\"") + "\n");
    expect_refused(input, 2, input + ":1: title: invalid UTF-8 at byte 35");
}

TEST_F(BadInput, OverlongUtf8) {
    // "/" written in two bytes (C0 AF): the classic path-traversal trick; UTF-8 forbids it.
    const std::string input = dir.write_file("bad.jsonl", record_with_title("\"a\xC0\xAF"
                                                                            "b\"") +
                                                              "\n");
    expect_refused(input, 2, input + ":1: title: invalid UTF-8 at byte 33");
}

TEST_F(BadInput, NulBytes) {
    // A NUL byte raw in a JSON line is invalid JSON; written as \u0000 it is a NUL in the title.
    const std::string raw = dir.write_file("raw.jsonl", record_with_title(bytes_of("\"A\0B\"")) + "\n");
    expect_refused(raw, 2, raw + ":1: invalid JSON at byte 33");
    const std::string escaped = dir.write_file("escaped.jsonl", record_with_title(R"("A\u0000B")") + "\n");
    expect_refused(escaped, 2, escaped + ":1: title: a NUL byte at byte 2");
    const std::string list = dir.write_file("list.md", bytes_of("- [A\0B](https://x.org) (OSDI'18)\n"));
    expect_refused(list, 2, list + ":1: title: a NUL byte at byte 2");
}

TEST_F(BadInput, AbstractOf10Megabytes) {
    const std::string abstract(10 * limits::kMiB, 'a');
    const std::string record = R"({"id": "osdi18-bad", "title": "T", "venue": "OSDI", "year": 2018, "abstract": )" +
                               json_string(abstract) + "}\n";
    const std::string input = dir.write_file("bad.jsonl", record);
    expect_refused(input, 2, input + ":1: abstract: too long: 10485760 bytes, at most 1048576 (docs/limits.md)");
}

TEST_F(BadInput, TitleOf100000Characters) {
    const std::string input =
        dir.write_file("bad.jsonl", record_with_title(json_string(std::string(100000, 't'))) + "\n");
    expect_refused(input, 2, input + ":1: title: too long: 100000 bytes, at most 2000 (docs/limits.md)");
}

TEST_F(BadInput, RecordLongerThanTheBound) {
    const std::string line(limits::kMaxRecordBytes + 1, ' ');
    const std::string input = dir.write_file("bad.jsonl", kGoodLine + "\n" + line + "\n");
    expect_refused(input, 2, input + ":2: a record longer than 16 MiB (docs/limits.md)");
}

// An empty file is a valid list of no papers: the update succeeds and the papers stay as they
// were (the update still commits a revision, so the files' bytes may change).
TEST_F(BadInput, EmptyFileAddsNothing) {
    const std::string records = all_records();
    const std::string input = dir.write_file("empty.jsonl", "");
    const CommandResult result = run_command({index_binary(), "--db", db, "-q", input});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(all_records(), records);
    EXPECT_NE(records.find("\"osdi18-good\""), std::string::npos) << records;
}

TEST_F(BadInput, Directory) {
    const std::string folder = dir / "lists";
    fs::create_directory(folder);
    expect_refused(folder, 2, folder + ": is a directory; give the paper list files in it");
}

TEST_F(BadInput, MissingFile) {
    const std::string missing = dir / "missing.jsonl";
    expect_refused(missing, 2, missing + ": cannot open: No such file or directory");
}

TEST_F(BadInput, UnreadableFile) {
    const std::string input = dir.write_file("secret.jsonl", kGoodLine + "\n");
    fs::permissions(input, fs::perms::none);
    if (::access(input.c_str(), R_OK) == 0) {
        GTEST_SKIP() << "running as root: a file without read permission is still readable";
    }
    expect_refused(input, 2, input + ": cannot open: Permission denied");
}

TEST_F(BadInput, FifoIsRefusedWithoutWaiting) {
    const std::string fifo = dir / "pipe.jsonl";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // Opening a FIFO with no writer would block forever: the check comes before any open.
    expect_refused(fifo, 2, fifo + ": not a regular file (a FIFO, socket or device); give a file");
}

TEST_F(BadInput, SymlinkLoop) {
    const std::string a = dir / "a.jsonl";
    const std::string b = dir / "b.jsonl";
    fs::create_symlink(b, a);
    fs::create_symlink(a, b);
    expect_refused(a, 2, a + ": cannot open: Too many levels of symbolic links");
}

TEST_F(BadInput, SparseFileOf2GigabytesIsNotRead) {
    const std::string input = dir / "huge.md";
    std::ofstream(input).put('#');
    fs::resize_file(input, 2 * 1024 * limits::kMiB);  // a hole: no disk used, nothing to read
    expect_refused(input, 2, input + ": 2147483648 bytes; an input file holds at most 1 GiB (docs/limits.md)");
}

// A valid byte-order mark and CRLF line ends are accepted, and read as if they were not there.
TEST_F(BadInput, ByteOrderMarkAndCrlfAreAccepted) {
    const std::string jsonl = dir.write_file(
        "bom.jsonl", "\xEF\xBB\xBF" + record_with_title("\"Marked Paper\"") + "\r\n" + kGoodLine + "\r\n");
    const std::string list = dir.write_file("crlf.md", "# List\r\n\r\n## Systems\r\n\r\n- Listed Paper (NSDI'19)\r\n");
    const std::string fresh = dir / "fresh";
    const CommandResult result = run_command({index_binary(), "--db", fresh, "-q", jsonl, list});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    const CommandResult query =
        run_command({query_binary(), "--db", fresh, "--format", "json", "--no-facets", "--sort", "year"});
    ASSERT_EQ(query.exit_code, 0) << query.err;
    std::vector<std::string> titles;
    std::vector<std::string> categories;
    const nlohmann::json response = nlohmann::json::parse(query.out);
    for (const auto& hit : response["results"]) {
        titles.push_back(hit["title"]);
        for (const auto& category : hit["category"]) categories.push_back(category);
    }
    EXPECT_EQ(titles, (std::vector<std::string>{"Marked Paper", "A Good Paper", "Listed Paper"}));
    EXPECT_EQ(categories, std::vector<std::string>{"List/Systems"});
}

// --- the query bounds -----------------------------------------------------------------------

class BadQuery : public BadInput {
  protected:
    CommandResult query(std::vector<std::string> args) const {
        std::vector<std::string> argv{query_binary(), "--db", db};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_command(argv);
    }

    void expect_refused_query(const std::vector<std::string>& args, const std::string& message) const {
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 2) << result.err;
        EXPECT_EQ(result.err, "mlsys-query: " + message + "\n");
        EXPECT_EQ(result.out, "");
    }
};

TEST_F(BadQuery, TooLong) {
    const std::string text(limits::kMaxQueryBytes + 1, 'q');
    expect_refused_query({text}, "query: too long: 10001 bytes, at most 10000 (docs/limits.md)");
}

TEST_F(BadQuery, TooManyTerms) {
    std::string text;
    for (int i = 0; i < 201; ++i) text += "w" + std::to_string(i) + " ";
    expect_refused_query({text},
                         "query: too many terms: 201 (words, words of phrases, field values), at most 200 "
                         "(docs/limits.md)");
    text.clear();
    for (int i = 0; i < 200; ++i) text += "w" + std::to_string(i) + " ";
    EXPECT_EQ(query({text}).exit_code, 0);  // the bound itself is allowed
}

TEST_F(BadQuery, WildcardMatchingTooManyWords) {
    std::string abstract;
    for (unsigned i = 0; i <= limits::kMaxWildcardTerms; ++i) abstract += "zeta" + std::to_string(i) + " ";
    const std::string input = dir.write_file(
        "words.jsonl", R"({"id": "osdi18-words", "title": "Words", "venue": "OSDI", "year": 2018, "abstract": )" +
                           json_string(abstract) + "}\n");
    ASSERT_EQ(run_command({index_binary(), "--db", db, "-q", input}).exit_code, 0);
    expect_refused_query({"zeta*"},
                         "query: a wildcard matches more than 1000 words; give more letters before the * "
                         "(docs/limits.md)");
    const CommandResult narrower = query({"--format", "ids", "zeta100*"});  // zeta100 and zeta1000
    EXPECT_EQ(narrower.exit_code, 0) << narrower.err;
    EXPECT_EQ(narrower.out, "osdi18-words\n");
}

TEST_F(BadQuery, LimitAndOffset) {
    expect_refused_query({"--limit", "100001", "paper"},
                         "--limit: at most 100000 results a page, not 100001; --offset gives the next page "
                         "(docs/limits.md)");
    expect_refused_query({"--offset", "10000001", "paper"},
                         "--offset: at most 10000000, not 10000001 (docs/limits.md)");
    EXPECT_EQ(query({"--limit", "100000", "--offset", "10000000", "paper"}).exit_code, 0);
}

TEST_F(BadQuery, DraftLongerThanTheBound) {
    const std::string draft = dir.write_file("draft.txt", "A Draft\n" + std::string(limits::kMaxTextBytes, 'd'));
    expect_refused_query({"--like", "@" + draft}, "--like: the draft is longer than 1 MiB (docs/limits.md)");
}

}  // namespace
}  // namespace mlsys::testing
