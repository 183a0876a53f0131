// Queries on the index users run: every list of ../shared indexed together (2,535 papers).
// Short keyword queries count the papers holding all their words; names and topic words the
// index holds are never corrected, and typos of them always are, to the word meant.
#include "bundled_index_fixture.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mlsys::testing {
namespace {

using Json = nlohmann::ordered_json;

// Every list of ../shared: the seed list and each Markdown, BibTeX and CSV list of corpora/.
// Five of their records are bad (a year "20189", BibTeX entries without a key): --keep-going
// skips them.
struct AllSharedLists {
    static std::vector<std::string> files() {
        std::vector<std::string> files{"seed/mlsys-list.md"};
        for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/../shared/corpora")) {
            const std::string extension = entry.path().extension().string();
            if (extension == ".md" || extension == ".bib" || extension == ".csv") {
                files.push_back("corpora/" + entry.path().filename().string());
            }
        }
        std::sort(files.begin() + 1, files.end());  // as the shell's glob lists them
        return files;
    }
};

class AllLists : public SharedListsSuite<AllSharedLists> {
  protected:
    // `text` searched with `options` (no facets unless they name some).
    static Json search(const std::string& text, std::vector<std::string> options = {"--no-facets"}) {
        options.insert(options.begin(), {"--format", "json", "--limit", "1", text});
        const CommandResult result = query(options);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }
};

// The papers a facet counts, summed over its values.
int facet_total(const Json& response, const std::string& facet) {
    int total = 0;
    for (const Json& value : response["facets"][facet]) total += value["count"].get<int>();
    return total;
}

TEST_F(AllLists, KeywordQueriesCountThePapersHoldingAllTheirWords) {
    // 371 papers hold one of the three words; 11 hold all, enough to be the answer.
    const Json scheduling = search("gpu cluster scheduling", {"--facets", "year"});
    EXPECT_EQ(scheduling["total"], 11);
    EXPECT_EQ(scheduling["matching_all"], 11);
    EXPECT_EQ(facet_total(scheduling, "year"), 11);
    EXPECT_EQ(search("gpu cluster scheduling", {"--no-facets", "--match", "any"})["total"], 371);
    // Speculative decoding: the papers holding both words, not the 71 holding "decoding" or
    // "speculative"; each year of the facet is one of theirs.
    const Json decoding = search("speculative decoding", {"--facets", "year"});
    EXPECT_EQ(decoding["total"], 26);
    EXPECT_EQ(facet_total(decoding, "year"), 26);
}

TEST_F(AllLists, ThirtyNamesAndTopicWordsOfTheIndexAreNeverCorrected) {
    for (const char* word : {"orca",     "tvm",      "ray",           "alpa",        "Tux²",           "stoica",
                             "gandiva",  "tiresias", "pipedream",     "clipper",     "pytorch",        "tensorflow",
                             "megatron", "vllm",     "deepspeed",     "zero",        "flashattention", "sglang",
                             "zaharia",  "llama",    "quantization",  "speculative", "pagedattention", "allreduce",
                             "rdma",     "nccl",     "checkpointing", "straggler",   "sparsity",       "kubernetes"}) {
        const Json response = search(word);
        EXPECT_TRUE(response["corrected"].is_null()) << word << " → " << response["corrected"];
        EXPECT_GT(response["total"].get<int>(), 0) << word;
    }
}

TEST_F(AllLists, ThirtyTyposAreCorrectedToTheWordMeant) {
    const std::vector<std::pair<std::string, std::string>> typos{{"schedulng", "scheduling"},
                                                                 {"distribted", "distributed"},
                                                                 {"trainng", "training"},
                                                                 {"transformr", "transformer"},
                                                                 {"infrence", "inference"},
                                                                 {"paralelism", "parallelism"},
                                                                 {"gradeint", "gradient"},
                                                                 {"compresion", "compression"},
                                                                 {"quantizaton", "quantization"},
                                                                 {"speculativ", "speculative"},
                                                                 {"memroy", "memory"},
                                                                 {"clustr", "cluster"},
                                                                 {"serivng", "serving"},
                                                                 {"pipline", "pipeline"},
                                                                 {"federatd", "federated"},
                                                                 {"recomendation", "recommendation"},
                                                                 {"acelerator", "accelerator"},
                                                                 {"throughtput", "throughput"},
                                                                 {"latncy", "latency"},
                                                                 {"optimzation", "optimization"},
                                                                 {"tensorflw", "tensorflow"},
                                                                 {"pytorh", "pytorch"},
                                                                 {"gandvia", "gandiva"},
                                                                 {"megatorn", "megatron"},
                                                                 {"stoika", "stoica"},
                                                                 {"zahria", "zaharia"},
                                                                 {"attenton", "attention"},
                                                                 {"sparsty", "sparsity"},
                                                                 {"kernal", "kernel"},
                                                                 {"clipepr", "clipper"}};
    for (const auto& [typo, meant] : typos) {
        const Json response = search(typo);
        EXPECT_EQ(response["corrected"], meant) << typo;
        // Nothing holds the typo, so the results are the correction's.
        EXPECT_EQ(response["showing_corrected"], true) << typo;
        EXPECT_GT(response["total"].get<int>(), 0) << typo;
    }
}

TEST_F(AllLists, AStopwordIsNeverRewrittenAndAloneSearchesItself) {
    EXPECT_EQ(search("mixtrue of experts")["corrected"], "mixture of experts");
    for (const char* text : {"the", "a", "of"}) {
        const Json response = search(text);
        EXPECT_TRUE(response["corrected"].is_null()) << text;
        EXPECT_GT(response["total"].get<int>(), 0) << text;
    }
}

}  // namespace
}  // namespace mlsys::testing
