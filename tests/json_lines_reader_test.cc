// JSON Lines readers (papers and BEIR), format detection and reading a set of input files.
#include "readers/json_lines_reader.h"
#include "mlsys/indexer/input_set.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace mlsys::indexer {
namespace {

using mlsys::testing::ScratchDir;

const std::string kValidA = R"({"id": "a", "title": "Paper A", "venue": "OSDI", "year": 2018})";
const std::string kValidB = R"({"id": "b", "title": "Paper B", "venue": "nips", "year": 2017})";

ReadResult read_papers(const std::string& text) {
    std::istringstream in(text);
    return PapersJsonlReader(VenueAliases::bundled()).read(in, "in.jsonl");
}

ReadResult read_beir(const std::string& text) {
    std::istringstream in(text);
    return BeirCorpusReader(VenueAliases::bundled()).read(in, "corpus.jsonl");
}

std::vector<std::string> ids_of(const std::vector<ReadRecord>& records) {
    std::vector<std::string> ids;
    for (const ReadRecord& r : records) ids.push_back(r.paper.id);
    return ids;
}

using mlsys::testing::messages;

using Strings = std::vector<std::string>;

TEST(PapersJsonlReader, ReadsRecordsWithTheirLocation) {
    const ReadResult result = read_papers(kValidA + "\n" + kValidB + "\n");
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(ids_of(result.records), (Strings{"a", "b"}));
    EXPECT_EQ(result.records[0].where.file, "in.jsonl");
    EXPECT_EQ(result.records[0].where.line, 1u);
    EXPECT_EQ(result.records[1].where.line, 2u);
    EXPECT_EQ(result.records[1].paper.venue, "NeurIPS");  // validated and normalised
}

TEST(PapersJsonlReader, SkipsBlankLinesButCountsThem) {
    const ReadResult result = read_papers("\n" + kValidA + "\n   \n\t\r\n" + kValidB);  // no final newline
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(ids_of(result.records), (Strings{"a", "b"}));
    EXPECT_EQ(result.records[0].where.line, 2u);
    EXPECT_EQ(result.records[1].where.line, 5u);
}

TEST(PapersJsonlReader, BrokenJsonIsAProblemNamingTheLine) {
    const ReadResult result = read_papers(kValidA + "\n\n{\"id\": \"x\", \"title\": \n" + kValidB + "\n");
    EXPECT_EQ(ids_of(result.records), (Strings{"a", "b"}));  // the rest is still read
    ASSERT_EQ(result.problems.size(), 1u);
    const Problem& p = result.problems[0];
    EXPECT_EQ(p.where.file, "in.jsonl");
    EXPECT_EQ(p.where.line, 3u);
    EXPECT_EQ(p.field, "");
    EXPECT_EQ(p.describe().rfind("in.jsonl:3: invalid JSON at byte ", 0), 0u) << p.describe();
}

TEST(PapersJsonlReader, InvalidUtf8NamesLineAndField) {
    const std::string bad_line = R"({"id": "c", "title": "Bad )"
                                 "\xFF"
                                 R"( title", "venue": "OSDI", "year": 2018})";
    const std::size_t bad_byte = bad_line.find('\xFF') + 1;  // 1-based in the message
    const ReadResult result = read_papers(kValidA + "\n" + bad_line + "\n");
    EXPECT_EQ(ids_of(result.records), Strings{"a"});
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].field, "title");
    EXPECT_EQ(result.problems[0].describe(), "in.jsonl:2: title: invalid UTF-8 at byte " + std::to_string(bad_byte));
}

TEST(PapersJsonlReader, InvalidUtf8InAListNamesTheList) {
    const std::string bad_line = R"({"id": "c", "title": "T", "venue": "OSDI", "year": 2018, "authors": ["Ann", "B)"
                                 "\xC0\xAF"
                                 R"("]})";
    const ReadResult result = read_papers(bad_line);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_EQ(result.problems[0].field, "authors");
    EXPECT_EQ(result.problems[0].where.line, 1u);
}

TEST(PapersJsonlReader, ValidationProblemsCarryTheLine) {
    const ReadResult result = read_papers(kValidA + "\n[1]\n" + R"({"id": "d", "title": "T", "venue": "OSDI"})" + "\n");
    EXPECT_EQ(ids_of(result.records), Strings{"a"});
    EXPECT_EQ(messages(result.problems),
              (Strings{"in.jsonl:2: expected a JSON object, got array", "in.jsonl:3: year: missing (required)"}));
}

// nlohmann::json parses and copies a value recursively, one stack frame a level: a line
// nested 100,000 deep overflowed the stack. Such a line is a problem of its own.
TEST(PapersJsonlReader, NestingDeeperThanSixtyFourLevelsIsAProblem) {
    const std::string deep = R"({"id": "d", "extra": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
    const ReadResult result = read_papers(kValidA + "\n" + deep + "\n" + kValidB + "\n");
    EXPECT_EQ(ids_of(result.records), (Strings{"a", "b"}));
    EXPECT_EQ(messages(result.problems), Strings{"in.jsonl:2: nesting deeper than 64 levels"});
}

TEST(PapersJsonlReader, SixtyFourLevelsAndBracketsInStringsAreRead) {
    const std::string title = std::string(100, '[') + "\\\"{" + std::string(100, '{');  // an escaped quote too
    const std::string keywords = std::string(63, '[') + std::string(63, ']');  // in the record's object: 64 levels
    const ReadResult result = read_papers(R"({"id": "a", "title": ")" + title +
                                          R"(", "venue": "OSDI", "year": 2018, )"
                                          R"("keywords": )" +
                                          keywords + "}");
    // Parsed: only then can validation say what is wrong with the keywords.
    EXPECT_EQ(messages(result.problems),
              Strings{"in.jsonl:1: keywords: item 1 must be a string, got array " + std::string(40, '[') + "..."});
}

TEST(PapersJsonlReader, EmptyInput) {
    const ReadResult result = read_papers("");
    EXPECT_TRUE(result.records.empty());
    EXPECT_TRUE(result.problems.empty());
}

TEST(BeirCorpusReader, MapsIdTitleAndText) {
    const ReadResult result = read_beir(R"({"_id": "doc1", "title": "A Title", "text": "Body text.", "metadata": {}})");
    ASSERT_TRUE(result.problems.empty()) << ::testing::PrintToString(messages(result.problems));
    ASSERT_EQ(result.records.size(), 1u);
    const Paper& p = result.records[0].paper;
    EXPECT_EQ(p.id, "doc1");
    EXPECT_EQ(p.title, "A Title");
    EXPECT_EQ(p.abstract, "Body text.");
    EXPECT_EQ(p.venue, "");
    EXPECT_EQ(p.year, std::nullopt);
    EXPECT_EQ(p.extra, Json::object());  // the empty metadata is dropped
}

TEST(BeirCorpusReader, KeepsNonEmptyMetadataInExtra) {
    const ReadResult result = read_beir(
        R"({"_id": "doc2", "title": "", "text": "Only text.", "metadata": {"url": "https://x.org", "n": 3}})");
    ASSERT_EQ(result.records.size(), 1u);
    const Paper& p = result.records[0].paper;
    EXPECT_EQ(p.title, "");  // BEIR titles may be empty
    EXPECT_EQ(p.extra.dump(), R"({"metadata":{"url":"https://x.org","n":3}})");
}

TEST(BeirCorpusReader, RequiresAnId) {
    const ReadResult result = read_beir(
        "\n"
        R"({"title": "No id", "text": "t"})");
    EXPECT_TRUE(result.records.empty());
    EXPECT_EQ(messages(result.problems), Strings{"corpus.jsonl:2: id: missing (required)"});
}

TEST(DetectFormat, FromTheFirstNonBlankLine) {
    const ScratchDir dir;
    const std::string beir = dir.write_file("corpus.jsonl", R"({"_id": "d1", "title": "T", "text": "x"})"
                                                            "\n");
    const std::string beir_after_blank = dir.write_file("blank-first.jsonl",
                                                        "\n  \n"
                                                        R"({"_id": "d1", "text": "x"})"
                                                        "\n");
    const std::string papers = dir.write_file("papers.jsonl", kValidA + "\n");
    const std::string empty = dir.write_file("empty.jsonl", "");
    EXPECT_EQ(detect_format(InputFormat::Auto, beir), InputFormat::Beir);
    EXPECT_EQ(detect_format(InputFormat::Auto, beir_after_blank), InputFormat::Beir);
    EXPECT_EQ(detect_format(InputFormat::Auto, papers), InputFormat::Papers);
    EXPECT_EQ(detect_format(InputFormat::Auto, empty), InputFormat::Papers);
    // An explicit format is kept whatever the file holds.
    EXPECT_EQ(detect_format(InputFormat::Papers, beir), InputFormat::Papers);
    EXPECT_EQ(detect_format(InputFormat::Beir, papers), InputFormat::Beir);
}

TEST(ReadInputs, DetectsTheFormatOfEachFile) {
    const ScratchDir dir;
    const std::string papers = dir.write_file("papers.jsonl", kValidA + "\n");
    const std::string beir = dir.write_file("corpus.jsonl", R"({"_id": "d1", "title": "T", "text": "body"})"
                                                            "\n");
    const InputSet inputs = read_inputs({papers, beir}, InputFormat::Auto, VenueAliases::bundled());
    EXPECT_TRUE(inputs.problems.empty()) << ::testing::PrintToString(messages(inputs.problems));
    ASSERT_EQ(ids_of(inputs.records->records()), (Strings{"a", "d1"}));
    EXPECT_EQ(inputs.records->record(1).paper.abstract, "body");
    EXPECT_EQ(inputs.records->record(1).where.file, beir);
}

TEST(ReadInputs, AnInvalidRecordDoesNotClaimItsId) {
    const ScratchDir dir;
    const std::string first = dir.write_file("a.jsonl", R"({"id": "a", "title": "no venue", "year": 2018})"
                                                        "\n");
    const std::string second = dir.write_file("b.jsonl", kValidA + "\n");
    const InputSet inputs = read_inputs({first, second}, InputFormat::Papers, VenueAliases::bundled());
    EXPECT_EQ(ids_of(inputs.records->records()), Strings{"a"});
    EXPECT_EQ(inputs.records->record(0).where.file, second);
    EXPECT_EQ(messages(inputs.problems), Strings{first + ":1: venue: missing (required)"});
}

TEST(ReadInputs, MissingFileThrowsInputError) {
    const ScratchDir dir;
    const std::string present = dir.write_file("a.jsonl", kValidA + "\n");
    const std::string missing = dir / "missing.jsonl";
    try {
        read_inputs({present, missing}, InputFormat::Auto, VenueAliases::bundled());
        FAIL() << "no InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), missing + ": cannot open: No such file or directory");
    }
}

}  // namespace
}  // namespace mlsys::indexer
