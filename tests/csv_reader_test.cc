// CSV: rows and their lines through libcsv, Python-literal cells, the column mapping, merging
// repeated rows, and the Semantic Scholar export of ../shared/corpora.
#include "readers/csv_table.h"
#include "readers/format_readers.h"
#include "readers/python_literal.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace mlsys::indexer {
namespace {

using Strings = std::vector<std::string>;

using mlsys::testing::messages;

CsvTable table(const std::string& text) {
    std::istringstream in(text);
    return read_csv_table(in, "t.csv");
}

// --- rows -------------------------------------------------------------------------------------

TEST(CsvTable, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
    const CsvTable t = table(
        "a,b,c\n"
        "1,\"x, y\",\"say \"\"hi\"\"\"\n"
        "\"multi\n"
        "line\",2,\n"
        "\n"
        "last,row,\"no newline at the end\"");
    EXPECT_FALSE(t.error);
    ASSERT_EQ(t.rows.size(), 4u);
    EXPECT_EQ(t.rows[0].fields, (Strings{"a", "b", "c"}));
    EXPECT_EQ(t.rows[1].fields, (Strings{"1", "x, y", "say \"hi\""}));
    EXPECT_EQ(t.rows[2].fields, (Strings{"multi\nline", "2", ""}));
    EXPECT_EQ(t.rows[3].fields, (Strings{"last", "row", "no newline at the end"}));
    std::vector<std::size_t> lines;
    for (const CsvRow& row : t.rows) lines.push_back(row.line);
    EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 3, 6}));
}

TEST(CsvTable, CrLfLineEnds) {
    const CsvTable t = table("a,b\r\n1,\"two\r\nlines\"\r\n3,4\r\n");
    EXPECT_FALSE(t.error);
    ASSERT_EQ(t.rows.size(), 3u);
    EXPECT_EQ(t.rows[1].fields, (Strings{"1", "two\r\nlines"}));
    EXPECT_EQ(t.rows[2].line, 4u);
}

TEST(CsvTable, AStrayQuoteStopsTheFileWithAProblem) {
    const CsvTable t = table("a,b\n1,2\n3,\"bad\"x\n5,6\n");
    ASSERT_TRUE(t.error);
    EXPECT_EQ(t.error->describe(),
              "t.csv:3: malformed CSV (error parsing data while strict checking enabled); "
              "the rest of the file is not read");
    EXPECT_EQ(t.rows.size(), 2u);
}

TEST(CsvTable, AnUnterminatedQuoteIsAProblem) {
    const CsvTable t = table("a,b\n1,\"never closed\n");
    ASSERT_TRUE(t.error);
    EXPECT_EQ(t.error->describe(), "t.csv:2: malformed CSV: the file ends inside a quoted field");
}

// --- Python literals --------------------------------------------------------------------------

TEST(CsvPythonLiteral, ListsDictsStringsAndConstants) {
    EXPECT_EQ(
        parse_python_literal("[{'Name': 'Aurick Qiao', 'Author ID': '1762117'}, {\"Name\": \"M. O'Boyle\"}]").dump(),
        R"([{"Name":"Aurick Qiao","Author ID":"1762117"},{"Name":"M. O'Boyle"}])");
    EXPECT_EQ(parse_python_literal("['a', None, (1, -2.5e1, True, False), [],]").dump(),
              R"(["a",null,[1,-25.0,true,false],[]])");
    EXPECT_EQ(parse_python_literal(R"('it\'s \\ \n \x41\u00e9\U0001F600')").get<std::string>(), "it's \\ \n Aé😀");
}

TEST(CsvPythonLiteral, ErrorsNameTheCharacter) {
    const auto error_of = [](const std::string& text) -> std::string {
        try {
            parse_python_literal(text);
        } catch (const PythonLiteralError& e) {
            return e.what();
        }
        return "no error";
    };
    EXPECT_EQ(error_of("['a' 'b']"), "expected ',' or ']' at character 6");
    EXPECT_EQ(error_of("['open"), "unterminated string at character 7");
    EXPECT_EQ(error_of("{1: 2}"), "expected a string key at character 2");
    EXPECT_EQ(error_of("[a]"), "unexpected 'a' at character 2");
    EXPECT_EQ(error_of("[1] x"), "unexpected text after the value at character 5");
}

// --- the reader -------------------------------------------------------------------------------

ReadResult read_csv(const std::string& text) {
    std::istringstream in(text);
    return CsvReader(VenueAliases::bundled()).read(in, "export.csv");
}

const std::string kHeader = "Paper ID,URL,Title,Venue,Year,Authors,Citations,References,Abstract\n";

TEST(CsvReader, ReadsBothCellStylesOfSemanticScholar) {
    const ReadResult result =
        read_csv(kHeader +
                 "p1,https://s2/p1,Pollux,USENIX Symposium on Operating Systems Design and Implementation,2020,"
                 "\"[{'Name': 'Aurick Qiao', 'Author ID': '1'}, {'Name': 'W. Neiswanger', 'Author ID': '2'}]\","
                 "\"['c1', 'c2']\",\"['r1', None, 'r2']\",\"Pollux improves\nscheduling.\"\n"
                 "p2,,Blink,MLSys,2020,A. Yazdanbakhsh:K. Samadi,c3:c4,r3,\n");
    EXPECT_TRUE(result.problems.empty()) << messages(result.problems)[0];
    ASSERT_EQ(result.records.size(), 2u);
    EXPECT_EQ(to_json(result.records[0].paper).dump(),
              R"({"id":"p1","title":"Pollux","authors":["Aurick Qiao","W. Neiswanger"],"venue":"OSDI","year":2020,)"
              R"("abstract":"Pollux improves scheduling.","url":"https://s2/p1","references":["r1","r2"],)"
              R"("citations":["c1","c2"]})");
    EXPECT_EQ(to_json(result.records[1].paper).dump(),
              R"({"id":"p2","title":"Blink","authors":["A. Yazdanbakhsh","K. Samadi"],"venue":"MLSys","year":2020,)"
              R"("references":["r3"],"citations":["c3","c4"]})");
    EXPECT_EQ(result.records[1].where.line, 4u);
}

TEST(CsvReader, MergesRowsWithTheSameId) {
    const ReadResult result = read_csv(kHeader +
                                       "p1,,Willump,,2019,\"['Peter Kraft']\",,\"['r1', 'r2']\",An abstract.\n"
                                       "p1,,Willump,MLSys,2019,Peter Kraft:Daniel Kang,c1,r2:r3,\n");
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(to_json(result.records[0].paper).dump(),
              R"({"id":"p1","title":"Willump","authors":["Peter Kraft","Daniel Kang"],"venue":"MLSys","year":2019,)"
              R"("abstract":"An abstract.","references":["r1","r2","r3"],"citations":["c1"]})");
    EXPECT_EQ(result.records[0].where.line, 2u);
}

TEST(CsvReader, AnyColumnOrderOtherColumnsAndDerivedIds) {
    const ReadResult result = read_csv(
        "year,title,journal,Authors,DOI,Keywords,Category,Notes\n"
        "2018,Ray: A Framework,Proceedings of the 13th USENIX Symposium on Operating Systems Design and Implementation,"
        "\"Philipp Moritz; Robert Nishihara\",10.1/x,\"rl, distributed\",Systems/Training,Read it\n");
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(
        to_json(result.records[0].paper).dump(),
        R"({"id":"osdi18-ray-a-framework","title":"Ray: A Framework","authors":["Philipp Moritz","Robert Nishihara"],)"
        R"("venue":"OSDI","year":2018,"category":["Systems/Training"],"doi":"10.1/x","keywords":["rl","distributed"],)"
        R"("Notes":"Read it"})");
}

TEST(CsvReader, ReportsBadRowsByLineAndColumn) {
    const ReadResult result = read_csv(kHeader +
                                       "p1,,Good,,2019,,,,\n"
                                       "p2,,Bad year,,2O19,,,,\n"
                                       "p3,,Short row\n"
                                       "p4,,Bad list,,2019,\"['unclosed\",,,\n"
                                       ",,No id,,2019,,,,\n"
                                       "p6,,,,2019,,,,\n"
                                       "p7,,\xff,,2019,,,,\n");
    EXPECT_EQ(messages(result.problems),
              (Strings{"export.csv:3: Year: expected a four-digit year, got \"2O19\"",
                       "export.csv:4: expected 9 fields, got 3",
                       "export.csv:5: Authors: not a Python list: unterminated string at character 11",
                       "export.csv:7: title: missing (required)", "export.csv:8: Title: invalid UTF-8 at byte 1"}));
    ASSERT_EQ(result.records.size(), 2u);
    EXPECT_EQ(result.records[0].paper.id, "p1");
    EXPECT_EQ(result.records[1].paper.id, "2019-no-id");  // no id in the row: derived
}

TEST(CsvReader, NeedsATitleColumn) {
    EXPECT_EQ(messages(read_csv("Paper ID,Venue\np1,OSDI\n").problems),
              Strings{"export.csv:1: no Title column in the header row"});
    EXPECT_TRUE(read_csv("").records.empty());
    EXPECT_TRUE(read_csv("").problems.empty());
}

// ../shared/corpora/mlsys-seed-papers-s2.csv: 574 data rows; 143 repeat a Paper ID, leaving 431
// papers, and no row is bad, so 431 read and 0 skipped. Checked with Python's csv module
// (574 rows, 431 distinct Paper IDs; merging rows by first non-empty value gives 92 abstracts,
// one paper without a year, MLSys 342 / EuroSys 14 / OSDI 12 / arXiv 9 / NSDI 5 / SOSP 5 /
// VLDB 4 / SoCC 4 / ATC 3 / ICML 3, and 835 reference edges inside the set, as the corpora
// README says). The README's "MLSys 337" counts each id's first row only: five papers have an
// empty or long-form venue there and "MLSys" in a later row.
TEST(CsvReaderCorpus, SemanticScholarExport) {
    const std::string path = mlsys::testing::source_dir() + "/../shared/corpora/mlsys-seed-papers-s2.csv";
    std::ifstream in(path, std::ios::binary);
    const ReadResult result = CsvReader(VenueAliases::bundled()).read(in, path);
    EXPECT_EQ(result.records.size(), 431u);
    EXPECT_TRUE(result.problems.empty()) << messages(result.problems)[0];

    std::map<std::string, int> venues;
    std::set<std::string> ids;
    int abstracts = 0, without_year = 0;
    std::map<std::string, const ReadRecord*> by_id;
    for (const ReadRecord& r : result.records) {
        ++venues[r.paper.venue];
        ids.insert(r.paper.id);
        abstracts += !r.paper.abstract.empty();
        without_year += !r.paper.year;
        by_id[r.paper.id] = &r;
    }
    EXPECT_EQ(abstracts, 92);
    EXPECT_EQ(without_year, 1);
    for (const auto& [venue, count] : std::map<std::string, int>{{"MLSys", 342},
                                                                 {"EuroSys", 14},
                                                                 {"OSDI", 12},
                                                                 {"arXiv", 9},
                                                                 {"NSDI", 5},
                                                                 {"SOSP", 5},
                                                                 {"VLDB", 4},
                                                                 {"SoCC", 4},
                                                                 {"ATC", 3},
                                                                 {"ICML", 3},
                                                                 {"", 8}}) {
        EXPECT_EQ(venues[venue], count) << venue;
    }
    int edges = 0;
    for (const ReadRecord& r : result.records) {
        for (const std::string& cited : r.paper.references) edges += ids.count(cited);
    }
    EXPECT_EQ(edges, 835);

    // Python-literal row (lines 2–4, its abstract has line breaks).
    const Paper& pollux = by_id.at("2adcdc9e9e81147499e1372f992d25ac6265fb29")->paper;
    EXPECT_EQ(by_id.at("2adcdc9e9e81147499e1372f992d25ac6265fb29")->where.line, 2u);
    EXPECT_EQ(pollux.title, "Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning");
    EXPECT_EQ(pollux.venue, "OSDI");  // "USENIX Symposium on Operating Systems Design and Implementation"
    EXPECT_EQ(pollux.year, 2020);
    EXPECT_EQ(pollux.authors,
              (Strings{"Aurick Qiao", "W. Neiswanger", "Qirong Ho", "Hao Zhang", "G. Ganger", "E. Xing"}));
    EXPECT_EQ(pollux.url, "https://www.semanticscholar.org/paper/2adcdc9e9e81147499e1372f992d25ac6265fb29");
    EXPECT_EQ(pollux.abstract.substr(0, 60), "Pollux improves scheduling performance in deep learning (DL)");
    EXPECT_EQ(pollux.citations.size(), 114u);
    EXPECT_EQ(pollux.references.size(), 80u);
    EXPECT_EQ(pollux.references[0], "2f4d6d3748ac6822711fe0bbd4cf6d2e66fa6613");

    // Colon-separated row.
    const Paper& autosklearn = by_id.at("54b2c43d93d1f525213da5ddc70db5d27c1120f4")->paper;
    EXPECT_EQ(autosklearn.title, "Auto-sklearn: Efficient and Robust Automated Machine Learning");
    EXPECT_EQ(autosklearn.venue, "Automated Machine Learning");
    EXPECT_EQ(autosklearn.authors, (Strings{"Matthias Feurer", "Aaron Klein", "Katharina Eggensperger",
                                            "J. T. Springenberg", "Manuel Blum", "F. Hutter"}));
    EXPECT_EQ(autosklearn.citations.size(), 282u);
    EXPECT_EQ(autosklearn.references.size(), 45u);

    // Two rows of one paper, a Python-literal one with the abstract and a colon one: merged.
    const Paper& biggraph = by_id.at("7ac58400e5063bed9b7c35f87e44ddb917ccf357")->paper;
    EXPECT_EQ(biggraph.venue, "MLSys");
    EXPECT_EQ(biggraph.year, 2019);
    EXPECT_EQ(biggraph.authors.size(), 7u);
    EXPECT_EQ(biggraph.abstract.substr(0, 40), "Graph embedding methods produce unsuperv");
    EXPECT_EQ(biggraph.citations.size(), 326u);
    EXPECT_EQ(biggraph.references.size(), 42u);
    // The first row has no venue; the second says MLSys.
    EXPECT_EQ(by_id.at("491f5b0c8663ce35d0d118be06cefa5e7223dd7f")->paper.venue, "MLSys");
    // The paper without a year has none invented.
    EXPECT_EQ(by_id.at("8d8e28709c3848386a02c553a889a6c377b2e49c")->paper.year, std::nullopt);
}

}  // namespace
}  // namespace mlsys::indexer
