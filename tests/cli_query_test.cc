// End-to-end tests of mlsys-query: the real binary on an index of the bundled list.
#include "bundled_index_fixture.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace mlsys::testing {
namespace {

using Json = nlohmann::ordered_json;

template <typename Param>
class QueryCommandOn : public BundledIndexSuite<Param> {
  protected:
    // The ids of the results, one a line.
    std::string ids(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--format", "ids"});  // before a "--" that ends the options
        const CommandResult result = this->query(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }

    Json json(std::vector<std::string> args) const {
        args.insert(args.begin(), {"--format", "json"});
        const CommandResult result = this->query(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }

    // A facet as "value count, value count, ...".
    static std::string facet(const Json& response, const std::string& name) {
        std::string out;
        for (const Json& entry : response["facets"][name]) {
            if (!out.empty()) out += ", ";
            out += (entry["value"].is_string() ? entry["value"].get<std::string>() : entry["value"].dump()) + " " +
                   entry["count"].dump();
        }
        return out;
    }
};

using QueryCommand = QueryCommandOn<Backend>;
MLSYS_ON_EVERY_BACKEND(QueryCommand);

const char* const kAllVenues = "EuroSys 6, NSDI 6, ATC 5, OSDI 4, SoCC 4, ASPLOS 3, NeurIPS 2, ISCA 1, SOSP 1";
const char* const kAllYears = "2019 4, 2018 18, 2017 10";
const char* const kAllCategories =
    "Deep learning 18, Deep learning/Training 9, Deep learning/Inference 4, Deep learning/Compiler 2, "
    "Deep learning/Dynamic network 2, Deep learning/Debugging 1, Traditional machine learning 9, Cluster management 5";

TEST_P(QueryCommand, FacetsOverTheWholeListAreExact) {
    const Json response = json({});
    EXPECT_EQ(response["total"], 32);
    EXPECT_EQ(facet(response, "venue"), kAllVenues);
    EXPECT_EQ(facet(response, "year"), kAllYears);
    EXPECT_EQ(facet(response, "category"), kAllCategories);
}

TEST_P(QueryCommand, VenueFilterLeavesTheVenueFacetWholeAndNarrowsTheOthers) {
    const Json response = json({"--venue", "OSDI"});
    EXPECT_EQ(response["total"], 4);
    EXPECT_EQ(facet(response, "venue"), kAllVenues);
    EXPECT_EQ(facet(response, "year"), "2018 4");
    EXPECT_EQ(facet(response, "category"),
              "Deep learning 2, Deep learning/Compiler 1, Deep learning/Training 1, Cluster management 1, "
              "Traditional machine learning 1");
}

TEST_P(QueryCommand, YearFilterLeavesTheYearFacetWholeAndNarrowsTheOthers) {
    const Json response = json({"--year", "2017"});
    EXPECT_EQ(response["total"], 10);
    EXPECT_EQ(facet(response, "year"), kAllYears);
    EXPECT_EQ(facet(response, "venue"), "ASPLOS 3, NSDI 3, ATC 1, EuroSys 1, SOSP 1, SoCC 1");
}

TEST_P(QueryCommand, CategoryFilterLeavesTheCategoryFacetWholeAndMatchesSubCategories) {
    const Json response = json({"--category", "deep learning", "--limit", "0"});
    EXPECT_EQ(response["total"], 18);
    EXPECT_EQ(facet(response, "category"), kAllCategories);
    EXPECT_EQ(facet(response, "year"), "2019 2, 2018 11, 2017 5");
}

TEST_P(QueryCommand, FacetsCombineWithOtherFiltersButNotTheirOwn) {
    const Json response = json({"--venue", "NSDI", "--year", "2019"});
    EXPECT_EQ(response["total"], 3);
    EXPECT_EQ(facet(response, "venue"), "NSDI 3, EuroSys 1");  // 2019 papers by venue
    EXPECT_EQ(facet(response, "year"), "2019 3, 2017 3");      // NSDI papers by year
}

TEST_P(QueryCommand, FacetsFollowTheQueryText) {
    const Json response = json({"scheduling"});
    EXPECT_EQ(response["total"], 11);
    EXPECT_EQ(facet(response, "category"),
              "Cluster management 4, Deep learning 4, Deep learning/Compiler 1, Deep learning/Dynamic network 1, "
              "Deep learning/Inference 1, Deep learning/Training 1, Traditional machine learning 3");
}

TEST_P(QueryCommand, SubCategoryFilterAndHierarchySeparators) {
    // Oldest first; papers of the same year by id.
    const std::string inference = "asplos17-neurosurgeon\nnsdi17-clipper\natc18-deepcpu\neurosys18-cellular-batching\n";
    EXPECT_EQ(ids({"--category", "Deep learning/Inference", "--sort", "year"}), inference);
    EXPECT_EQ(ids({"--category", "deep learning › inference", "--sort", "year"}), inference);
    EXPECT_EQ(ids({"--category", "INFERENCE", "--sort", "year"}), inference);  // a level at any depth
}

TEST_P(QueryCommand, RepeatedFiltersAreOrAndDifferentOnesAreAnd) {
    EXPECT_EQ(json({"--venue", "OSDI", "--venue", "nsdi"})["total"], 10);
    EXPECT_EQ(ids({"--venue", "NSDI", "--year", "2019"}), "nsdi19-blas-on-flash\nnsdi19-janus\nnsdi19-tiresias\n");
    EXPECT_EQ(json({"--year", "2017", "--year", "2019"})["total"], 14);
}

TEST_P(QueryCommand, VenueAliasesAndCaseInFiltersAndQueries) {
    const std::string neurips = "neurips18-bml\nneurips18-tangent\n";
    EXPECT_EQ(ids({"--venue", "neurips"}), neurips);
    EXPECT_EQ(ids({"--venue", "NeuralPS"}), neurips);
    EXPECT_EQ(ids({"venue:nips"}), neurips);
    EXPECT_EQ(json({"--venue", "EUROSYS"})["total"], 6);
}

TEST_P(QueryCommand, YearRangesInFiltersAndQueries) {
    EXPECT_EQ(json({"year:2017..2018"})["total"], 28);
    EXPECT_EQ(json({"--year", "2018..2019"})["total"], 22);
    EXPECT_EQ(json({"--year", "2019.."})["total"], 4);
    EXPECT_EQ(json({"--year", "..2017"})["total"], 10);
}

TEST_P(QueryCommand, AuthorFilterMatchesTheNameAsAPhrase) {
    EXPECT_EQ(ids({"--author", "Ion Stoica"}), "osdi18-ray\nnsdi17-clipper\n");
    EXPECT_EQ(ids({"--author", "stoica ion"}), "");
}

TEST_P(QueryCommand, PhraseFieldBooleanAndWildcardQueries) {
    EXPECT_EQ(ids({"\"cellular batching\""}), "eurosys18-cellular-batching\n");
    EXPECT_EQ(ids({"title:scheduling", "--sort", "year"}),  // "Scheduler" stems alike
              "socc17-slaq\neurosys18-optimus\nosdi18-gandiva\n");
    EXPECT_EQ(ids({"gandiva OR tiresias", "--sort", "year"}), "osdi18-gandiva\nnsdi19-tiresias\n");
    EXPECT_EQ(ids({"gpu AND cluster AND NOT gandiva", "--sort", "-year", "--year", "2019"}), "nsdi19-tiresias\n");
    EXPECT_EQ(ids({"title:optim*", "--sort", "year"}), "asplos17-cnn-multicore\neurosys18-optimus\nosdi18-tvm\n");
    EXPECT_EQ(ids({"id:osdi18-tvm"}), "osdi18-tvm\n");
    // The bundled list's citations: who cites SLAQ, who cites Clipper.
    EXPECT_EQ(ids({"references:socc17-slaq", "--sort", "year"}),
              "eurosys18-optimus\nosdi18-gandiva\nnsdi19-tiresias\n");
    EXPECT_EQ(ids({"references:nsdi17-clipper", "--sort", "year"}), "atc18-deepcpu\nosdi18-pretzel\n");
}

// In query text a prefix stands for every id it begins, as a wildcard does for words; a whole
// id stands for its paper alone.
TEST_P(QueryCommand, IdAndLinkFieldsTakeThePrefixOfAnId) {
    EXPECT_EQ(ids({"id:osdi18-r"}), "osdi18-ray\n");
    EXPECT_EQ(ids({"id:nsdi19"}), "nsdi19-blas-on-flash\nnsdi19-janus\nnsdi19-tiresias\n");
    EXPECT_EQ(ids({"gpu id:osdi18"}), "osdi18-gandiva\n");  // Tiresias and others have "GPU" too
    EXPECT_EQ(ids({"references:socc17", "--sort", "year"}), "eurosys18-optimus\nosdi18-gandiva\nnsdi19-tiresias\n");
}

TEST_P(QueryCommand, AnIdNamingNoPaperIsNotedWithTheClosestIds) {
    const CommandResult text = query({"id:osdi17-gandiva", "--no-facets"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_EQ(text.out, "(no paper with id \"osdi17-gandiva\"; closest: osdi18-gandiva)\n0 papers\n");
    const Json json_response = json({"id:tiresais OR id:nsdi17-clipper"});
    EXPECT_EQ(json_response["total"], 1);
    EXPECT_EQ(json_response["unknown_ids"].dump(), R"([{"id":"tiresais","closest":["nsdi19-tiresias"]}])");
    EXPECT_FALSE(json({"id:nsdi17-clipper"}).contains("unknown_ids"));
}

TEST_P(QueryCommand, AQueryThatMatchesNothingAsWrittenFallsBackToItsWords) {
    // Xapian reads the stray quote as a phrase to the end, "gandiva cluster", which no paper has.
    const Json relaxed = json({"--limit", "1", "\"gandiva (cluster"});
    EXPECT_EQ(relaxed["plain_words"], true);
    EXPECT_EQ(relaxed["results"][0]["id"], "osdi18-gandiva");
    const Json bad_field = json({"--limit", "1", "year:soon gandiva"});
    EXPECT_EQ(bad_field["plain_words"], true);
    EXPECT_EQ(bad_field["results"][0]["id"], "osdi18-gandiva");
    // A filter understood as written is kept, as --venue would be: no SOSP paper is Gandiva.
    const Json filtered = json({"gandiva venue:sosp"});
    EXPECT_EQ(filtered["total"], 0);
    EXPECT_FALSE(filtered.contains("plain_words"));
    EXPECT_EQ(json({"id:osdi18-no-such-paper"})["total"], 0);
}

TEST_P(QueryCommand, AMisspelledQueryShowsTheCorrectionAndItsResults) {
    const Json response = json({"--limit", "1", "--no-facets", "tiresais"});
    EXPECT_EQ(response["corrected"], "tiresias");
    EXPECT_EQ(response["showing_corrected"], true);
    EXPECT_EQ(response["results"][0]["id"], "nsdi19-tiresias");
}

TEST_P(QueryCommand, EmptyQueryListsNewestFirstWithTiesById) {
    EXPECT_EQ(ids({"--limit", "5"}),
              "eurosys19-rpc-rdma\nnsdi19-blas-on-flash\nnsdi19-janus\nnsdi19-tiresias\natc18-cavs\n");
    EXPECT_EQ(ids({"--venue", "SoCC"}), "socc18-continuum\nsocc18-orpheus\nsocc18-parameter-hub\nsocc17-slaq\n");
}

TEST_P(QueryCommand, SortByYearBothWays) {
    EXPECT_EQ(ids({"--venue", "SoCC", "--sort", "year", "--limit", "1"}), "socc17-slaq\n");
    EXPECT_EQ(ids({"--venue", "NSDI", "--sort", "-year"}).substr(0, 6), "nsdi19");
    const Json oldest = json({"gpu", "--sort", "year"});
    const Json newest = json({"gpu", "--sort", "-year"});
    EXPECT_EQ(oldest["results"][0]["year"], 2017);
    EXPECT_EQ(newest["results"][0]["year"], 2019);
}

TEST_P(QueryCommand, OffsetAndLimitPageThroughTheSameRanking) {
    const Json all = json({"learning", "--limit", "10"});
    const Json page = json({"learning", "--limit", "5", "--offset", "5"});
    ASSERT_EQ(page["results"].size(), 5u);
    EXPECT_EQ(page["total"], all["total"]);
    for (std::size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(page["results"][i]["id"], all["results"][i + 5]["id"]);
        EXPECT_EQ(page["results"][i]["rank"], i + 6);
    }
}

struct NameQuery {
    const char* query;
    const char* id;
};

void PrintTo(const NameQuery& name, std::ostream* out) {
    *out << name.query;
}

class NameQueries : public QueryCommandOn<std::tuple<NameQuery, Backend>> {
  protected:
    const NameQuery& name() const { return std::get<0>(GetParam()); }
};

TEST_P(NameQueries, PutThePaperFirst) {
    EXPECT_EQ(ids({"--limit", "1", "--no-facets", name().query}), std::string(name().id) + "\n");
}

// "3_TwoShardStub": the fourth query, on the stub (the backend varies fastest).
std::string name_query_test_name(const ::testing::TestParamInfo<std::tuple<NameQuery, Backend>>& info) {
    return std::to_string(info.index / 2) + "_" + backend_name(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(
    BundledList, NameQueries,
    ::testing::Combine(
        ::testing::Values(
            NameQuery{"CNNs on multicores", "asplos17-cnn-multicore"}, NameQuery{"Poseidon", "atc17-poseidon"},
            NameQuery{"recursion", "eurosys18-recursion"}, NameQuery{"Gist", "isca18-gist"},
            NameQuery{"Ray", "osdi18-ray"}, NameQuery{"Parameter Hub", "socc18-parameter-hub"},
            NameQuery{"PHub", "socc18-parameter-hub"}, NameQuery{"BML", "neurips18-bml"},
            NameQuery{"JANUS", "nsdi19-janus"}, NameQuery{"RPC RDMA", "eurosys19-rpc-rdma"},
            NameQuery{"Clipper", "nsdi17-clipper"}, NameQuery{"Neurosurgeon", "asplos17-neurosurgeon"},
            NameQuery{"cellular batching", "eurosys18-cellular-batching"},
            NameQuery{"BatchMaker", "eurosys18-cellular-batching"}, NameQuery{"DeepCPU", "atc18-deepcpu"},
            NameQuery{"dynamic control flow", "eurosys18-dynamic-control-flow"}, NameQuery{"Cavs", "atc18-cavs"},
            NameQuery{"TVM", "osdi18-tvm"}, NameQuery{"Tangent", "neurips18-tangent"},
            NameQuery{"DeepXplore", "sosp17-deepxplore"}, NameQuery{"Gaia", "nsdi17-gaia"},
            NameQuery{"Tux2", "nsdi17-tux2"}, NameQuery{"Tux²", "nsdi17-tux2"},
            NameQuery{"SaberLDA", "asplos17-saberlda"}, NameQuery{"Proteus", "eurosys17-proteus"},
            NameQuery{"Litz", "atc18-litz"}, NameQuery{"PRETZEL", "osdi18-pretzel"},
            NameQuery{"Orpheus", "socc18-orpheus"}, NameQuery{"Continuum", "socc18-continuum"},
            NameQuery{"BLAS-on-flash", "nsdi19-blas-on-flash"}, NameQuery{"SLAQ", "socc17-slaq"},
            NameQuery{"Optimus", "eurosys18-optimus"}, NameQuery{"Model Governance", "atc18-model-governance"},
            NameQuery{"Gandiva", "osdi18-gandiva"}, NameQuery{"Tiresias", "nsdi19-tiresias"}),
        every_backend()),
    name_query_test_name);

// The list spells "Martín Abadi"; names, words, venues and categories are folded on both sides
// (analysis::fold), so accents, case and Unicode look-alikes do not matter.
TEST_P(QueryCommand, AnAuthorIsFoundWhateverTheAccentsAndCase) {
    const std::string abadi = "eurosys18-dynamic-control-flow\n";
    for (const char* name : {"Martin Abadi", "martín abadi", "Martín Abadi", "MARTÍN ABADI", "Ｍａｒｔｉｎ Abadi"}) {
        EXPECT_EQ(ids({"--no-facets", "--author", name}), abadi) << name;
    }
    for (const char* text :
         {"author:abadi", "author:\"Martin Abadi\"", "author:Martín", "Martín", "martin", "MARTÍN"}) {
        EXPECT_EQ(ids({"--no-facets", text}), abadi) << text;
    }
    EXPECT_EQ(ids({"--no-facets", "--author", "Martin Abadi", "--author", "Lidong Zhou"}),
              ids({"--no-facets", "--author", "Martín Abadi", "--author", "lidong zhou"}));
}

TEST_P(QueryCommand, TuxSquaredIsTux2InEverySpelling) {
    for (const char* text : {"Tux²", "tux2", "TUX²", "TUX2", "title:tux2", "title:Tux²", "\"Tux² distributed\""}) {
        EXPECT_EQ(ids({"--no-facets", "--limit", "1", text}), "nsdi17-tux2\n") << text;
    }
}

TEST_P(QueryCommand, VenuesAndCategoriesMatchWhateverTheAccentsCaseAndLookAlikes) {
    const std::string osdi = ids({"--no-facets", "--venue", "OSDI"});
    EXPECT_EQ(osdi, "osdi18-gandiva\nosdi18-pretzel\nosdi18-ray\nosdi18-tvm\n");
    EXPECT_EQ(ids({"--no-facets", "--venue", "\uFF2F\uFF33\uFF24\uFF29"}), osdi);  // fullwidth ＯＳＤＩ
    EXPECT_EQ(ids({"--no-facets", "venue:\uFF4F\uFF53\uFF44\uFF49"}), osdi);
    const std::string training = ids({"--no-facets", "--category", "Deep learning/Training"});
    EXPECT_EQ(std::count(training.begin(), training.end(), '\n'), 9);
    EXPECT_EQ(ids({"--no-facets", "--category", "DÉEP LEARNING\u2215Training"}), training);
    EXPECT_EQ(ids({"--no-facets", "category:\"deep learning\uFF0Ftráining\""}), training);
}

TEST_P(QueryCommand, AnUnaccentedWordNeedsNoCorrection) {
    const Json response = json({"--no-facets", "Martín"});
    EXPECT_EQ(response["total"], 1);
    EXPECT_TRUE(response["corrected"].is_null());
}

TEST_P(QueryCommand, AcronymsFindTheirSpelledOutFormsAndTheReverse) {
    // No paper in the list spells out "remote direct memory access"; one says RDMA.
    EXPECT_EQ(ids({"--limit", "1", "--no-facets", "remote direct memory access"}), "eurosys19-rpc-rdma\n");
    // SaberLDA's summary spells out latent Dirichlet allocation; the acronym finds it.
    EXPECT_EQ(ids({"--limit", "1", "--no-facets", "LDA topic models"}), "asplos17-saberlda\n");
    EXPECT_EQ(ids({"--limit", "1", "--no-facets", "latent dirichlet allocation"}), "asplos17-saberlda\n");
}

TEST_P(QueryCommand, AMisspeltKeywordQueryRunsCorrectedAndSaysSo) {
    // No paper holds both words as written: the correction runs, and the user is told.
    const CommandResult result = query({"--limit", "1", "--no-facets", "gandiva schedulng"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.substr(0, result.out.find('\n')),
              "No results for \"gandiva schedulng\"; showing results for \"gandiva scheduling\".");
    const Json response = json({"--limit", "1", "--no-facets", "gandiva schedulng"});
    EXPECT_EQ(response["corrected"], "gandiva scheduling");
    EXPECT_EQ(response["showing_corrected"], true);
    EXPECT_EQ(response["results"][0]["id"], "osdi18-gandiva");
    // Formats other programs read say it on standard error, never silently.
    for (const char* format : {"ids", "tsv", "trec", "bibtex"}) {
        const CommandResult quiet = query({"--limit", "1", "--format", format, "gandiva schedulng"});
        EXPECT_EQ(quiet.err,
                  "mlsys-query: no results for \"gandiva schedulng\"; showing results for \"gandiva scheduling\"\n")
            << format;
    }
    EXPECT_EQ(query({"--limit", "1", "--format", "ids", "gandiva"}).err, "");
}

TEST_P(QueryCommand, DidYouMeanAppearsBesideResultsOfASentenceWithAMisspeltWord) {
    // A sentence matches on its other words, so the correction is only offered.
    const std::string sentence = "introspective cluster schedulng for deep learning jobs";
    const CommandResult result = query({"--limit", "1", "--no-facets", sentence});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.substr(0, result.out.find('\n')),
              "Did you mean \"introspective cluster scheduling for deep learning jobs\"?");
    const Json response = json({"--limit", "1", "--no-facets", sentence});
    EXPECT_FALSE(response.contains("showing_corrected"));
    EXPECT_EQ(response["results"][0]["id"], "osdi18-gandiva");
}

TEST_P(QueryCommand, NamesAndWordsOfTheIndexAreNeverCorrected) {
    for (const char* word : {"tvm", "TVM", "Clipper", "gandiva", "abadi", "Tux²", "a", "the"}) {
        const Json response = json({"--limit", "1", "--no-facets", word});
        EXPECT_TRUE(response["corrected"].is_null()) << word << ": " << response["corrected"];
        EXPECT_GT(response["total"].get<int>(), 0) << word;
    }
}

// The papers a facet counts, summed over its values.
int facet_total(const Json& response, const std::string& facet) {
    int total = 0;
    for (const Json& value : response["facets"][facet]) total += value["count"].get<int>();
    return total;
}

TEST_P(QueryCommand, AShortKeywordQueryCountsThePapersHoldingAllItsWords) {
    // Ten papers hold both words (stems included): enough, so they are the answer.
    const Json response = json({"distributed training", "--facets", "year"});
    EXPECT_EQ(response["total"], 10);
    EXPECT_EQ(response["matching_all"], 10);
    EXPECT_FALSE(response.contains("some_words"));
    EXPECT_EQ(facet_total(response, "year"), 10);
    EXPECT_EQ(json({"distributed training", "--match", "all", "--no-facets"})["total"], 10);
    const Json any = json({"distributed training", "--match", "any", "--no-facets"});
    EXPECT_EQ(any["total"], 24);
    EXPECT_FALSE(any.contains("matching_all"));
}

TEST_P(QueryCommand, WhenTooFewHoldAllWordsTheyComeFirstAndThePapersHoldingSomeFollow) {
    const Json response = json({"gpu cluster scheduling", "--facets", "venue"});
    EXPECT_EQ(response["matching_all"], 2);
    EXPECT_EQ(response["some_words"], true);
    EXPECT_EQ(response["total"], 16);
    const std::set<std::string> first{response["results"][0]["id"], response["results"][1]["id"]};
    EXPECT_EQ(first, (std::set<std::string>{"osdi18-gandiva", "nsdi19-tiresias"}));
    // The facets count what the query asked for: the two papers holding every word.
    EXPECT_EQ(response["facets"]["venue"], Json::parse(R"([{"value":"NSDI","count":1},{"value":"OSDI","count":1}])"));
    const CommandResult text = query({"gpu cluster scheduling", "--no-facets"});
    EXPECT_EQ(text.out.substr(0, text.out.find('\n')), "2 papers match all words; 14 match some, showing 1-10");
    EXPECT_EQ(json({"gpu cluster scheduling", "--match", "all", "--no-facets"})["total"], 2);
}

TEST_P(QueryCommand, SentencesAndQueriesWithOperatorsMatchAnyWordAsBefore) {
    for (const char* text :
         {"low latency serving of deep learning models", "gpu OR cluster", "\"gpu cluster\" scheduling"}) {
        const Json response = json({text, "--no-facets"});
        EXPECT_FALSE(response.contains("matching_all")) << text;
        EXPECT_EQ(response["total"], json({text, "--no-facets", "--match", "any"})["total"]) << text;
    }
}

TEST_P(QueryCommand, JsonResultsCarryTheDesignFields) {
    const Json response = json({"gandiva", "--limit", "1", "--no-facets"});
    EXPECT_EQ(response["query"], "gandiva");
    EXPECT_TRUE(response["corrected"].is_null());
    EXPECT_EQ(response["total"], 1);
    const Json& hit = response["results"][0];
    std::vector<std::string> keys;
    for (const auto& item : hit.items()) keys.push_back(item.key());
    const std::vector<std::string> expected{"rank",     "id",       "score",      "title",  "authors",
                                            "venue",    "year",     "category",   "url",    "snippet",
                                            "abstract", "keywords", "references", "sources"};
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(hit["title"], "Gandiva: Introspective Cluster Scheduling for Deep Learning");
    EXPECT_EQ(hit["venue"], "OSDI");
    EXPECT_EQ(hit["year"], 2018);
    EXPECT_EQ(hit["category"], Json::array({"Cluster management"}));
    EXPECT_NE(hit["snippet"].get<std::string>().find("Gandiva"), std::string::npos);
    EXPECT_TRUE(response["facets"].empty());
}

TEST_P(QueryCommand, TextOutputIsPlainWhenPiped) {
    const CommandResult result = query({"--limit", "1", "--facets", "venue", "tiresias"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.find('\x1b'), std::string::npos);
    EXPECT_EQ(result.out.substr(0, result.out.find('\n', result.out.find("1. "))),
              "1 paper, showing 1-1\n\n1. Tiresias: A GPU Cluster Manager for Distributed Deep Learning");
    EXPECT_NE(result.out.find("\n   NSDI 2019 | Cluster management | nsdi19-tiresias\n"), std::string::npos);
    EXPECT_NE(result.out.find("\nvenue:  NSDI (1)\n"), std::string::npos);
}

TEST_P(QueryCommand, AnalyzeShowsEachStageInTextAndSearchesNothing) {
    const CommandResult result = query({"--analyze", "RDMA parameter-server"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out,
              "input:    RDMA parameter-server\n"
              "tokens:   word[RDMA] word[parameter-server]\n"
              "acronyms: (RDMA OR \"remote direct memory access\") parameter-server\n"
              "fold:     (rdma OR \"remote direct memory access\") parameter-server\n"
              "hyphens:  (rdma OR \"remote direct memory access\") parameter server\n"
              "negation: (rdma OR \"remote direct memory access\") parameter server\n"
              "query:    Query((Zrdma@1 OR (remote@2 PHRASE 4 direct@3 PHRASE 4 memory@4 PHRASE 4 access@5) OR "
              "(Zparamet@6 OR Zserver@7)))\n");
}

TEST_P(QueryCommand, AnalyzeInJsonIsOneObjectOfStagesAndTheQuery) {
    const CommandResult result = query({"--analyze", "--format", "json", "\"deep learning\" AND title:serving"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const Json expected = Json::parse(R"json({
        "format": 2,
        "stages": [
            {"name": "input", "text": "\"deep learning\" AND title:serving"},
            {"name": "tokens", "text": "phrase[\"deep learning\"] operator[AND] field[title:serving]"},
            {"name": "acronyms", "text": "\"deep learning\" AND title:serving"},
            {"name": "fold", "text": "\"deep learning\" AND title:serving"},
            {"name": "hyphens", "text": "\"deep learning\" AND title:serving"},
            {"name": "negation", "text": "\"deep learning\" AND title:serving"}],
        "query": "Query(((deep@1 PHRASE 2 learning@2) AND ZSserv@3))",
        "plain_words": false})json");
    EXPECT_EQ(Json::parse(result.out), expected);
}

TEST_P(QueryCommand, AnalyzeShowsThePlainWordsFallbackAndTakesNoOtherFormat) {
    const Json analysis = json({"--analyze", "gandiva year:soon"});
    // A field's name and a boolean field's value are no words to search.
    EXPECT_EQ(analysis["stages"].back(), (Json{{"name", "plain words"}, {"text", "gandiva"}}));
    EXPECT_EQ(analysis["plain_words"], true);
    EXPECT_EQ(query({"--analyze", "--format", "trec", "gandiva"}).exit_code, 1);
}

// The GPU papers are the ones a query of "gpu" finds; a query excluding gpu lists the others as
// a query without words lists papers: newest first, ties by id.
TEST_P(QueryCommand, ExcludedWordsAloneListEveryOtherPaperNewestFirst) {
    const Json without_gpu = json({"--limit", "40", "--", "-gpu"});
    EXPECT_EQ(without_gpu["total"], 24);
    const std::string newest = "nsdi19-blas-on-flash\nnsdi19-janus\natc18-cavs\n";
    EXPECT_EQ(ids({"--limit", "3", "--", "-gpu"}), newest);
    EXPECT_EQ(ids({"--limit", "3", "NOT gpu"}), newest);
    EXPECT_EQ(ids({"--limit", "3", "--", "-gpu -tpu"}), newest);  // no paper says TPU
    const std::string gpu_papers = ids({"--limit", "40", "gpu"});
    for (const Json& hit : without_gpu["results"]) {
        EXPECT_EQ(gpu_papers.find(hit["id"].get<std::string>()), std::string::npos) << hit["id"];
    }
    EXPECT_EQ(ids({"--venue", "osdi", "--", "-gpu"}), "osdi18-pretzel\nosdi18-ray\nosdi18-tvm\n");
    EXPECT_EQ(json({"--", "-venue:osdi"})["total"], 28);
    EXPECT_EQ(json({"--", "-\"parameter server\""})["total"], 25);  // 7 papers have the phrase
}

TEST_P(QueryCommand, AQueryBeginningWithADashGoesAfterDoubleDash) {
    const CommandResult result = query({"-gpu"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err,
              "mlsys-query: unknown option -gpu; to search for papers without gpu, write: mlsys-query -- -gpu\n"
              "mlsys-query: Run with --help for the options.\n");
    EXPECT_EQ(result.out, "");
    const CommandResult help = query({"--help"});
    EXPECT_NE(help.out.find("goes\nafter --: mlsys-query -- -gpu -tpu"), std::string::npos) << help.out;
}

// The phrase survives the filter: no OSDI paper says "parameter server", and the plain words
// "parameter" and "server" (PRETZEL's serving) are not what was asked.
TEST_P(QueryCommand, FiltersKeepThePhraseOfTheQuery) {
    const Json filtered = json({"--venue", "osdi", "\"parameter server\""});
    EXPECT_EQ(filtered["total"], 0);
    EXPECT_FALSE(filtered.contains("plain_words"));
    EXPECT_EQ(ids({"--venue", "socc", "\"parameter server\""}), "socc18-parameter-hub\nsocc18-orpheus\n");
    EXPECT_EQ(json({"--venue", "socc", "gpu AND cluster"})["total"], 0);  // not gpu OR cluster
    // A stray quote that finds nothing anywhere still falls back to the words.
    const Json stray = json({"--venue", "osdi", "\"gandiva (cluster"});
    EXPECT_EQ(stray["plain_words"], true);
    EXPECT_EQ(stray["results"][0]["id"], "osdi18-gandiva");
}

TEST_P(QueryCommand, AFieldNameIsNeverSearchedAsAWord) {
    // No author is called Soon: the text is retried as its plain words, "soon" (one paper),
    // never "author soon". A bad filter value alone ("year:soon") leaves no words: nothing, not
    // every paper.
    const std::string soon = ids({"soon"});
    EXPECT_EQ(std::count(soon.begin(), soon.end(), '\n'), 1);
    EXPECT_EQ(ids({"author:soon"}), soon);
    EXPECT_EQ(ids({"year:soon"}), "");
    EXPECT_EQ(json({"year:soon"})["total"], 0);
    EXPECT_EQ(json({"venue:zzyzx"})["total"], 0);
    EXPECT_EQ(json({"author:zzyzx"})["total"], 0);
}

// README's example of field prefixes in the query.
TEST_P(QueryCommand, TheReadmeFieldExampleFindsItsPaper) {
    EXPECT_NE(read_file(source_dir() + "/README.md").find("mlsys-query 'title:serving AND venue:osdi'"),
              std::string::npos);
    EXPECT_EQ(ids({"title:serving AND venue:osdi"}), "osdi18-pretzel\n");
}

TEST_P(QueryCommand, AFilterValueNoPaperHasIsNotedWithTheClosestValues) {
    const auto text = [&](std::vector<std::string> args) {
        args.push_back("--no-facets");
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    };
    EXPECT_EQ(text({"--venue", "OSDY"}), "(no venue OSDY in this index; closest: OSDI, NSDI)\n0 papers\n");
    EXPECT_EQ(text({"--venue", "ICFP"}), "(no venue ICFP in this index)\n0 papers\n");
    EXPECT_EQ(text({"--year", "2030"}), "(no year 2030 in this index; it holds 2017..2019)\n0 papers\n");
    EXPECT_EQ(text({"--category", "inferense"}),
              "(no category inferense in this index; closest: Inference)\n0 papers\n");
    EXPECT_EQ(text({"--author", "Ion Stocia"}), "(no author Ion Stocia in this index; closest: stoica)\n0 papers\n");
    EXPECT_EQ(text({"gpu venue:osdy"}), "(no venue osdy in this index; closest: OSDI, NSDI)\n0 papers\n");
    // A value some paper has is no news, even when the filters together match nothing.
    EXPECT_EQ(text({"--venue", "OSDI", "--year", "2017"}), "0 papers\n");
    const Json response = json({"--venue", "OSDY"});
    EXPECT_EQ(response["filter_notices"].dump(), R"([{"field":"venue","value":"OSDY","closest":["OSDI","NSDI"],)"
                                                 R"("message":"no venue OSDY in this index; closest: OSDI, NSDI"}])");
    EXPECT_FALSE(json({"--venue", "OSDI"}).contains("filter_notices"));
    // Formats that other programs read keep it out of their output.
    for (const char* format : {"ids", "trec", "bibtex"}) {
        const CommandResult result = query({"--format", format, "--year", "2030"});
        EXPECT_EQ(result.exit_code, 0);
        EXPECT_EQ(result.out, "") << format;
        EXPECT_EQ(result.err, "mlsys-query: no year 2030 in this index; it holds 2017..2019\n") << format;
    }
}

TEST_P(QueryCommand, AnEmptyYearRangeIsBadInput) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--year", "2019..2017"}, std::vector<std::string>{"year:2019..2017 gpu"}}) {
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 2);
        EXPECT_EQ(result.err, "mlsys-query: year: 2019..2017 is an empty range\n");
    }
}

TEST_P(QueryCommand, MissingIndexExitsThreeAndSaysHowToBuildOne) {
    const CommandResult result = run_command({query_binary(), "--db", db() + "-missing", "gpu"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("no index at " + db() + "-missing: build it with `mlsys-index --db"), std::string::npos)
        << result.err;
}

// The schema version is metadata, which a stub file cannot hold: Xapian reads a stub's from
// its first shard, and mlsys-index writes it into every database it builds.
TEST_P(QueryCommand, ADatabaseMlsysIndexDidNotWriteExitsThree) {
    const ScratchDir foreign_dir;
    const std::string foreign = build_index(backend(), foreign_dir, "foreign", std::vector<std::string>{"a", "b"},
                                            [](const std::string& path, const std::vector<std::string>& words) {
                                                Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
                                                for (const std::string& word : words) {
                                                    Xapian::Document doc;
                                                    doc.add_term(word);
                                                    db.add_document(doc);
                                                }
                                                db.commit();
                                            });
    const CommandResult result = run_command({query_binary(), "--db", foreign, "a"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find(foreign + " is not an mlsys-search index"), std::string::npos) << result.err;
}

// The exit codes --help lists, each from the real command.
TEST_P(QueryCommand, EveryExitCodeOfTheHelpHappens) {
    const CommandResult help = query({"--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Exit codes: 0 results or none; 1 usage error; 2 bad input or unknown id;\n"
                            "3 index missing, locked, unwritable or corrupt; 4 internal error."),
              std::string::npos)
        << help.out;
    EXPECT_EQ(query({"no such words anywhere"}).exit_code, 0);
    const CommandResult usage = query({"--fromat", "json"});
    EXPECT_EQ(usage.exit_code, 1);
    EXPECT_EQ(usage.err,
              "mlsys-query: unknown option --fromat; did you mean --format?\n"
              "mlsys-query: Run with --help for the options.\n");
    const CommandResult bad_input = query({"--related", "nosuch-paper-id"});
    EXPECT_EQ(bad_input.exit_code, 2);
    EXPECT_EQ(bad_input.err.rfind("mlsys-query: --related: no paper with id", 0), 0u) << bad_input.err;
    const CommandResult no_index = run_command({query_binary(), "--db", db() + "-missing"});
    EXPECT_EQ(no_index.exit_code, 3);
    EXPECT_EQ(no_index.err.rfind("mlsys-query: no index at ", 0), 0u) << no_index.err;
}

// The command lines of --help's "Examples:", one a line, split as a shell would split them
// (they quote with '...' only); the draft of --like is the file `draft`.
std::vector<std::vector<std::string>> help_examples(const std::string& help, const std::string& draft) {
    std::vector<std::vector<std::string>> examples;
    std::istringstream lines(help.substr(help.find("\nExamples")));
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  mlsys-query ", 0) != 0) continue;
        std::vector<std::string> words;
        std::string word;
        bool quoted = false;
        for (const char c : line.substr(0, line.find("   ")) + " ") {
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!word.empty()) words.push_back(word == "@draft.txt" ? "@" + draft : word);
                word.clear();
            } else {
                word += c;
            }
        }
        examples.push_back(std::vector<std::string>(words.begin() + 1, words.end()));  // after "mlsys-query"
    }
    return examples;
}

// Every example of --help runs and finds papers: the help never teaches a query that fails.
TEST_P(QueryCommand, EveryExampleOfTheHelpFindsPapers) {
    const std::string draft =
        dir().write_file("draft.txt", "Serving machine learning models\nLow-latency prediction serving.\n");
    std::istringstream id_lines(query({"--format", "ids", "--limit", "100"}).out);
    std::vector<std::string> ids;
    for (std::string id; std::getline(id_lines, id);) ids.push_back(id);
    ASSERT_EQ(ids.size(), 32u);
    const auto examples = help_examples(query({"--help"}).out, draft);
    ASSERT_EQ(examples.size(), 13u);
    for (const std::vector<std::string>& example : examples) {
        const CommandResult result = query(example);
        EXPECT_EQ(result.exit_code, 0) << example.back() << ": " << result.err;
        const auto shown = [&](const std::string& id) { return result.out.find(id) != std::string::npos; };
        EXPECT_TRUE(std::any_of(ids.begin(), ids.end(), shown)) << example.back() << ":\n" << result.out;
    }
}

TEST_P(QueryCommand, ShortFormsOfLimitAndFormat) {
    EXPECT_EQ(query({"-n", "2", "-f", "ids"}).out, "eurosys19-rpc-rdma\nnsdi19-blas-on-flash\n");
    EXPECT_EQ(query({"-n2", "-fids"}).out, "eurosys19-rpc-rdma\nnsdi19-blas-on-flash\n");
}

TEST(Commands, VersionNamesTheCommand) {
    for (const std::string& binary : {query_binary(), index_binary()}) {
        const CommandResult result = run_command({binary, "--version"});
        EXPECT_EQ(result.exit_code, 0);
        const std::string name = binary.substr(binary.rfind('/') + 1);
        EXPECT_EQ(result.out, name + " " + MLSYS_TEST_VERSION + "\n");
    }
}

TEST_P(QueryCommand, UsageErrorsExitOne) {
    EXPECT_EQ(query({"--year", "soon"}).exit_code, 1);
    EXPECT_EQ(query({"--format", "xml"}).exit_code, 1);
    EXPECT_EQ(query({"--facets", "title"}).exit_code, 1);
    EXPECT_EQ(query({"--sort", "sideways"}).exit_code, 1);
}

// A real list (../shared/corpora) whose authors carry accents ("Christopher Ré", "Mathias
// Lécuyer"): a name written without them finds their papers. (One item of the list has the
// year "20189": --keep-going skips it.)
struct HswordList {
    static std::vector<std::string> files() { return {"corpora/hsword-awesome-ml-system-papers.md"}; }
};

class AccentedNamesOnARealList : public SharedListsSuite<HswordList> {
  protected:
    static std::string ids(std::vector<std::string> args) {
        args.insert(args.begin(), {"--format", "ids"});
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }
};

TEST_F(AccentedNamesOnARealList, AnAuthorFilterNeedsNoAccents) {
    const std::string re = "mlsys21-pipemare\nmlsys20-understanding\nvldb20-snorkel\nisca17-understanding\n";
    EXPECT_EQ(ids({"--author", "Christopher Ré"}), re);
    EXPECT_EQ(ids({"--author", "Christopher Re"}), re);
    EXPECT_EQ(ids({"--author", "mathias lecuyer"}), "osdi21-privacy\n");
    EXPECT_EQ(ids({"--author", "Jose Suarez-Varela"}), "sigcomm19-challenging\n");
}

TEST_F(AccentedNamesOnARealList, AnUnaccentedWordFindsTheAccentedName) {
    EXPECT_EQ(ids({"--limit", "1", "Mathias Lecuyer"}), "osdi21-privacy\n");
    EXPECT_EQ(ids({"lecuyer"}), ids({"Lécuyer"}));
    EXPECT_EQ(ids({"author:\"christopher re\"", "--sort", "year"}),
              ids({"--author", "Christopher Ré", "--sort", "year"}));
}

class RealListQueries : public SharedListsSuite<OpenMlsysBib> {
  protected:
    static CommandResult query(std::vector<std::string> args) {
        args.insert(args.begin(), "--no-facets");
        return SharedListsSuite::query(args);
    }
};

TEST_F(RealListQueries, FilterNoticesAndExclusions) {
    // ICRA, ICCV and ICML are each two edits from ICFP; the list has them 6, 4 and 3 times.
    EXPECT_EQ(query({"--venue", "ICFP"}).out, "(no venue ICFP in this index; closest: ICRA, ICCV, ICML)\n0 papers\n");
    EXPECT_EQ(query({"--year", "2030"}).out, "(no year 2030 in this index; it holds 1958..2023)\n0 papers\n");
    const Json all = Json::parse(query({"--format", "json"}).out);
    const Json gpu = Json::parse(query({"--format", "json", "gpu"}).out);
    const Json without_gpu = Json::parse(query({"--format", "json", "--", "-gpu"}).out);
    EXPECT_EQ(without_gpu["total"].get<int>() + gpu["total"].get<int>(), all["total"].get<int>());
    EXPECT_EQ(without_gpu["results"][0]["year"], 2023);  // newest first
}

}  // namespace
}  // namespace mlsys::testing
