// End-to-end tests of one record per paper: the real mlsys-index on lists written here, each
// naming some papers another names too, then mlsys-query on what it made of them.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mlsys::testing {
namespace {

using Json = nlohmann::json;

// Four lists in four formats. Each pair of records marked below is one paper:
//   DOI         the BibTeX entry and the JSONL record (titles worded differently);
//   arXiv id    the Markdown item's link and the BibTeX entry's url;
//   S2 id       the CSV row's id and the JSONL record's Semantic Scholar link;
//   title       the Markdown item (2019) and the CSV row (2018, the preprint year);
// and "Deep Learning" is two papers (other authors).
const char* const kMarkdown =
    "# Our List\n"
    "\n"
    "## Serving\n"
    "- [OSDI'18] [PRETZEL: Opening the Black Box of Machine Learning Prediction Serving "
    "Systems](https://www.usenix.org/conference/osdi18/presentation/lee)\n"
    "- [NeurIPS'19] [GPipe: Efficient Training of Giant Neural Networks](https://arxiv.org/abs/1811.06965)\n"
    "- [SOSP'19] [PipeDream: Generalized Pipeline Parallelism for DNN Training](https://example.org/pipedream)\n";

const char* const kBibtex =
    "@inproceedings{huang2019gpipe,\n"
    "  title = {{GPipe}: Efficient Training of Giant Neural Networks using Pipeline Parallelism},\n"
    "  author = {Huang, Yanping and Cheng, Youlong},\n"
    "  booktitle = {Advances in Neural Information Processing Systems}, year = {2019},\n"
    "  url = {https://arxiv.org/abs/1811.06965v5}}\n"
    "@inproceedings{moritz2018ray,\n"
    "  title = {Ray: A Distributed Framework for Emerging {AI} Applications},\n"
    "  author = {Moritz, Philipp and Nishihara, Robert}, booktitle = {OSDI}, year = {2018},\n"
    "  doi = {10.5555/3291168.3291210}}\n"
    "@article{lecun2015deep, title = {Deep Learning}, author = {LeCun, Yann and Bengio, Yoshua},\n"
    "  journal = {Nature}, year = {2015}}\n"
    "@article{other2015deep, title = {Deep learning}, author = {Other, Ann}, journal = {Nature}, year = {2015}}\n";

const char* const kCsv =
    "Paper ID,Title,Venue,Year,Authors,Abstract\n"
    "3fd7c9ba742dd2b435afa75217847e5087e2f2a8,PipeDream: generalized pipeline parallelism for DNN training,"
    "SOSP,2018,Deepak Narayanan:Aaron Harlap,\"PipeDream adds inter-batch pipelining to intra-batch parallelism.\"\n"
    "0606676f16d581fa453f6b7b8a14fc7c4af8d025,Gandiva,OSDI,2018,Wencong Xiao,\n";

const char* const kJsonl =
    R"({"id": "ray", "title": "Ray: a distributed framework for emerging AI applications", "venue": "OSDI", )"
    R"("year": 2018, "doi": "https://doi.org/10.5555/3291168.3291210"})"
    "\n"
    R"({"id": "gandiva", "title": "Gandiva: Introspective Cluster Scheduling for Deep Learning", "venue": "OSDI", )"
    R"("year": 2018, "url": "https://www.semanticscholar.org/paper/0606676f16d581fa453f6b7b8a14fc7c4af8d025"})"
    "\n";

class CollectionCommand : public ::testing::Test {
  protected:
    ScratchDir dir;
    const std::string db = dir / "index";
    const std::string md = dir.write_file("list.md", kMarkdown);
    const std::string bib = dir.write_file("refs.bib", kBibtex);
    const std::string csv = dir.write_file("export.csv", kCsv);
    const std::string jsonl = dir.write_file("papers.jsonl", kJsonl);

    CommandResult index(std::vector<std::string> args) const {
        std::vector<std::string> argv{index_binary(), "--db", db};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_command(argv);
    }

    Json query(std::vector<std::string> args) const {
        std::vector<std::string> argv{query_binary(), "--db", db, "--format", "json", "--no-facets", "--limit", "50"};
        argv.insert(argv.end(), args.begin(), args.end());
        const CommandResult result = run_command(argv);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }

    // Every paper as "id venue year | its sources' files", sorted.
    std::vector<std::string> papers() const {
        std::vector<std::string> rows;
        const Json response = query({"year:1900..2100"});
        for (const Json& hit : response["results"]) {
            std::string row =
                hit["id"].get<std::string>() + " " + hit["venue"].get<std::string>() + " " + hit["year"].dump() + " |";
            for (const Json& source : hit["sources"]) {
                const std::string s = source.get<std::string>();
                row += " " + s.substr(s.rfind('/') + 1);
            }
            rows.push_back(row);
        }
        std::sort(rows.begin(), rows.end());
        return rows;
    }
};

TEST_F(CollectionCommand, EachRuleMergesItsRecordsIntoOnePaper) {
    const CommandResult result = index({md, bib, csv, jsonl});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find(": 7 added, 0 updated, 0 removed, 0 unchanged, 4 merged, 0 skipped;"), std::string::npos)
        << result.out;
    // Chosen ids (papers JSONL) are kept; the others are made short; the SOSP paper's year wins
    // over its preprint's.
    EXPECT_EQ(papers(), (std::vector<std::string>{
                            "gandiva OSDI 2018 | export.csv:3 papers.jsonl:2",
                            "nature15-deep Nature 2015 | refs.bib:10",
                            "nature15-deep-learning Nature 2015 | refs.bib:12",
                            "neurips19-gpipe NeurIPS 2019 | list.md:5 refs.bib:1",
                            "osdi18-pretzel OSDI 2018 | list.md:4",
                            "ray OSDI 2018 | refs.bib:6 papers.jsonl:1",
                            "sosp19-pipedream SOSP 2019 | list.md:6 export.csv:2",
                        }));
    const Json pipedream = query({"id:sosp19-pipedream"})["results"][0];
    EXPECT_EQ(pipedream["title"], "PipeDream: Generalized Pipeline Parallelism for DNN Training");  // the first
    EXPECT_EQ(pipedream["authors"], (Json{"Deepak Narayanan", "Aaron Harlap"}));
    EXPECT_EQ(pipedream["aliases"], (Json{"3fd7c9ba742dd2b435afa75217847e5087e2f2a8"}));
    EXPECT_EQ(query({"--category", "our list/serving"})["total"], 3);  // the list's three, merged or not
}

TEST_F(CollectionCommand, ExplainMergesSaysWhereEachRecordWasReadAndWhatMatched) {
    const CommandResult result = index({"--explain-merges", md, bib, csv, jsonl});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const std::string folder = dir.path().string() + "/";
    const std::string expected =
        "merged neurips19-gpipe: GPipe: Efficient Training of Giant Neural Networks\n"
        "  " +
        folder +
        "list.md:5 (neurips19-gpipe-efficient-training-of-giant-neural-1984436d)\n"
        "  " +
        folder +
        "refs.bib:1 (huang2019gpipe)  [arxiv:1811.06965]\n"
        "merged sosp19-pipedream: PipeDream: Generalized Pipeline Parallelism for DNN Training\n"
        "  " +
        folder +
        "list.md:6 (sosp19-pipedream-generalized-pipeline-parallelism-for-bd6f21dd)\n"
        "  " +
        folder +
        "export.csv:2 (3fd7c9ba742dd2b435afa75217847e5087e2f2a8)  [title]\n"
        "merged ray: Ray: A Distributed Framework for Emerging AI Applications\n"
        "  " +
        folder +
        "refs.bib:6 (moritz2018ray)\n"
        "  " +
        folder +
        "papers.jsonl:1 (ray)  [doi:10.5555/3291168.3291210]\n"
        "merged gandiva: Gandiva\n"
        "  " +
        folder +
        "export.csv:3 (0606676f16d581fa453f6b7b8a14fc7c4af8d025)\n"
        "  " +
        folder + "papers.jsonl:2 (gandiva)  [s2:0606676f16d581fa453f6b7b8a14fc7c4af8d025]\n";
    EXPECT_EQ(result.out.substr(0, result.out.find(db + ":")), expected);
}

// Indexing the same lists again finds every paper under its id; so does indexing them in another
// order, since a paper the index holds keeps its id.
TEST_F(CollectionCommand, IdsAreStableAcrossReindexing) {
    ASSERT_EQ(index({md, bib, csv, jsonl}).exit_code, 0);
    const std::vector<std::string> first = papers();
    ASSERT_EQ(first.size(), 7u);
    const CommandResult again = index({jsonl, csv, bib, md});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find(": 0 added, "), std::string::npos) << again.out;
    EXPECT_NE(again.out.find(" 0 removed, "), std::string::npos) << again.out;
    std::vector<std::string> ids_before, ids_after;
    for (const std::string& row : first) ids_before.push_back(row.substr(0, row.find(' ')));
    for (const std::string& row : papers()) ids_after.push_back(row.substr(0, row.find(' ')));
    EXPECT_EQ(ids_after, ids_before);
}

TEST_F(CollectionCommand, RelatedTakesAPrefixOrAnyIdTheSourcesGave) {
    ASSERT_EQ(index({md, bib, csv, jsonl}).exit_code, 0);
    for (const std::string typed : {"sosp19-pipe", "3fd7c9ba742dd2b435afa75217847e5087e2f2a8"}) {
        const CommandResult result = run_command({query_binary(), "--db", db, "--related", typed, "--format", "ids"});
        EXPECT_EQ(result.exit_code, 0) << typed << ": " << result.err;
    }
    EXPECT_EQ(query({"alias:huang2019gpipe"})["results"][0]["id"], "neurips19-gpipe");
    const CommandResult ambiguous = run_command({query_binary(), "--db", db, "--related", "nature15-d"});
    EXPECT_EQ(ambiguous.exit_code, 2);
    EXPECT_NE(ambiguous.err.find("nature15-deep, nature15-deep-learning"), std::string::npos) << ambiguous.err;
}

}  // namespace
}  // namespace mlsys::testing
