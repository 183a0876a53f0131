// Helpers shared by the Markdown, BibTeX and CSV readers: stable ids, venue tags of lists
// (long venue names are VenueAliases::normalise's, in venue_aliases_test.cc), merging repeated records, and choosing a
// reader for a file.
#include "mlsys/indexer/paper_reader.h"
#include "readers/bibtex_reader.h"
#include "readers/format_readers.h"
#include "readers/json_lines_reader.h"
#include "readers/merged_records.h"
#include "readers/stable_id.h"
#include "readers/venue_matching.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <sstream>

namespace mlsys::indexer {
namespace {

using mlsys::testing::ScratchDir;
using Strings = std::vector<std::string>;

// --- stable ids -------------------------------------------------------------------------------

TEST(ReaderStableId, IsVenueTwoDigitYearAndTitleWords) {
    EXPECT_EQ(stable_paper_id("NSDI", 2017, "Clipper: Low-Latency Prediction Serving"),
              "nsdi17-clipper-low-latency-prediction-serving");
    EXPECT_EQ(stable_paper_id("EuroSys", 2018, "Dynamic Control Flow"), "eurosys18-dynamic-control-flow");
}

TEST(ReaderStableId, IgnoresCasePunctuationAndSpacing) {
    const std::string id = stable_paper_id("NSDI", 2017, "Clipper: a low-latency online prediction serving system");
    EXPECT_EQ(stable_paper_id("NSDI", 2017, "CLIPPER -- A Low Latency, Online Prediction   Serving System!"), id);
}

TEST(ReaderStableId, ChangesWithVenueYearOrTitle) {
    const std::string id = stable_paper_id("OSDI", 2018, "Gandiva");
    EXPECT_NE(stable_paper_id("SOSP", 2018, "Gandiva"), id);
    EXPECT_NE(stable_paper_id("OSDI", 2019, "Gandiva"), id);
    EXPECT_NE(stable_paper_id("OSDI", 2018, "Gandiva 2"), id);
}

TEST(ReaderStableId, CutsLongTitlesAtAWordAndAddsAHashOfTheWholeTitle) {
    const std::string ray = stable_paper_id("OSDI", 2018, "Ray: A Distributed Framework for Emerging AI Applications");
    EXPECT_EQ(ray, "osdi18-ray-a-distributed-framework-for-emerging-ai-c9793498");
    // Titles that begin alike still get different ids.
    EXPECT_NE(stable_paper_id("OSDI", 2018, "Ray: A Distributed Framework for Emerging AI Workloads"), ray);
}

TEST(ReaderStableId, HashesTitlesWithLettersTheSlugCannotSpell) {
    const std::string tux = stable_paper_id("NSDI", 2017, "Tux²: Graphs");
    EXPECT_EQ(tux.substr(0, tux.size() - 8), "nsdi17-tux-graphs-");
    EXPECT_NE(stable_paper_id("NSDI", 2017, "Tux2: Graphs"), tux);
    const std::string chinese = stable_paper_id("arXiv", 2024, "分布式训练");
    EXPECT_EQ(chinese.size(), std::string("arxiv24-").size() + 8) << chinese;
    EXPECT_EQ(chinese.find_first_of(" \t"), std::string::npos);
}

TEST(ReaderStableId, LeavesOutWhatIsMissing) {
    EXPECT_EQ(stable_paper_id("OSDI", std::nullopt, "Ray"), "osdi-ray");
    EXPECT_EQ(stable_paper_id("", 2021, "Ray"), "2021-ray");
    EXPECT_EQ(stable_paper_id("", std::nullopt, "Ray"), "ray");
    EXPECT_EQ(stable_paper_id("NAIC @ SIGCOMM", 2024, "X"), "naicsigcomm24-x");
}

// --- venue tags of Markdown lists --------------------------------------------------------------

TEST(ReaderVenueYear, SplitsVenueAndYear) {
    const auto check = [](const std::string& tag, const std::string& venue, std::optional<int> year,
                          const std::string& note) {
        const VenueYear parsed = parse_venue_year(tag);
        EXPECT_EQ(parsed.venue, venue) << tag;
        EXPECT_EQ(parsed.year, year) << tag;
        EXPECT_EQ(parsed.note, note) << tag;
        EXPECT_EQ(parsed.bad_year, std::nullopt) << tag;
    };
    check("OSDI'18", "OSDI", 2018, "");
    check("EUROSYS\u201918", "EUROSYS", 2018, "");  // U+2019, as the seed list writes it
    check("ACM CSUR'99", "ACM CSUR", 1999, "");
    check("arxiv, 2022", "arxiv", 2022, "");
    check("PML4LRS @ ICLR2024", "PML4LRS @ ICLR", 2024, "");
    check("PPoPP'24 poster", "PPoPP", 2024, "poster");
    check("MLArchSys'24 @ ISCA'24", "MLArchSys", 2024, "@ ISCA'24");
    check("OSDI 2016", "OSDI", 2016, "");
    check("SysML 2021 D", "SysML", 2021, "D");
    check("2018 (Session only)", "", 2018, "(Session only)");
    check("USENIX ;login:", "USENIX ;login:", std::nullopt, "");
    check("IC2E", "IC2E", std::nullopt, "");
}

TEST(ReaderVenueYear, ReportsNumbersThatCannotBeYears) {
    EXPECT_EQ(parse_venue_year("ASPLOS 20189").bad_year, "20189");
    EXPECT_EQ(parse_venue_year("Section 12").year, std::nullopt);
    EXPECT_EQ(parse_venue_year("ASPLOS 20189").year, std::nullopt);
    EXPECT_EQ(parse_venue_year("OSDI 1234").bad_year, "1234");
    EXPECT_EQ(parse_venue_year("CS 598").bad_year, "598");
}

// --- merging repeated records ------------------------------------------------------------------

Paper paper(const std::string& id, const std::string& category) {
    Paper p;
    p.id = id;
    p.title = "T";
    p.categories = {category};
    return p;
}

TEST(ReaderMerging, KeepsTheFirstAndFillsWhatItLacks) {
    Paper kept = paper("a", "Training");
    kept.url = "https://first";
    kept.keywords = {"x"};
    kept.references = {"r1", "r2"};
    kept.extra["tags"] = Json::array({"t1"});
    Paper repeat = paper("a", "Inference");
    repeat.url = "https://second";
    repeat.year = 2020;
    repeat.venue = "OSDI";
    repeat.authors = {"A B"};
    repeat.keywords = {"x", "y"};
    repeat.references = {"r2", "r3"};
    repeat.citations = {"c1"};
    repeat.extra["tags"] = Json::array({"t1", "t2"});
    repeat.extra["code"] = "https://code";
    merge_paper(kept, repeat);
    EXPECT_EQ(kept.url, "https://first");
    EXPECT_EQ(kept.year, 2020);
    EXPECT_EQ(kept.venue, "OSDI");
    EXPECT_EQ(kept.authors, Strings{"A B"});
    EXPECT_EQ(kept.keywords, (Strings{"x", "y"}));
    EXPECT_EQ(kept.categories, (Strings{"Training", "Inference"}));  // filed under both
    EXPECT_EQ(kept.references, (Strings{"r1", "r2", "r3"}));
    EXPECT_EQ(kept.citations, Strings{"c1"});
    EXPECT_EQ(kept.extra.dump(), R"({"tags":["t1","t2"],"code":"https://code"})");
}

TEST(ReaderMerging, KeepsTheBestOfEachField) {
    Paper preprint = paper("a", "");
    preprint.venue = "arXiv";
    preprint.year = 2018;
    preprint.abstract = "short";
    preprint.authors = {"A B", "C D", "E F"};
    Paper conference = paper("b", "");
    conference.venue = "SOSP";
    conference.year = 2019;
    conference.abstract = "a much longer abstract";
    conference.authors = {"A B", "C D"};
    merge_paper(preprint, conference);
    EXPECT_EQ(preprint.id, "a");
    EXPECT_EQ(preprint.venue, "SOSP");
    EXPECT_EQ(preprint.year, 2019);  // the year goes with the venue
    EXPECT_EQ(preprint.abstract, "a much longer abstract");
    EXPECT_EQ(preprint.authors, (Strings{"A B", "C D", "E F"}));

    Paper journal = paper("c", "");
    journal.venue = "TPDS";
    journal.year = 2021;
    Paper later_preprint = paper("d", "");
    later_preprint.venue = "CoRR";
    later_preprint.year = 2020;
    merge_paper(journal, later_preprint);
    EXPECT_EQ(journal.venue, "TPDS");
    EXPECT_EQ(journal.year, 2021);
}

TEST(ReaderMerging, MergesRecordsWithTheSameIdIntoTheFirst) {
    MergedRecords records;
    records.add(paper("a", "X"), {"f", 1}, IdOrigin::Derived);
    records.add(paper("b", "X"), {"f", 2}, IdOrigin::Derived);
    records.add(paper("a", "Y"), {"f", 3}, IdOrigin::Derived);
    records.add(paper("a", "X"), {"f", 4}, IdOrigin::Derived);  // the same category again is kept once
    const std::vector<ReadRecord> merged = records.take();
    ASSERT_EQ(merged.size(), 2u);
    EXPECT_EQ(merged[0].paper.id, "a");
    EXPECT_EQ(merged[0].where.line, 1u);
    EXPECT_EQ(merged[0].id_origin, IdOrigin::Derived);
    ASSERT_EQ(merged[0].repeats.size(), 2u);
    EXPECT_EQ(merged[0].repeats[0].line, 3u);
    EXPECT_EQ(merged[0].repeats[1].line, 4u);
    EXPECT_EQ(merged[0].paper.categories, (Strings{"X", "Y"}));
    EXPECT_EQ(merged[0].paper.extra.dump(), "{}");
    EXPECT_EQ(merged[1].paper.id, "b");
}

// --- choosing the reader -----------------------------------------------------------------------

TEST(ReaderFormatDetection, ListsEveryFormatName) {
    Strings names;
    for (const auto& [name, format] : input_format_names()) names.push_back(name);
    EXPECT_EQ(names, (Strings{"auto", "papers", "beir", "markdown", "bibtex", "csv"}));
}

TEST(ReaderFormatDetection, ByExtension) {
    const ScratchDir dir;
    // The extension wins over the content.
    EXPECT_EQ(detect_format(InputFormat::Auto, dir.write_file("list.md", "{\"id\": 1}\n")), InputFormat::Markdown);
    EXPECT_EQ(detect_format(InputFormat::Auto, dir.write_file("LIST.MARKDOWN", "")), InputFormat::Markdown);
    EXPECT_EQ(detect_format(InputFormat::Auto, dir.write_file("refs.bib", "")), InputFormat::Bibtex);
    EXPECT_EQ(detect_format(InputFormat::Auto, dir.write_file("export.csv", "# not markdown\n")), InputFormat::Csv);
    EXPECT_EQ(detect_format(InputFormat::Auto, dir.write_file("papers.json", "{\"id\": \"a\"}\n")),
              InputFormat::Papers);
}

TEST(ReaderFormatDetection, ByTheFirstNonBlankLineOtherwise) {
    const ScratchDir dir;
    const auto detected = [&](const std::string& content) {
        return detect_format(InputFormat::Auto, dir.write_file("input", content));
    };
    EXPECT_EQ(detected("\n  @inproceedings{k,\n"), InputFormat::Bibtex);
    EXPECT_EQ(detected("% exported by a tool\n@article{k,}\n"), InputFormat::Bibtex);
    EXPECT_EQ(detected("# Awesome papers\n"), InputFormat::Markdown);
    EXPECT_EQ(detected("- Ray (OSDI'18)\n"), InputFormat::Markdown);
    EXPECT_EQ(detected("1. **Ray** OSDI 2018\n"), InputFormat::Markdown);
    EXPECT_EQ(detected("[Ray](https://x) is a paper\n"), InputFormat::Markdown);
    EXPECT_EQ(detected("Title,Venue,Year\n"), InputFormat::Csv);
    EXPECT_EQ(detected("{\"_id\": \"d1\"}\n"), InputFormat::Beir);
    EXPECT_EQ(detected("{\"id\": \"a\"}\n"), InputFormat::Papers);
    EXPECT_EQ(detected(""), InputFormat::Papers);
    EXPECT_EQ(detected("\n  \n"), InputFormat::Papers);
}

TEST(ReaderFormatDetection, ContentThatFitsNoFormatNamesTheFormatsTried) {
    const ScratchDir dir;
    const std::string notes = dir.write_file("notes.txt", "just words\n");
    try {
        detect_format(InputFormat::Auto, notes);
        ADD_FAILURE() << "no error for a file of plain words";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(notes + ": cannot tell the format", 0), 0u) << message;
        for (const char* tried : {"JSON lines", "BibTeX", "Markdown", "CSV", "--format"}) {
            EXPECT_NE(message.find(tried), std::string::npos) << tried << " in " << message;
        }
    }
}

TEST(ReaderFormatDetection, PassesOverAByteOrderMark) {
    const ScratchDir dir;
    const auto detected = [&](const std::string& content) {
        return detect_format(InputFormat::Auto, dir.write_file("input", "\xEF\xBB\xBF" + content));
    };
    EXPECT_EQ(detected("{\"id\": \"a\", \"title\": \"A, B\"}\n"), InputFormat::Papers);  // not CSV for its comma
    EXPECT_EQ(detected("{\"_id\": \"d1\"}\n"), InputFormat::Beir);
    EXPECT_EQ(detected("@inproceedings{k,\n"), InputFormat::Bibtex);
    EXPECT_EQ(detected("# Awesome papers\n"), InputFormat::Markdown);
    EXPECT_EQ(detected("\n{\"id\": \"a\"}\n"), InputFormat::Papers);  // a mark alone on a blank line
    EXPECT_EQ(detected(""), InputFormat::Papers);
}

// The first record of each format, from a file that starts with a byte-order mark.
std::string first_title_read(InputFormat format, const std::string& content) {
    std::istringstream in("\xEF\xBB\xBF" + content);
    const ReadResult result = make_reader(format, VenueAliases::bundled())->read(in, "input");
    EXPECT_EQ(mlsys::testing::messages(result.problems), Strings{});
    return result.records.empty() ? "no record" : result.records.front().paper.title;
}

TEST(ReaderByteOrderMark, IsPassedOverInEveryFormat) {
    EXPECT_EQ(first_title_read(InputFormat::Papers, R"({"id": "a", "title": "Ray", "venue": "OSDI", "year": 2018})"),
              "Ray");
    EXPECT_EQ(first_title_read(InputFormat::Beir, R"({"_id": "d1", "title": "Ray", "text": "Tasks."})"), "Ray");
    EXPECT_EQ(first_title_read(InputFormat::Bibtex, "@inproceedings{ray,\n  title = {Ray},\n  year = {2018}\n}\n"),
              "Ray");
    EXPECT_EQ(first_title_read(InputFormat::Csv, "Title,Venue,Year\nRay,OSDI,2018\n"), "Ray");
    // The mark would otherwise hide the '#' of the list's title, and the item read as uncategorised.
    std::istringstream list("\xEF\xBB\xBF# Systems\n\n## Training\n\n- Ray (OSDI'18)\n");
    const ReadResult read = MarkdownListReader(VenueAliases::bundled()).read(list, "list.md");
    ASSERT_EQ(read.records.size(), 1u);
    EXPECT_EQ(read.records.front().paper.categories, Strings{"Systems/Training"});
}

TEST(ReaderByteOrderMark, BytesThatAreNoMarkAreKept) {
    std::istringstream partial("\xEF\xBB{\"id\": \"a\"}\n");  // two of the mark's three bytes
    const ReadResult jsonl = PapersJsonlReader(VenueAliases::bundled()).read(partial, "in.jsonl");
    EXPECT_EQ(mlsys::testing::messages(jsonl.problems), Strings{"in.jsonl:1: invalid UTF-8 at byte 1"});
    // A fullwidth '!' starts with the mark's first byte: a column named so keeps its name.
    std::istringstream table("\xEF\xBC\x81,Title\nx,Ray\n");
    const ReadResult csv = CsvReader(VenueAliases::bundled()).read(table, "export.csv");
    ASSERT_EQ(csv.records.size(), 1u);
    EXPECT_EQ(csv.records.front().paper.extra.dump(), "{\"\xEF\xBC\x81\":\"x\"}");
}

TEST(ReaderFormatDetection, MakesTheReaderOfEachFormat) {
    const VenueAliases& aliases = VenueAliases::bundled();
    EXPECT_NE(dynamic_cast<MarkdownListReader*>(make_reader(InputFormat::Markdown, aliases).get()), nullptr);
    EXPECT_NE(dynamic_cast<BibtexReader*>(make_reader(InputFormat::Bibtex, aliases).get()), nullptr);
    EXPECT_NE(dynamic_cast<CsvReader*>(make_reader(InputFormat::Csv, aliases).get()), nullptr);
    EXPECT_NE(dynamic_cast<BeirCorpusReader*>(make_reader(InputFormat::Beir, aliases).get()), nullptr);
    EXPECT_NE(dynamic_cast<PapersJsonlReader*>(make_reader(InputFormat::Papers, aliases).get()), nullptr);
}

TEST(ReaderFormatDetection, ReadAllReturnsTheWholeStream) {
    std::istringstream in(std::string("a\0b\nc", 5));
    EXPECT_EQ(read_all(in), std::string("a\0b\nc", 5));
    std::istringstream empty;
    EXPECT_EQ(read_all(empty), "");
}

}  // namespace
}  // namespace mlsys::indexer
