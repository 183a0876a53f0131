// End-to-end tests of mlsys-query's output: --show, the text writer's links, facet lines and
// colour, JSON results, BibTeX and TSV, on the bundled list and on a real BibTeX list.
#include "bundled_index_fixture.h"

#include "readers/bibtex_parser.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace mlsys::testing {
namespace {

using Json = nlohmann::ordered_json;

class OutputCommand : public BundledIndexSuite<Backend> {
  protected:
    // The output of a run that must succeed.
    std::string out(const std::vector<std::string>& args) const {
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }
};

MLSYS_ON_EVERY_BACKEND(OutputCommand);

TEST_P(OutputCommand, ShowWritesEveryFieldOfTheRecord) {
    const std::string text = out({"--show", "socc17-sl"});  // a unique start of the id will do
    EXPECT_EQ(text.substr(0, text.find("abstract:")),
              "id:         socc17-slaq\n"
              "title:      SLAQ: Quality-Driven Scheduling for Distributed Machine Learning\n"
              "authors:    Haoyu Zhang\n"
              "            Logan Stafman\n"
              "            Andrew Or\n"
              "            Michael J. Freedman\n"
              "venue:      SoCC\n"
              "year:       2017\n"
              "category:   Cluster management\n");
    // The stored-only rows too: the link and where each record was read.
    EXPECT_NE(text.find("\nurl:        https://"), std::string::npos) << text;
    EXPECT_NE(text.find("\nsources:    /"), std::string::npos) << text;
    EXPECT_NE(text.find("\nkeywords:   SLAQ\n            quality-driven scheduling\n"), std::string::npos) << text;
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST_P(OutputCommand, ShowInJsonIsTheWholeRecordAfterTheFormat) {
    const Json paper = Json::parse(out({"--show", "osdi18-gandiva", "--format", "json"}));
    std::vector<std::string> keys;
    for (const auto& item : paper.items()) keys.push_back(item.key());
    EXPECT_EQ(keys, (std::vector<std::string>{"format", "id", "title", "authors", "venue", "year", "category",
                                              "abstract", "url", "keywords", "references", "sources"}));
    EXPECT_EQ(paper["format"], 2);
    EXPECT_EQ(paper["references"], Json::array({"eurosys18-optimus", "socc17-slaq"}));
    EXPECT_EQ(paper["authors"].size(), 12u);
}

TEST_P(OutputCommand, ShowInBibtexAndTsv) {
    const std::string bibtex = out({"--show", "osdi18-gandiva", "--format", "bibtex"});
    const indexer::BibtexFile parsed = indexer::parse_bibtex(bibtex, "out.bib");
    ASSERT_EQ(parsed.entries.size(), 1u) << bibtex;
    EXPECT_EQ(parsed.entries[0].type, "inproceedings");
    EXPECT_EQ(parsed.entries[0].key, "osdi18-gandiva");
    EXPECT_EQ(parsed.entries[0].field("booktitle")->value,
              "USENIX Symposium on Operating Systems Design and Implementation (OSDI)");
    EXPECT_EQ(out({"--show", "osdi18-gandiva", "--format", "tsv"}),
              "osdi18-gandiva\t2018\tOSDI\tGandiva: Introspective Cluster Scheduling for Deep Learning\n");
}

TEST_P(OutputCommand, ShowingAnUnknownOrAmbiguousIdExitsTwo) {
    const CommandResult unknown = query({"--show", "osdi17-gandiva"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err, "mlsys-query: --show: no paper with id \"osdi17-gandiva\"; closest: osdi18-gandiva\n");
    EXPECT_EQ(unknown.out, "");
    const CommandResult ambiguous = query({"--show", "nsdi19"});
    EXPECT_EQ(ambiguous.exit_code, 2);
    EXPECT_EQ(ambiguous.err,
              "mlsys-query: --show: ambiguous id \"nsdi19\": nsdi19-blas-on-flash, nsdi19-janus, nsdi19-tiresias\n");
}

TEST_P(OutputCommand, ShowTakesNoSearch) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--show", "osdi18-gandiva", "gpu"},
                                                 {"--show", "osdi18-gandiva", "--related", "osdi18-ray"},
                                                 {"--show", "osdi18-gandiva", "--like", "a draft"},
                                                 {"--show", "osdi18-gandiva", "--batch", bundled_papers()},
                                                 {"--show", "osdi18-gandiva", "--format", "trec"}}) {
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 1) << args[2];
        EXPECT_EQ(result.out, "");
    }
}

TEST_P(OutputCommand, TextResultsShowWhereToReadThePaper) {
    const std::string text = out({"--no-facets", "--limit", "1", "tiresias"});
    // The bundled list has URLs and no DOIs: the URL follows the authors.
    EXPECT_NE(
        text.find("\n   NSDI 2019 | Cluster management | nsdi19-tiresias\n"
                  "   Juncheng Gu, Mosharaf Chowdhury, Kang G. Shin, Yibo Zhu, Myeongjae Jeon, Junjie Qian et al.\n"
                  "   https://www.semanticscholar.org/paper/8d2d560bf1c4c6930d2d1411e48b642bd5b81179\n"),
        std::string::npos)
        << text;
}

TEST_P(OutputCommand, FacetLinesShowTheTopValuesAndCountTheRest) {
    const std::string two = out({"--limit", "0", "--facet-values", "2"});
    EXPECT_EQ(two.substr(two.find("venue:")),
              "venue:  EuroSys (6)  NSDI (6)  +7 more\n"
              "year:  2019 (4)  2018 (18)  +1 more\n"
              "category:\n"
              "  Deep learning (18)\n"
              "    Training (9)\n"
              "    Inference (4)\n"
              "    +3 more\n"
              "  Traditional machine learning (9)\n"
              "  +1 more\n");
    const std::string all = out({"--limit", "0", "--facet-values", "all"});
    EXPECT_EQ(all.find("more"), std::string::npos) << all;
    EXPECT_NE(all.find("venue:  EuroSys (6)  NSDI (6)  ATC (5)  OSDI (4)  SoCC (4)  ASPLOS (3)  NeurIPS (2)  ISCA (1)  "
                       "SOSP (1)\n"),
              std::string::npos);
    EXPECT_EQ(out({"--limit", "0", "--facet-values", "all"}), out({"--limit", "0"}));  // 10 show all of these
    EXPECT_EQ(query({"--facet-values", "0"}).exit_code, 1);
    EXPECT_EQ(query({"--facet-values", "some"}).exit_code, 1);
}

TEST_P(OutputCommand, JsonResultsCarryTheWholeRecord) {
    const CommandResult result = query({"--format", "json", "--no-facets", "--limit", "1", "gandiva"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const Json hit = Json::parse(result.out)["results"][0];
    EXPECT_EQ(hit["id"], "osdi18-gandiva");
    EXPECT_EQ(hit["abstract"].get<std::string>().substr(0, 38), "General-purpose cluster schedulers tre");
    EXPECT_EQ(Json::parse(result.out)["format"], 2);
}

TEST_P(OutputCommand, TsvIsOneLineAHitWithoutHeaderOrFacets) {
    EXPECT_EQ(
        out({"--format", "tsv", "--venue", "SoCC"}),
        "socc18-continuum\t2018\tSoCC\tContinuum: A Platform for Cost-Aware, Low-Latency Continual Learning\n"
        "socc18-orpheus\t2018\tSoCC\tOrpheus: Efficient Distributed Machine Learning via System and Algorithm "
        "Co-design\n"
        "socc18-parameter-hub\t2018\tSoCC\tParameter Hub: a Rack-Scale Parameter Server for Distributed Deep Neural "
        "Network Training\n"
        "socc17-slaq\t2017\tSoCC\tSLAQ: Quality-Driven Scheduling for Distributed Machine Learning\n");
}

TEST_P(OutputCommand, ColourAlwaysMarksTitlesAndMatchesAndNeverMarksNothing) {
    const std::string coloured = out({"--color=always", "--no-facets", "--limit", "1", "tiresias"});
    EXPECT_NE(coloured.find("\n1. \x1b[1m\x1b[4mTiresias\x1b[24m: A GPU Cluster Manager for Distributed Deep "
                            "Learning\x1b[0m\n"),
              std::string::npos)
        << coloured;
    EXPECT_NE(coloured.find("\x1b[1mTiresias\x1b[0m"), std::string::npos) << coloured;  // in the snippet
    const std::string shown = out({"--color", "always", "--show", "nsdi19-tiresias"});
    EXPECT_NE(shown.find("\ntitle:      \x1b[1mTiresias: A GPU Cluster Manager for Distributed Deep Learning\x1b[0m\n"),
              std::string::npos);
    for (const char* color : {"--color=never", "--color=auto"}) {  // auto: not a terminal
        EXPECT_EQ(out({color, "--no-facets", "--limit", "1", "tiresias"}).find('\x1b'), std::string::npos);
    }
    EXPECT_EQ(query({"--color=sometimes"}).exit_code, 1);
}

// A real list: openmlsys's BibTeX file, whose journal papers come back as @article.
using RealListOutput = SharedListsSuite<OpenMlsysBib>;

TEST_F(RealListOutput, AJournalPaperShownAsBibtexIsAnArticleInItsJournal) {
    // journal={Journal of Machine Learning Research (JMLR)}; shown by its BibTeX key, an alias.
    const CommandResult result = query({"--show", "duchi2011adagrad", "--format", "bibtex"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const indexer::BibtexFile parsed = indexer::parse_bibtex(result.out, "out.bib");
    ASSERT_EQ(parsed.entries.size(), 1u) << result.out;
    EXPECT_EQ(parsed.entries[0].type, "article");
    EXPECT_EQ(parsed.entries[0].field("journal")->value, "Journal of Machine Learning Research");
    EXPECT_EQ(parsed.entries[0].field("author")->value, "John Duchi and Elad Hazan and Yoram Singer");
    EXPECT_EQ(parsed.entries[0].field("year")->value, "2011");
    const CommandResult text = query({"--show", "duchi2011adagrad"});
    EXPECT_NE(text.out.find("\nvenue:      JMLR\n"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("\naliases:    duchi2011adagrad\n"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace mlsys::testing
