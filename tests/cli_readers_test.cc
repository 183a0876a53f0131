// End-to-end tests of mlsys-index on Markdown lists, BibTeX and CSV: the real binary on the
// seed list and every file of ../shared/corpora, one by one and all together, then
// mlsys-query's facets over the result.
#include "test_support.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

namespace mlsys::testing {
namespace {

namespace fs = std::filesystem;

const std::string kCorpora = source_dir() + "/../shared/corpora/";
const std::string kSeedList = source_dir() + "/../shared/seed/mlsys-list.md";
const std::string kHsword = kCorpora + "hsword-awesome-ml-system-papers.md";
const std::string kByungsoo = kCorpora + "byungsoo-oh-ml-systems-papers.md";
const std::string kBibtex = kCorpora + "openmlsys-mlsys.bib";
const std::string kCsv = kCorpora + "mlsys-seed-papers-s2.csv";

// The counts part of the summary line, without the timing.
std::string counts(const CommandResult& result) {
    const std::size_t end = result.out.find(" papers in the index");
    const std::size_t start = result.out.find(": ");
    if (start == std::string::npos || end == std::string::npos) return "no summary in: " + result.out + result.err;
    return result.out.substr(start + 2, end - start - 2);
}

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

class ReadersCommand : public ::testing::Test {
  protected:
    CommandResult index(std::vector<std::string> args) const {
        std::vector<std::string> argv{index_binary(), "--db", db};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_command(argv);
    }

    nlohmann::json query_json(std::vector<std::string> args) const {
        std::vector<std::string> argv{query_binary(), "--db", db, "--format", "json"};
        argv.insert(argv.end(), args.begin(), args.end());
        const CommandResult result = run_command(argv);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return nlohmann::json::parse(result.out);
    }

    ScratchDir dir;
    const std::string db = dir / "index/papers";
};

// Counts as the reader tests establish them (see markdown_reader_test, bibtex_reader_test and
// csv_reader_test for how each was counted by hand).
TEST_F(ReadersCommand, IndexesEachListAndSkipsItsBadRecords) {
    const std::vector<std::pair<std::string, std::string>> expected{
        {kSeedList, "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 32"},
        {kHsword, "572 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 1 skipped; 572"},
        // 23 papers the list names twice (e.g. an arXiv entry and its conference version, the
        // same arXiv id or title): `mlsys-index --explain-merges` lists them.
        {kByungsoo, "1629 added, 0 updated, 0 removed, 0 unchanged, 23 merged, 0 skipped, 17 lines not read; 1629"},
        // Two keys for "Egocentric Human Trajectory Forecasting…" (RA-L 2022).
        {kBibtex, "136 added, 0 updated, 0 removed, 0 unchanged, 1 merged, 4 skipped; 136"},
        {kCsv, "431 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 431"}};
    for (const auto& [file, summary] : expected) {
        const std::string own_db = dir / fs::path(file).filename().string();
        const CommandResult result = run_command({index_binary(), "--db", own_db, "--keep-going", file});
        ASSERT_EQ(result.exit_code, 0) << file << "\n" << result.err;
        EXPECT_EQ(counts(result), summary) << file;
    }
}

TEST_F(ReadersCommand, ABadRecordStopsTheRunWithNothingWritten) {
    const CommandResult result = index({kBibtex});
    EXPECT_EQ(result.exit_code, 2);
    for (const std::string& problem :
         {kBibtex + ":232: @misc{rmpygil: expected ',' after the key, got \"author\"",
          kBibtex + ":240: @misc{nvidia_dali: expected ',' after the key, got \"author\"",
          kBibtex + ":248: @misc{minddata: expected ',' after the key, got \"author\"",
          kBibtex + ":810: year: @misc{ML4KP: expected a four-digit year, got \"2021--2021\""}) {
        EXPECT_NE(result.err.find(problem + "\n"), std::string::npos) << problem << "\n" << result.err;
    }
    EXPECT_NE(result.err.find("nothing written"), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(db));

    const CommandResult kept_going = index({"--keep-going", kHsword});
    ASSERT_EQ(kept_going.exit_code, 0) << kept_going.err;
    EXPECT_EQ(kept_going.err,
              "mlsys-index: skipped: " + kHsword + ":497: year: \"20189\" is not a year (in \"ASPLOS 20189\")\n");
}

TEST_F(ReadersCommand, DetectsTheFormatFromContentOrTakesItFromFormat) {
    const std::string no_extension = dir.write_file("seed-list", read_file(kSeedList));
    const CommandResult detected = index({no_extension});
    ASSERT_EQ(detected.exit_code, 0) << detected.err;
    EXPECT_EQ(counts(detected), "32 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 32");

    const std::string txt = dir.write_file("refs.txt", "@article{k, title={T}, journal={Nature}, year={2020}}\n");
    const CommandResult forced = index({"--format", "bibtex", txt});
    ASSERT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(counts(forced), "1 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 33");

    const CommandResult unknown = index({"--format", "docx", txt});
    EXPECT_EQ(unknown.exit_code, 1);

    const std::string notes = dir.write_file("notes.txt", "Papers I should read\n");
    const CommandResult undetected = index({notes});
    EXPECT_EQ(undetected.exit_code, 2);
    EXPECT_NE(undetected.err.find(notes + ": cannot tell the format"), std::string::npos) << undetected.err;
    EXPECT_EQ(undetected.err.find("invalid JSON"), std::string::npos) << undetected.err;
}

// A paper the index holds is found again by its title (any case) and year: moving it to another
// section, giving it a link, changing the case of its title or its year by one updates it in place
// under its id. The 27 papers after it (from line 16) move up a line: their sources change too.
TEST_F(ReadersCommand, ReindexingAnEditedListUpdatesRatherThanDuplicates) {
    const std::string copy = dir.write_file("list.md", read_file(kSeedList));
    ASSERT_EQ(index({copy}).exit_code, 0);
    std::string list = read_file(kSeedList);
    const std::string ray = "- Ray: A Distributed Framework for Emerging AI Applications (OSDI\u201918)\n";
    ASSERT_NE(list.find(ray), std::string::npos);
    list.erase(list.find(ray), ray.size());
    list +=
        "\n## Moved here\n\n- [Ray: a distributed framework for emerging AI applications](https://ray.io) (OSDI'19)\n";
    const CommandResult result = index({dir.write_file("list.md", list)});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "0 added, 28 updated, 0 removed, 4 unchanged, 0 merged, 0 skipped; 32");
    const nlohmann::json found = query_json({"--category", "Moved here"});
    ASSERT_EQ(found["total"], 1);
    EXPECT_EQ(found["results"][0]["id"], "osdi18-ray");
    EXPECT_EQ(found["results"][0]["year"], 2019);
    EXPECT_EQ(found["results"][0]["url"], "https://ray.io");
}

// A list written for the test: "Inference" at two depths and in two cases, a paper filed in
// two sections, a heading with U+2215 for its slash, one with an abbreviation in brackets.
const char* const kReadingList =
    "# Our Reading List\n"
    "## Serving\n"
    "### Inference\n"
    "- Clipper: Low-Latency Serving (NSDI'17)\n"
    "#### Batching\n"
    "- Cellular Batching (EuroSys'18)\n"
    "## Hardware\n"
    "### Accelerators\n"
    "#### INFERENCE\n"
    "- EIE: Efficient Inference Engine (ISCA'16)\n"
    "## Training\n"
    "- PipeDream: Pipeline Parallelism (SOSP'19)\n"
    "### Inference-aware training\n"
    "- Clipper: Low-Latency Serving (NSDI'17)\n"
    "## Data \u2215 Storage\n"
    "- Quiver: Informed Storage Cache (ATC'20)\n"
    "## Mixture of Experts (MoE)\n"
    "- Tutel: Adaptive Mixture-of-Experts at Scale (MLSys'23)\n";

class ReadingList : public ReadersCommand {
  protected:
    void SetUp() override {
        const CommandResult result = index({dir.write_file("reading-list.md", kReadingList)});
        ASSERT_EQ(result.exit_code, 0) << result.err;
        ASSERT_EQ(counts(result), "6 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 6");
    }

    // The titles a category filter finds, in title order.
    std::set<std::string> titles_in(const std::string& category) const {
        std::set<std::string> titles;
        const nlohmann::json found = query_json({"--category", category, "--no-facets"});
        for (const auto& hit : found["results"]) {
            titles.insert(hit["title"].get<std::string>());
        }
        return titles;
    }
};

using Titles = std::set<std::string>;

TEST_F(ReadingList, APaperFiledInTwoSectionsKeepsBothUnderTheListsTitle) {
    const nlohmann::json found = query_json({"--category", "batching", "--no-facets"});
    ASSERT_EQ(found["total"], 1);
    EXPECT_EQ(found["results"][0]["category"], nlohmann::json::array({"Our Reading List/Serving/Inference/Batching"}));
    const nlohmann::json clipper = query_json({"clipper", "--no-facets"});
    ASSERT_EQ(clipper["total"], 1);
    EXPECT_EQ(clipper["results"][0]["category"],
              nlohmann::json::array(
                  {"Our Reading List/Serving/Inference", "Our Reading List/Training/Inference-aware training"}));
    EXPECT_FALSE(clipper["results"][0].contains("other_categories"));
    EXPECT_EQ(titles_in("training"), (Titles{"Clipper: Low-Latency Serving", "PipeDream: Pipeline Parallelism"}));
}

TEST_F(ReadingList, ACategoryNameMatchesAtAnyLevelInAnyCaseWithWhatIsBelowIt) {
    const Titles inference{"Cellular Batching", "Clipper: Low-Latency Serving", "EIE: Efficient Inference Engine"};
    EXPECT_EQ(titles_in("inference"), inference);  // not "Inference-aware training": whole names
    EXPECT_EQ(titles_in("INFERENCE"), inference);
    EXPECT_EQ(titles_in("serving/inference"), (Titles{"Cellular Batching", "Clipper: Low-Latency Serving"}));
    EXPECT_EQ(titles_in("accelerators/Inference"), Titles{"EIE: Efficient Inference Engine"});
    EXPECT_EQ(titles_in("our reading list/inference"), Titles{});              // a run of levels, none skipped
    EXPECT_EQ(query_json({"category:inference", "--no-facets"})["total"], 3);  // the query syntax agrees
    const Titles tutel{"Tutel: Adaptive Mixture-of-Experts at Scale"};
    EXPECT_EQ(titles_in("mixture of experts"), tutel);  // the name without its bracket
    EXPECT_EQ(titles_in("MIXTURE OF EXPERTS (MOE)"), tutel);
    EXPECT_EQ(titles_in("mixture"), Titles{});
}

TEST_F(ReadingList, TheSeparatorsLookAlikeInAHeadingIsTheSeparator) {
    const nlohmann::json found = query_json({"--category", "data/storage", "--no-facets"});
    ASSERT_EQ(found["total"], 1);
    EXPECT_EQ(found["results"][0]["category"], nlohmann::json::array({"Our Reading List/Data/Storage"}));
    EXPECT_EQ(titles_in("Data \u2215 Storage"), Titles{"Quiver: Informed Storage Cache"});
}

// Each path counts with its ancestors, a paper once per path even when filed twice under it
// (Clipper counts once for the list), as an indented tree in text and with depths in JSON;
// siblings by count, then name.
TEST_F(ReadingList, TheCategoryFacetIsATree) {
    const char* const tree =
        "category:\n"
        "  Our Reading List (6)\n"
        "    Serving (2)\n"
        "      Inference (2)\n"
        "        Batching (1)\n"
        "    Training (2)\n"
        "      Inference-aware training (1)\n"
        "    Data (1)\n"
        "      Storage (1)\n"
        "    Hardware (1)\n"
        "      Accelerators (1)\n"
        "        INFERENCE (1)\n"
        "    Mixture of Experts (MoE) (1)\n";
    const CommandResult text = run_command({query_binary(), "--db", db, "--limit", "0", "--facets", "category"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(text.out, std::string("6 papers\n\n") + tree);
    // Filtered on a category, the facet still shows every category (disjunctive).
    const CommandResult filtered =
        run_command({query_binary(), "--db", db, "--limit", "0", "--facets", "category", "--category", "inference"});
    EXPECT_EQ(filtered.out, std::string("3 papers\n\n") + tree);

    std::vector<std::string> json_tree;
    const nlohmann::json response = query_json({"--limit", "0", "--facets", "category"});
    for (const auto& entry : response["facets"]["category"]) {
        json_tree.push_back(entry["depth"].dump() + " " + entry["value"].get<std::string>() + " " +
                            entry["count"].dump());
    }
    EXPECT_EQ(json_tree,
              (std::vector<std::string>{
                  "0 Our Reading List 6", "1 Our Reading List/Serving 2", "2 Our Reading List/Serving/Inference 2",
                  "3 Our Reading List/Serving/Inference/Batching 1", "1 Our Reading List/Training 2",
                  "2 Our Reading List/Training/Inference-aware training 1", "1 Our Reading List/Data 1",
                  "2 Our Reading List/Data/Storage 1", "1 Our Reading List/Hardware 1",
                  "2 Our Reading List/Hardware/Accelerators 1", "3 Our Reading List/Hardware/Accelerators/INFERENCE 1",
                  "1 Our Reading List/Mixture of Experts (MoE) 1"}));
}

// All five files in one index. 32 + 572 + 1652 + 137 + 431 = 2824 records read, 5 of them bad;
// 289 records are a paper another record already is (same DOI, arXiv or Semantic Scholar id, or
// the same title a year apart: `--explain-merges` lists them), so 2535 papers, none skipped as a
// duplicate, and no title twice.
TEST_F(ReadersCommand, IndexesEverythingTogetherAndTheFacetsAddUp) {
    const CommandResult result = index({"--rebuild", "--keep-going", kSeedList, kHsword, kByungsoo, kBibtex, kCsv});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result),
              "2535 added, 0 updated, 0 removed, 0 unchanged, 289 merged, 5 skipped, 17 lines not read; 2535");
    EXPECT_EQ(count_of(result.err, "skipped: "), 5u);
    EXPECT_EQ(count_of(result.err, "duplicate id"), 0u);
    // One title at one venue two years apart, one record without authors: one paper.
    EXPECT_EQ(query_json({"--no-facets", "title:\"snorkel rapid training data creation\""})["total"], 1);

    const nlohmann::json all = query_json({"--limit", "0"});
    EXPECT_EQ(all["total"], 2535);
    const auto top = [&](const char* facet, std::size_t n) {
        std::vector<std::string> values;
        for (const auto& entry : all["facets"][facet]) {
            if (values.size() == n) break;
            values.push_back(entry["value"].dump() + "=" + entry["count"].dump());
        }
        return values;
    };
    // A paper in two lists counts once: an arXiv preprint merged into its conference paper
    // counts for the conference.
    EXPECT_EQ(top("venue", 6), (std::vector<std::string>{"\"arXiv\"=831", "\"MLSys\"=369", "\"SC\"=77", "\"ISCA\"=76",
                                                         "\"EuroSys\"=71", "\"ASPLOS\"=70"}));
    EXPECT_EQ(top("year", 4), (std::vector<std::string>{"2026=78", "2025=747", "2024=429", "2023=210"}));
    // Each list's taxonomy under its title, the largest first; a paper keeps every path any
    // list files it under.
    EXPECT_EQ(top("category", 4),
              (std::vector<std::string>{
                  "\"Paper List for Machine Learning Systems\"=1629",
                  "\"Paper List for Machine Learning Systems/Inference System\"=361",
                  "\"Paper List for Machine Learning Systems/Training System\"=332",
                  "\"Paper List for Machine Learning Systems/Training System/Distributed training\"=250"}));
    std::vector<std::string> roots;
    for (const auto& entry : all["facets"]["category"]) {
        if (entry["depth"] == 0) roots.push_back(entry["value"].get<std::string>() + "=" + entry["count"].dump());
    }
    // Byungsoo's 1652 less the 23 it names twice, each under a heading; hsword's 572 but one
    // without a badge (TT-Rec); the seed list's 32.
    EXPECT_EQ(roots, (std::vector<std::string>{"Paper List for Machine Learning Systems=1629",
                                               "Awesome-Machine-Learning-System-Papers=571",
                                               "Machine Learning System Research after TensorFlow=32"}));

    // OSDI 2018 is in the seed list (4 papers, also in the hsword list), the BibTeX file (Ray)
    // and the CSV export (Gandiva and PRETZEL): one paper each, under a short id.
    const nlohmann::json osdi18 = query_json({"--venue", "osdi", "--year", "2018", "--limit", "100"});
    std::set<std::string> ids;
    for (const auto& paper : osdi18["results"]) ids.insert(paper["id"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{"osdi18-gandiva", "osdi18-pretzel", "osdi18-ray", "osdi18-tvm"}));
    const nlohmann::json ray = query_json({"id:osdi18-ray"});
    EXPECT_EQ(ray["results"][0]["aliases"], (nlohmann::json{"moritz2018ray"}));
    EXPECT_EQ(ray["results"][0]["sources"].size(), 3u);  // the seed list, hsword's, the BibTeX file
    EXPECT_EQ(query_json({"--category", "Deep learning", "--limit", "0"})["total"], 18);  // the seed list's
    // The hsword list's badges: each is a category now, not only the first. 17 of its ASPLOS
    // papers have a Hardware badge (12 as the first); the two in the seed list keep it too.
    EXPECT_EQ(query_json({"--category", "Hardware", "--venue", "ASPLOS", "--limit", "0"})["total"], 17);
}

// --- venues: every format's venue through the one canonicalisation ------------------------------

// Each format names venues its own way; the index keeps one canonical name for each, and the
// query side reads the same long names.
TEST_F(ReadersCommand, EveryFormatStoresCanonicalVenues) {
    const std::string bib = dir.write_file(
        "venues.bib",
        "@inproceedings{cloudpaper, title = {A Cloud Paper}, year = {2010},\n"
        "  booktitle = {2nd USENIX Workshop on Hot Topics in Cloud Computing (HotCloud 10)}}\n"
        "@article{lowercase, title = {A Journal Paper in Lower Case}, year = {1999}, journal = {Neural computation}}\n"
        "@article{capitals, title = {A Journal Paper in Capitals}, year = {2001}, journal = {Neural Computation}}\n"
        "@article{tkdepaper, title = {A Data Engineering Paper}, year = {2020},\n"
        "  journal = {IEEE Transactions on Knowledge and Data Engineering}}\n");
    const std::string csv =
        dir.write_file("venues.csv",
                       "Paper ID,Title,Venue,Year\n"
                       "s2-workshop,A Workshop Paper,EuroMLSys@EuroSys,2023\n"
                       "s2-osdi,An OS Paper,USENIX Symposium on Operating Systems Design and Implementation,2022\n");
    const std::string md = dir.write_file("venues.md",
                                          "# Venues\n\n"
                                          "- [EdgeSys@EuroSys'21] [An Edge Paper](https://example.org/edge)\n"
                                          "- [IEEE MICRO'25] [A Magazine Paper](https://example.org/micro)\n");
    const std::string jsonl = dir.write_file(
        "venues.jsonl",
        R"({"id": "tpdspaper", "title": "A Parallel Paper", "venue": "IEEE Transactions on Parallel and Distributed Systems", "year": 2019})"
        "\n");
    const CommandResult result = index({bib, csv, md, jsonl});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "9 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 9");

    std::vector<std::string> venues;
    const nlohmann::json counted = query_json({"--limit", "0", "--facets", "venue"});
    for (const auto& entry : counted["facets"]["venue"]) {
        venues.push_back(entry["value"].get<std::string>() + "=" + entry["count"].dump());
    }
    std::sort(venues.begin(), venues.end());
    EXPECT_EQ(venues, (std::vector<std::string>{"EdgeSys=1", "EuroMLSys=1", "HotCloud=1", "IEEE Micro=1",
                                                "Neural Computation=2", "OSDI=1", "TKDE=1", "TPDS=1"}));

    // Each paper by the key its source gave it (an alias: the BibTeX and CSV papers get short
    // ids), or by its chosen id (papers JSONL).
    const auto ids = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--limit", "100"});
        const nlohmann::json response = query_json(args);
        std::set<std::string> found;
        for (const auto& paper : response["results"]) {
            found.insert(paper.contains("aliases") ? paper["aliases"][0] : paper["id"]);
        }
        return found;
    };
    EXPECT_EQ(ids({"--venue", "Hot Topics in Cloud Computing (HotCloud '10)"}), (std::set<std::string>{"cloudpaper"}));
    EXPECT_EQ(ids({"--venue", "IEEE Transactions on Knowledge and Data Engineering"}),
              (std::set<std::string>{"tkdepaper"}));
    EXPECT_EQ(ids({"venue:\"neural computation\""}), (std::set<std::string>{"capitals", "lowercase"}));
    EXPECT_EQ(ids({"--venue", "EuroMLSys@EuroSys"}), (std::set<std::string>{"s2-workshop"}));
    EXPECT_EQ(ids({"--venue", "tpds"}), (std::set<std::string>{"tpdspaper"}));
}

// --- Markdown lines the reader does not understand ------------------------------------------------

TEST_F(ReadersCommand, MarkdownItemsThatAreNoPaperAreReportedAndCounted) {
    const std::string list =
        dir.write_file("list.md",
                       "# A Reading List\n"                                                  // 1
                       "\n"                                                                  // 2
                       "- [Systems](#systems)\n"                                             // 3  contents: no news
                       "- [Systems](#systems) | [Learning](#learning)\n"                     // 4  contents: no news
                       "- ![](https://img.shields.io/badge/Training-red) Training papers\n"  // 5  badge legend: no news
                       "\n"                                                                  // 6
                       "## Systems\n"                                                        // 7
                       "\n"                                                                  // 8
                       "- A Paper With a Venue (OSDI'18)\n"                                  // 9  a paper
                       "- Some remark about the list that names no paper\n"                  // 10 reported
                       "- [OSDI'20] [Another Paper](https://example.org/another)\n"          // 11 a paper
                       "  - a note under it\n"                                               // 12 reported
                       "-   \n");                                                            // 13 blank: no news
    const CommandResult result = index({list});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "2 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped, 2 lines not read; 2");
    EXPECT_EQ(result.err,
              "mlsys-index: " + list + ":10: not a paper item\nmlsys-index: " + list + ":12: not a paper item\n");
}

// --- hostile input: a message and an exit code, never a signal ---------------------------------------

TEST_F(ReadersCommand, AHundredThousandCharacterListItemIsReportedNotACrash) {
    const std::string list =
        dir.write_file("huge.md", "# List\n\n- " + std::string(100000, 'a') + "\n- A Paper (OSDI'18)\n");
    const CommandResult result = index({list});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "mlsys-index: " + list + ":3: not a paper item\n");
    EXPECT_EQ(counts(result), "1 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped, 1 line not read; 1");
}

TEST_F(ReadersCommand, AJsonLineNestedAHundredThousandDeepIsBadInputNotACrash) {
    const std::string nested = std::string(100000, '[') + std::string(100000, ']');
    const std::string papers = dir.write_file("deep.jsonl", "{\"id\": " + nested + "}\n");
    const CommandResult result = index({papers});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.err, "mlsys-index: " + papers +
                              ":1: nesting deeper than 64 levels\n"
                              "mlsys-index: nothing written; the index is unchanged\n");
    EXPECT_FALSE(fs::exists(db));
}

TEST_F(ReadersCommand, PapersJsonlWithAByteOrderMarkIsIndexed) {
    const std::string papers = dir.write_file("papers.jsonl",
                                              "\xEF\xBB\xBF"
                                              R"({"id": "ray", "title": "Ray, a framework", )"
                                              R"("venue": "OSDI", "year": 2018})"
                                              "\n");
    const CommandResult result = index({papers});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(counts(result), "1 added, 0 updated, 0 removed, 0 unchanged, 0 merged, 0 skipped; 1");
}

}  // namespace
}  // namespace mlsys::testing
