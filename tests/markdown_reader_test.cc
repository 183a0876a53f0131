// The Markdown list reader: block structure, the three item shapes, headings as venue, year
// and category, and the real lists of ../shared/seed and ../shared/corpora.
#include "mlsys/schema/text.h"
#include "readers/format_readers.h"
#include "readers/json_lines_reader.h"
#include "readers/markdown_blocks.h"
#include "readers/markdown_items.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace mlsys::indexer {
namespace {

using Strings = std::vector<std::string>;

ReadResult read_markdown(const std::string& text) {
    std::istringstream in(text);
    return MarkdownListReader(VenueAliases::bundled()).read(in, "list.md");
}

ReadResult read_markdown_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << path;
    return MarkdownListReader(VenueAliases::bundled()).read(in, path);
}

using mlsys::testing::messages;

std::string json_of(const ReadRecord& record) {
    return to_json(record.paper).dump();
}

const ReadRecord* record_at_line(const ReadResult& result, std::size_t line) {
    for (const ReadRecord& record : result.records) {
        if (record.where.line == line) return &record;
    }
    return nullptr;
}

std::string json_at_line(const ReadResult& result, std::size_t line) {
    const ReadRecord* record = record_at_line(result, line);
    return record ? json_of(*record) : "no record at line " + std::to_string(line);
}

// --- blocks -----------------------------------------------------------------------------------

TEST(MarkdownBlocks, HeadingsItemsAndWhatBelongsToAnItem) {
    const std::vector<MarkdownBlock> blocks =
        markdown_blocks(("# Title #\n"                    // 1
                         "Intro text, not a list.\n"      // 2
                         "## Section\n"                   // 3
                         "- first [link\n"                // 4
                         "](https://x)\n"                 // 5  lazy continuation
                         "  - nested\n"                   // 6
                         "- second\n"                     // 7
                         "\n"                             // 8
                         "   *Author One, Author Two*\n"  // 9  indented paragraph: the item's body
                         "\n"                             // 10
                         "   Code: https://code\n"        // 11
                         "\n"                             // 12 (without it, line 13 would continue line 11)
                         "**Bold line**\n"                // 13 a sub-heading
                         "1. ordered\n"                   // 14
                         "<!-- - commented\n"             // 15
                         "- still comment -->\n"          // 16
                         "```\n- in code\n```\n"          // 17–19
                         "Paragraph ends the list.\n"));  // 20
    ASSERT_EQ(blocks.size(), 7u);
    const auto& title = std::get<MarkdownHeading>(blocks[0]);
    EXPECT_EQ(title.level, 1);
    EXPECT_EQ(title.text, "Title");
    const auto& section = std::get<MarkdownHeading>(blocks[1]);
    EXPECT_EQ(section.level, 2);
    EXPECT_EQ(section.line, 3u);
    const auto& first = std::get<MarkdownItem>(blocks[2]);
    EXPECT_EQ(first.line, 4u);
    EXPECT_EQ(first.text, "first [link\n](https://x)");
    EXPECT_FALSE(first.nested);
    const auto& nested = std::get<MarkdownItem>(blocks[3]);
    EXPECT_TRUE(nested.nested);
    EXPECT_EQ(nested.text, "nested");
    const auto& second = std::get<MarkdownItem>(blocks[4]);
    EXPECT_FALSE(second.nested);
    EXPECT_EQ(second.body, (Strings{"*Author One, Author Two*", "Code: https://code"}));
    EXPECT_EQ(second.last_line, 11u);
    const auto& bold = std::get<MarkdownHeading>(blocks[5]);
    EXPECT_TRUE(bold.bold_line);
    EXPECT_EQ(bold.level, 3);  // one deeper than "## Section"
    EXPECT_EQ(bold.text, "Bold line");
    EXPECT_EQ(std::get<MarkdownItem>(blocks[6]).text, "ordered");
}

TEST(MarkdownBlocks, TabsIndentToFourColumns) {
    const std::vector<MarkdownBlock> blocks = markdown_blocks(("1.\t**T** OSDI 2016\n\n\t*A, B*\n"));
    ASSERT_EQ(blocks.size(), 1u);
    EXPECT_EQ(std::get<MarkdownItem>(blocks[0]).text, "**T** OSDI 2016");
    EXPECT_EQ(std::get<MarkdownItem>(blocks[0]).body, Strings{"*A, B*"});
}

// --- item shapes ------------------------------------------------------------------------------

std::optional<ItemPaper> item(const std::string& text, bool nested = false, Strings body = {}) {
    MarkdownItem markdown_item;
    markdown_item.line = 1;
    markdown_item.text = text;
    markdown_item.nested = nested;
    markdown_item.body = std::move(body);
    return paper_in_item(markdown_item);
}

TEST(MarkdownItems, TitleWithTrailingVenue) {
    const auto paper = item("Gaia: Geo-Distributed Machine Learning (NSDI\u201917)");
    ASSERT_TRUE(paper);
    EXPECT_EQ(paper->title, "Gaia: Geo-Distributed Machine Learning");
    EXPECT_EQ(paper->venue_year->venue, "NSDI");
    EXPECT_EQ(paper->venue_year->year, 2017);
    const auto linked = item("[Ray](https://ray.io) (OSDI'18)");
    ASSERT_TRUE(linked);
    EXPECT_EQ(linked->title, "Ray");
    EXPECT_EQ(linked->url, "https://ray.io");
    // Not papers: no year in the parenthesis; a note nested under a paper.
    EXPECT_FALSE(item("[NeurIPS](#neurips)"));
    EXPECT_FALSE(item("Fetch stalls (I/O)"));
    EXPECT_FALSE(item("Related to DT-FM (NeurIPS'22)", true));
}

TEST(MarkdownItems, BoldTitleWithBadgesAuthorsAndCode) {
    const auto paper = item(
        "**TensorFlow: A System** OSDI 2016 ![](https://img.shields.io/badge/Training-red) "
        "![](https://img.shields.io/badge/Multi--word_label-blue)",
        false, {"*Martín Abadi, Paul Barham and Jianmin Chen*", "Code: [https://github.com/t](https://github.com/t)"});
    ASSERT_TRUE(paper);
    EXPECT_EQ(paper->title, "TensorFlow: A System");
    EXPECT_EQ(paper->venue_year->venue, "OSDI");
    EXPECT_EQ(paper->venue_year->year, 2016);
    EXPECT_EQ(paper->badges, (Strings{"Training", "Multi-word label"}));
    EXPECT_EQ(paper->authors, (Strings{"Martín Abadi", "Paul Barham", "Jianmin Chen"}));
    EXPECT_EQ(paper->code, "https://github.com/t");
}

TEST(MarkdownItems, BoldTitleNeedsAVenueYearOrBadgesOrAuthors) {
    EXPECT_TRUE(item("**KungFu** ![](https://img.shields.io/badge/Training-red)"));
    EXPECT_TRUE(item("**KungFu**", false, {"*Luo Mai*"}));
    EXPECT_FALSE(item("**KungFu**"));
    EXPECT_FALSE(item("**Related-work ground truth:** the references and citations give 835 directed edges"));
    // A broken year is still an entry, so that it can be reported.
    const auto broken = item("**Bit-Tactical** ASPLOS 20189 ![](https://img.shields.io/badge/Hardware-green)");
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->venue_year->bad_year, "20189");
}

// "[NSDI 24]": a two-digit year after a space counts in a tag, and only there.
TEST(MarkdownItems, ATagMayEndInATwoDigitYear) {
    const auto tagged = item("[NSDI 24] [Parcae: Proactive, Liveput-Optimized DNN Training](https://x)");
    ASSERT_TRUE(tagged);
    EXPECT_EQ(tagged->venue_year->venue, "NSDI");
    EXPECT_EQ(tagged->venue_year->year, 2024);
    EXPECT_EQ(tagged->title, "Parcae: Proactive, Liveput-Optimized DNN Training");
    const ReadResult read = read_markdown("# List\n\n- [NSDI 24] [Parcae](https://x)\n");
    ASSERT_EQ(read.records.size(), 1u);
    EXPECT_EQ(read.records[0].paper.venue, "NSDI");
    EXPECT_EQ(read.records[0].paper.year, 2024);
    EXPECT_FALSE(item("See the list in Section 12"));
    EXPECT_FALSE(item("Related notes (Section 12)"));
}

TEST(MarkdownItems, TagsThenTitle) {
    const auto linked = item(
        "[Survey :mag:] [ACM CSUR'23] [Deep Learning Scheduling: A Survey](https://dl.acm.org/x) "
        "(`DLS`) [[Code](https://github.com/c)]");
    ASSERT_TRUE(linked);
    EXPECT_EQ(linked->labels, Strings{"Survey"});
    EXPECT_EQ(linked->venue_year->venue, "ACM CSUR");
    EXPECT_EQ(linked->venue_year->year, 2023);
    EXPECT_EQ(linked->title, "Deep Learning Scheduling: A Survey");
    EXPECT_EQ(linked->url, "https://dl.acm.org/x");
    EXPECT_EQ(linked->nickname, "DLS");
    EXPECT_EQ(linked->code, "https://github.com/c");

    const auto plain = item("[NSDI'22] MLaaS in the wild: workload analysis (`PAI`) [also in [2.1](#21-dl)]");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->title, "MLaaS in the wild: workload analysis");
    EXPECT_EQ(plain->nickname, "PAI");
    EXPECT_EQ(plain->url, "");

    const auto split_link = item("[RecSys'23] [InTune: Data Pipelines\n](https://arxiv.org/abs/2308.08500)");
    ASSERT_TRUE(split_link);
    EXPECT_EQ(split_link->title, "InTune: Data Pipelines");
    EXPECT_EQ(split_link->url, "https://arxiv.org/abs/2308.08500");

    // A nested item in this shape is a paper of its own (another version of its parent).
    EXPECT_TRUE(item("[arxiv'23] [SuperScaler](https://arxiv.org/abs/2301.08984)", true));
}

TEST(MarkdownItems, TagsThatAreNotVenues) {
    EXPECT_TRUE(item("[USENIX ;login:] [Wafer-Scale AI Compute](https://usenix.org/x)"));  // no year, but a link
    EXPECT_FALSE(item("[x] Done"));                                                        // a task list
    EXPECT_FALSE(item("[arxiv version](https://arxiv.org/abs/2210.14826)", true));
    EXPECT_FALSE(item("[[arxiv](https://a)] [[openreview](https://o)]", true));
    EXPECT_FALSE(item("https://github.com/HuaizhengZhang/Awesome-System-for-Machine-Learning"));
    EXPECT_FALSE(item("![](https://img.shields.io/badge/Training-red) Model training"));
}

TEST(MarkdownItems, InlineTextIsPlain) {
    EXPECT_EQ(inline_text("**Bold** and `code` \\& [link](https://x) ![img](https://y)  __u__"),
              "Bold and code & link u");
}

// --- the reader -------------------------------------------------------------------------------

TEST(MarkdownReader, HeadingsGiveTheCategoryPathUnderTheListsTitle) {
    const ReadResult result = read_markdown(
        "# My list\n"
        "## Deep learning\n"
        "### Training\n"
        "- Ray: A Distributed Framework (OSDI\u201918)\n"
        "## Cluster management\n"
        "- Gandiva (NeuralPS'18)\n");
    EXPECT_TRUE(result.problems.empty()) << messages(result.problems)[0];
    ASSERT_EQ(result.records.size(), 2u);
    EXPECT_EQ(json_of(result.records[0]),
              R"({"id":"osdi18-ray-a-distributed-framework","title":"Ray: A Distributed Framework","venue":"OSDI",)"
              R"("year":2018,"category":["My list/Deep learning/Training"]})");
    EXPECT_EQ(result.records[0].where.line, 4u);
    EXPECT_EQ(json_of(result.records[1]),
              R"({"id":"neurips18-gandiva","title":"Gandiva","venue":"NeurIPS","year":2018,)"
              R"("category":["My list/Cluster management"]})");
}

TEST(MarkdownReader, VenueAndYearHeadingsApplyToItemsThatNameNone) {
    const ReadResult result = read_markdown(
        "# Papers by venue\n"
        "## Papers\n"
        "### OSDI\n"
        "#### 2020\n"
        "1. **KungFu** ![](https://img.shields.io/badge/Training-red)\n"
        "2. **Own venue** SOSP 2019 ![](https://img.shields.io/badge/Graph-red)\n"
        "### ASPLOS\n"
        "#### 2018\n"
        "1. **Eighteen** ![](https://img.shields.io/badge/Hardware-green)\n"
        "### 2019\n"  // a year heading at the venue's level: still ASPLOS
        "1. **Nineteen** ![](https://img.shields.io/badge/Hardware-green)\n"
        "### SysML\n"
        "#### 2018 (Session only)\n"
        "1. **Session** ![](https://img.shields.io/badge/Compiler-green)\n"
        "### OSDI 2021\n"
        "1. **Both in one** ![](https://img.shields.io/badge/Data-green)\n");
    EXPECT_TRUE(result.problems.empty());
    std::vector<std::string> summary;
    for (const ReadRecord& r : result.records) {
        summary.push_back(r.paper.title + "|" + r.paper.venue + "|" + std::to_string(r.paper.year.value_or(0)) + "|" +
                          text::join(r.paper.categories, ";"));
    }
    EXPECT_EQ(summary,
              (Strings{"KungFu|OSDI|2020|Papers by venue/Training", "Own venue|SOSP|2019|Papers by venue/Graph",
                       "Eighteen|ASPLOS|2018|Papers by venue/Hardware", "Nineteen|ASPLOS|2019|Papers by venue/Hardware",
                       "Session|MLSys|2018|Papers by venue/Compiler", "Both in one|OSDI|2021|Papers by venue/Data"}));
}

TEST(MarkdownReader, BoldLinesAreSubCategoriesAndLabelsBadgesNicknamesKeywords) {
    const ReadResult result = read_markdown(
        "## Data Processing\n"
        "**Fetch stalls (I/O)**\n"
        "- [Survey :mag:] [SC'21] Clairvoyant Prefetching (`CP`)\n"
        "## Others\n"
        "- [ICPP'22] Lobster\n");
    ASSERT_EQ(result.records.size(), 2u);
    // A list without a '#' title has no root; a slash in a heading separates levels.
    EXPECT_EQ(result.records[0].paper.categories, Strings{"Data Processing/Fetch stalls (I/O)"});
    EXPECT_EQ(result.records[0].paper.keywords, (Strings{"Survey", "CP"}));
    EXPECT_EQ(result.records[1].paper.categories, Strings{"Others"});
}

TEST(MarkdownReader, LookAlikesOfTheSeparatorInAHeadingAreTheSeparator) {
    const ReadResult result = read_markdown(
        "# List\n"
        "## Data \u2215 Storage\n"
        "**Fetch stalls (I\u2044O)**\n"
        "- [SC'21] Clairvoyant Prefetching\n"
        "### Formats\uFF0FCodecs\n"
        "- [SC'21] Lobster\n");
    ASSERT_EQ(result.records.size(), 2u);
    EXPECT_EQ(result.records[0].paper.categories, Strings{"List/Data/Storage/Fetch stalls (I/O)"});
    EXPECT_EQ(result.records[1].paper.categories, Strings{"List/Data/Storage/Formats/Codecs"});
}

TEST(MarkdownReader, APaperIsFiledUnderEachOfItsBadgesAndNotUnderTheTitleAlone) {
    const ReadResult result = read_markdown(
        "# Badge list\n"
        "## Papers\n"
        "### OSDI\n"
        "#### 2020\n"
        "1. **KungFu** ![](https://img.shields.io/badge/Training-red) ![](https://img.shields.io/badge/AutoML-blue)\n"
        "2. **Plain** OSDI 2020\n"
        "- Unfiled (OSDI'20)\n");
    ASSERT_EQ(result.records.size(), 3u);
    EXPECT_EQ(result.records[0].paper.categories, (Strings{"Badge list/Training", "Badge list/AutoML"}));
    EXPECT_EQ(result.records[1].paper.categories, Strings{});
    EXPECT_EQ(result.records[2].paper.categories, Strings{});
}

TEST(MarkdownReader, MergesAPaperListedTwice) {
    const ReadResult result = read_markdown(
        "## Caching\n"
        "- [EuroSys'23] SiloD: Caching and Scheduling [also in [2.1](#21)]\n"
        "## Scheduling\n"
        "- [EuroSys'23] [SiloD: caching and scheduling](https://silod) [also in [1.2](#12)]\n");
    EXPECT_TRUE(result.problems.empty());
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(
        json_of(result.records[0]),
        R"({"id":"eurosys23-silod-caching-and-scheduling","title":"SiloD: Caching and Scheduling","venue":"EuroSys",)"
        R"("year":2023,"category":["Caching","Scheduling"],"url":"https://silod"})");
}

TEST(MarkdownReader, IdsSurviveEditsThatKeepVenueYearAndTitle) {
    const ReadResult before = read_markdown("## A\n- Ray: Framework (OSDI'18)\n- Clipper (NSDI'17)\n");
    const ReadResult after = read_markdown(
        "## B\n- [Clipper](https://clipper.ai) (NSDI\u201917)\n## C\n- ray:   framework (osdi'18)\n- New one "
        "(SOSP'19)\n");
    ASSERT_EQ(before.records.size(), 2u);
    ASSERT_EQ(after.records.size(), 3u);
    EXPECT_EQ(after.records[1].paper.id, before.records[0].paper.id);
    EXPECT_EQ(after.records[0].paper.id, before.records[1].paper.id);
}

TEST(MarkdownReader, ReportsBadItemsByLine) {
    const ReadResult result = read_markdown(
        "# List\n"
        "1. **Bit-Tactical** ASPLOS 20189 ![](https://img.shields.io/badge/Hardware-green)\n"
        "- [OSDI'22]\n"
        "- Good (ATC'18)\n"
        "- Bad \xff bytes (ATC'18)\n");
    EXPECT_EQ(messages(result.problems),
              (Strings{"list.md:2: year: \"20189\" is not a year (in \"ASPLOS 20189\")",
                       "list.md:3: title: a paper item without a title", "list.md:5: invalid UTF-8 in a list item"}));
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.records[0].paper.title, "Good");
}

TEST(MarkdownReader, ReportsABrokenHeadingButReadsItsPapers) {
    const ReadResult result = read_markdown("# T\n## Bro\xc3ken\n- Paper (OSDI'18)\n");
    EXPECT_EQ(messages(result.problems), Strings{"list.md:2: category: invalid UTF-8 at byte 4"});
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.records[0].paper.categories, Strings{"T/Broken"});
}

TEST(MarkdownReader, AListWithoutPapersReadsNothing) {
    const ReadResult result = read_markdown("# Notes\n\n- a [link](https://x)\n- **Note:** text with 835 in it\n");
    EXPECT_TRUE(result.records.empty());
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(messages(result.unread), (Strings{"list.md:3: not a paper item", "list.md:4: not a paper item"}));
}

// Items that are no paper are reported unless they plainly are none: contents, badge legends,
// blank items. They are notes, not problems.
TEST(MarkdownReader, ReportsItemsItDoesNotReadByLine) {
    const ReadResult result = read_markdown(
        "# List\n"                                                      // 1
        "- [Training](#training)\n"                                     // 2 contents
        "  - [Data parallel](#data-parallel) \u00b7 [Other](#other)\n"  // 3 contents
        "- ![](https://img.shields.io/badge/Training-red) Training\n"   // 4 a badge legend
        "## Training\n"                                                 // 5
        "- A Paper (OSDI'18)\n"                                         // 6 a paper
        "  - its slides: [link](https://example.org/slides)\n"          // 7 reported
        "- \n"                                                          // 8 blank
        "- A remark in prose\n"                                         // 9 reported
        "<!-- - commented out -->\n");                                  // 10 a comment
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(messages(result.unread), (Strings{"list.md:7: not a paper item", "list.md:9: not a paper item"}));
}

TEST(MarkdownItems, PlainlyNotAPaper) {
    const auto item = [](const std::string& text) {
        MarkdownItem parsed;
        parsed.text = text;
        return plainly_not_a_paper(parsed);
    };
    EXPECT_TRUE(item(""));
    EXPECT_TRUE(item("  "));
    EXPECT_TRUE(item("[Inference](#inference)"));
    EXPECT_TRUE(item("[A](#a) | [B](#b), [C](#c)"));
    EXPECT_TRUE(item("![](https://img.shields.io/badge/Data-ff69b4) Data management"));
    EXPECT_TRUE(item("![logo](logo.png)"));
    EXPECT_TRUE(item("<!-- hidden -->"));
    EXPECT_FALSE(item("[Inference](#inference) and more"));
    EXPECT_FALSE(item("[A paper](https://example.org/paper)"));
    EXPECT_FALSE(item("A remark in prose"));
    EXPECT_FALSE(item("\u8bad\u7ec3"));  // words in another script are text
}

// --- input of any size ---------------------------------------------------------------------------
// std::regex matched recursively, one stack frame per character: a list item of 30,000
// characters overflowed the stack. The readers now scan in linear time.

TEST(MarkdownReaderLimits, AListItemOfAHundredThousandCharactersIsNotAPaperItem) {
    const ReadResult result = read_markdown("# List\n\n- " + std::string(100000, 'a') + "\n");
    EXPECT_TRUE(result.records.empty());
    EXPECT_EQ(messages(result.unread), Strings{"list.md:3: not a paper item"});
}

TEST(MarkdownReaderLimits, LongRunsOfBracketsLinksAndBadgesAreRead) {
    std::string open_links;
    for (int i = 0; i < 25000; ++i) open_links += "[x](";
    std::string images;
    for (int i = 0; i < 20000; ++i) images += "![](a)";
    const ReadResult result = read_markdown("# List\n\n- " + open_links + "\n- **Ray** OSDI 2018 " + images + "\n- " +
                                            std::string(100000, '[') + "\n");
    // Line 5, brackets alone, is punctuation like a table of contents' separators: plainly no paper.
    EXPECT_EQ(messages(result.unread), Strings{"list.md:3: not a paper item"});
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.records.front().paper.title, "Ray");
    EXPECT_EQ(result.records.front().paper.year, 2018);
}

// Read whole, without a crash, as a paper's title, which is then too long (docs/limits.md).
TEST(MarkdownReaderLimits, AParagraphOfAMillionCharactersIsATitleTooLong) {
    const std::string title(1000000, 'b');
    const ReadResult result = read_markdown("# List\n\n- " + title + " (OSDI'16)\n");
    EXPECT_TRUE(result.unread.empty());
    EXPECT_TRUE(result.records.empty());
    EXPECT_EQ(messages(result.problems),
              Strings{"list.md:3: title: too long: 1000000 bytes, at most 2000 (docs/limits.md)"});
    const ReadResult longest = read_markdown("# List\n\n- " + std::string(2000, 'b') + " (OSDI'16)\n");
    ASSERT_EQ(longest.records.size(), 1u);
    EXPECT_EQ(longest.records.front().paper.title, std::string(2000, 'b'));
    EXPECT_EQ(longest.records.front().paper.venue, "OSDI");
}

TEST(MarkdownInline, LinksAndImagesAreFoundAsBefore) {
    EXPECT_EQ(inline_text("[a [b](c) d"), "a [b d");  // a label runs to the first ']'
    EXPECT_EQ(inline_text("![](![](x) [y](z)"), "y");
    EXPECT_EQ(inline_text("[a](b [c](d)"), "a");  // a target runs to the first ')'
    EXPECT_EQ(inline_text("[a] (b) [c](d) ![e](f"), "[a] (b) c ![e](f");
}

// --- the real lists ---------------------------------------------------------------------------

const std::string kCorpora = mlsys::testing::source_dir() + "/../shared/corpora/";
const std::string kSeedTitle = "Machine Learning System Research after TensorFlow";

// ../shared/seed/mlsys-list.md, the list data/papers.jsonl was made from: the same 32 papers,
// in the same order, with the same titles, venues, years and categories (the ids differ; the
// list's categories are rooted at its title, the bundled file's are not).
TEST(MarkdownReaderCorpus, SeedListGivesTheBundledPapers) {
    const ReadResult seed = read_markdown_file(mlsys::testing::source_dir() + "/../shared/seed/mlsys-list.md");
    EXPECT_TRUE(seed.problems.empty());
    EXPECT_TRUE(seed.unread.empty());
    std::ifstream bundled_in(mlsys::testing::bundled_papers());
    const ReadResult bundled = PapersJsonlReader(VenueAliases::bundled()).read(bundled_in, "papers.jsonl");
    ASSERT_EQ(seed.records.size(), 32u);
    ASSERT_EQ(bundled.records.size(), 32u);
    for (std::size_t i = 0; i < 32; ++i) {
        const Paper& from_list = seed.records[i].paper;
        const Paper& expected = bundled.records[i].paper;
        EXPECT_EQ(from_list.title, expected.title) << i;
        EXPECT_EQ(from_list.venue, expected.venue) << expected.title;
        EXPECT_EQ(from_list.year, expected.year) << expected.title;
        ASSERT_EQ(expected.categories.size(), 1u) << expected.title;
        EXPECT_EQ(from_list.categories, Strings{kSeedTitle + "/" + expected.categories[0]}) << expected.title;
    }
    EXPECT_EQ(json_at_line(seed, 15),
              R"({"id":"osdi18-ray-a-distributed-framework-for-emerging-ai-c9793498",)"
              R"("title":"Ray: A Distributed Framework for Emerging AI Applications","venue":"OSDI","year":2018,)"
              R"("category":["Machine Learning System Research after TensorFlow/Deep learning/Training"]})");
}

// hsword-awesome-ml-system-papers.md: 573 numbered entries ("N. **Title** …"); one, line 497,
// has the year "20189" and is skipped; no entry is listed twice, so 572 papers are read.
// Counted independently: `grep -cE '^\s*[0-9]+\.\s+\*\*' <file>` gives 573, and a Python
// script (regexes over the raw lines, entry years checked against the year headings) found the
// one broken year and 572 distinct (venue, year, title) keys. Per venue the 572 match the
// corpora README (ASPLOS 23 + the broken one = 24); per year they match the #### headings.
TEST(MarkdownReaderCorpus, HswordList) {
    const ReadResult result = read_markdown_file(kCorpora + "hsword-awesome-ml-system-papers.md");
    EXPECT_EQ(result.records.size(), 572u);
    EXPECT_TRUE(result.unread.empty());  // its other items are contents and badge legends
    ASSERT_EQ(messages(result.problems),
              Strings{kCorpora +
                      "hsword-awesome-ml-system-papers.md:497: year: \"20189\" is not a year (in \"ASPLOS 20189\")"});
    std::map<std::string, int> venues;
    std::map<int, int> years;
    for (const ReadRecord& r : result.records) ++venues[r.paper.venue], ++years[r.paper.year.value_or(0)];
    EXPECT_EQ(venues,
              (std::map<std::string, int>{{"ASPLOS", 23}, {"ATC", 26},  {"EuroSys", 20}, {"HPCA", 23},  {"ICDE", 25},
                                          {"INFOCOM", 6}, {"ISCA", 55}, {"KDD", 32},     {"MICRO", 36}, {"MLSys", 124},
                                          {"NSDI", 10},   {"OSDI", 26}, {"PPoPP", 24},   {"SC", 46},    {"SIGCOMM", 7},
                                          {"SIGMOD", 37}, {"SOSP", 14}, {"SoCC", 16},    {"VLDB", 21},  {"WWW", 1}}));
    EXPECT_EQ(years, (std::map<int, int>{{2016, 19}, {2017, 49}, {2018, 73}, {2019, 113}, {2020, 137}, {2021, 181}}));

    EXPECT_EQ(
        json_at_line(result, 73),
        R"({"id":"osdi16-tensorflow-a-system-for-large-scale-machine-95d8a414",)"
        R"("title":"TensorFlow: A System for Large-Scale Machine Learning","authors":["Martín Abadi","Paul Barham",)"
        R"("Jianmin Chen","Zhifeng Chen","Andy Davis","Jeffrey Dean","Matthieu Devin","Sanjay Ghemawat",)"
        R"("Geoffrey Irving","Michael Isard","Manjunath Kudlur","Josh Levenberg","Rajat Monga","Sherry Moore",)"
        R"("Derek Gordon Murray","Benoit Steiner","Paul A. Tucker","Vijay Vasudevan","Pete Warden","Martin Wicke",)"
        R"("Yuan Yu","Xiaoqiang Zheng"],"venue":"OSDI","year":2016,)"
        R"("category":["Awesome-Machine-Learning-System-Papers/Training"],"keywords":["Training"],)"
        R"("code":"https://github.com/tensorflow/tensorflow"})");
    // No venue in the entry: OSDI and 2020 come from "### OSDI" and "#### 2020".
    EXPECT_EQ(json_at_line(result, 163),
              R"({"id":"osdi20-kungfu-making-training-in-distributed-machine-213dc866",)"
              R"("title":"KungFu: Making Training in Distributed Machine Learning Adaptive","authors":["Luo Mai",)"
              R"("Guo Li","Marcel Wagenländer","Konstantinos Fertakis","Andrei-Octavian Brabete","Peter R. Pietzuch"],)"
              R"("venue":"OSDI","year":2020,"category":["Awesome-Machine-Learning-System-Papers/Training",)"
              R"("Awesome-Machine-Learning-System-Papers/AutoML"],"keywords":["Training","AutoML"]})");
    // Under "### 2019" inside the ASPLOS section.
    EXPECT_EQ(
        json_at_line(result, 489),
        R"({"id":"asplos19-puma-a-programmable-ultra-efficient-memristor-bcd03d59",)"
        R"("title":"PUMA: A Programmable Ultra-efficient Memristor-based Accelerator for Machine Learning Inference",)"
        R"("authors":["Aayush Ankit","Izzat El Hajj","Sai Rahul Chalamalasetti","Geoffrey Ndu","Martin Foltin",)"
        R"("R. Stanley Williams","Paolo Faraboschi","Wen-mei W. Hwu","John Paul Strachan","Kaushik Roy",)"
        R"("Dejan S. Milojicic"],"venue":"ASPLOS","year":2019,"category":["Awesome-Machine-Learning-System-Papers/Inference",)"
        R"("Awesome-Machine-Learning-System-Papers/Hardware"],"keywords":["Inference","Hardware"]})");
    // The author line follows without a blank line; "SysML 2021 D" keeps its stray "D" as a note.
    EXPECT_EQ(json_at_line(result, 273),
              R"({"id":"sosp21-generating-complex-realistic-cloud-workloads-eb17e490",)"
              R"("title":"Generating Complex, Realistic Cloud Workloads using Recurrent Neural Networks",)"
              R"("authors":["Shane Bergsma","Timothy Zeyl","Arik Senderovich","J. Christopher Beck"],"venue":"SOSP",)"
              R"("year":2021,"category":["Awesome-Machine-Learning-System-Papers/Resource"],"keywords":["Resource"]})");
    EXPECT_EQ(json_at_line(result, 2097),
              R"({"id":"mlsys21-tt-rec-tensor-train-compression-for-deep-a559c8d5",)"
              R"("title":"TT-Rec: Tensor Train Compression for Deep Learning Recommendation Models",)"
              R"("authors":["Chunxing Yin","Bilge Acun","Carole-Jean Wu","Xing Liu"],"venue":"MLSys","year":2021,)"
              R"("code":"https://github.com/facebookresearch/FBTT-Embedding","venue_note":"D"})");
}

// byungsoo-oh-ml-systems-papers.md: 1,784 list items of the tag shape ("- [VENUE'YY] …",
// "- [Survey :mag:] [arxiv, 2022] …", nested "  - [arxiv'23] …"; tags without a year count only
// with a linked title). 132 of them list a paper already listed (same venue, year and title,
// e.g. SiloD under caching and under scheduling), which leaves 1,652 papers; none is bad.
// Counted independently with a Python script over the raw lines (its own regexes, titles
// compared as lower-case word lists): 1784 items, 1652 distinct keys, the same key set as the
// reader's. The corpora README's "1,826 items" counts every "- [" line, tables of contents and
// "[arxiv version](…)" links included.
TEST(MarkdownReaderCorpus, ByungsooList) {
    const ReadResult result = read_markdown_file(kCorpora + "byungsoo-oh-ml-systems-papers.md");
    ASSERT_EQ(result.records.size(), 1652u);  // the lines below index into what was read
    EXPECT_TRUE(result.problems.empty()) << messages(result.problems)[0];
    // The items it does not read: notes under a paper ("[arxiv version](…)", "slides: [link](…)",
    // "extended version of Galvatron (VLDB'23)", "Journal version of [IPDPS'23] …") and the
    // links to other lists at the end. Its 37 other non-paper items are contents.
    std::vector<std::size_t> unread_lines;
    for (const Problem& line : result.unread) unread_lines.push_back(line.where.line);
    EXPECT_EQ(unread_lines, (std::vector<std::size_t>{81, 351, 352, 355, 428, 470, 1055, 1277, 1295, 1417, 1525, 1958,
                                                      1959, 1960, 1961, 1962, 1963}));
    EXPECT_EQ(messages(result.unread)[0], kCorpora + "byungsoo-oh-ml-systems-papers.md:81: not a paper item");

    EXPECT_EQ(json_at_line(result, 56),
              R"({"id":"arxiv25-scalable-and-performant-data-loading","title":"Scalable and Performant Data Loading",)"
              R"("venue":"arXiv","year":2025,"category":[")"
              R"(Paper List for Machine Learning Systems/Data Processing/Data pipeline optimization/General"],)"
              R"("url":"https://arxiv.org/abs/2504.20067"})");
    // Listed again at line 98, its link title broken over two lines.
    EXPECT_EQ(
        json_at_line(result, 77),
        R"({"id":"recsys23-intune-reinforcement-learning-based-data-83cedd27",)"
        R"("title":"InTune: Reinforcement Learning-based Data Pipeline Optimization for Deep Recommendation Models",)"
        R"("venue":"RecSys","year":2023,"category":[)"
        R"("Paper List for Machine Learning Systems/Data Processing/Data pipeline optimization/Preprocessing stalls",)"
        R"j("Paper List for Machine Learning Systems/Data Processing/Data pipeline optimization/Specific workloads (GNN, DLRM)"],)j"
        R"("url":"https://arxiv.org/abs/2308.08500"})");
    EXPECT_EQ(json_at_line(result, 177),
              R"({"id":"csur23-deep-learning-workload-scheduling-in-gpu-c510487c",)"
              R"("title":"Deep Learning Workload Scheduling in GPU Datacenters: A Survey","venue":"CSUR","year":2023,)"
              R"("category":["Paper List for Machine Learning Systems/Training System/Resource scheduling"],)"
              R"("url":"https://dl.acm.org/doi/10.1145/3638757",)"
              R"("keywords":["Survey"]})");
    EXPECT_EQ(
        json_at_line(result, 327),  // nested under nnScaler (OSDI'24)
        R"({"id":"arxiv23-superscaler-supporting-flexible-dnn-3d48c906",)"
        R"("title":"SuperScaler: Supporting Flexible DNN Parallelization via a Unified Abstraction","venue":"arXiv",)"
        R"("year":2023,"category":["Paper List for Machine Learning Systems/Training System/Distributed training"],)"
        R"("url":"https://arxiv.org/abs/2301.08984"})");
    EXPECT_EQ(
        json_at_line(result, 457),
        R"({"id":"sc21-efficient-large-scale-language-model-training-on-5c89edbf",)"
        R"("title":"Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM","venue":"SC",)"
        R"("year":2021,"category":["Paper List for Machine Learning Systems/Training System/Distributed training"],)"
        R"("keywords":["PTD-P or Megatron-LM v2"]})");
    EXPECT_EQ(
        json_at_line(result, 735),
        R"({"id":"icml25-sageattention2-efficient-attention-with-thorough-67f4f029",)"
        R"("title":"SageAttention2: Efficient Attention with Thorough Outlier Smoothing and Per-thread INT4 Quantization",)"
        R"("venue":"ICML","year":2025,"category":["Paper List for Machine Learning Systems/Inference System"],"url":"https://arxiv.org/abs/2411.10958",)"
        R"("code":"https://github.com/thu-ml/SageAttention"})");
    EXPECT_EQ(
        json_at_line(result, 842),
        R"({"id":"ppopp24-poster-llm-pq-serving-llm-on-heterogeneous-c592c283",)"
        R"("title":"POSTER: LLM-PQ:Serving LLM on Heterogeneous Clusters with Phase-Aware Partition and Adaptive Quantization",)"
        R"("venue":"PPoPP","year":2024,"category":["Paper List for Machine Learning Systems/Inference System"],)"
        R"("url":"https://dl.acm.org/doi/abs/10.1145/3627535.3638480","venue_note":"poster"})");
    // No year in the tag: none is invented.
    EXPECT_EQ(
        json_at_line(result, 1871),
        R"({"id":"usenixlogin-wafer-scale-ai-compute-a-system-software-5269c51b",)"
        R"("title":"Wafer-Scale AI Compute: A System Software Perspective","venue":"USENIX ;login:",)"
        R"("category":["Paper List for Machine Learning Systems/Others"],)"
        R"("url":"https://www.usenix.org/publications/loginonline/wafer-scale-ai-compute-system-software-perspective"})");
}

// The corpora README is prose with bullets, not a list of papers.
TEST(MarkdownReaderCorpus, ReadmeHasNoPapers) {
    const ReadResult result = read_markdown_file(kCorpora + "README.md");
    EXPECT_TRUE(result.records.empty());
    EXPECT_TRUE(result.problems.empty());
    std::vector<std::size_t> unread_lines;  // its bullets of prose, each reported
    for (const Problem& line : result.unread) unread_lines.push_back(line.where.line);
    EXPECT_EQ(unread_lines, (std::vector<std::size_t>{18, 19, 23, 24, 27, 30, 40, 44, 45, 52, 54, 60, 61}));
}

}  // namespace
}  // namespace mlsys::indexer
