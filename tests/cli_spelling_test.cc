// Spelling on the index users run: every list of ../shared indexed together (2,535 papers).
// Names and topic words the index holds are never corrected; typos of them always are, to the
// word meant.
#include "test_support.h"

#include <nlohmann/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace mlsys::testing {
namespace {

using Json = nlohmann::ordered_json;

class AllListsSpelling : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<ScratchDir>();
        const std::string shared = source_dir() + "/../shared";
        std::vector<std::string> argv{index_binary(), "--db", db(), "--quiet", "--keep-going",
                                      shared + "/seed/mlsys-list.md"};
        for (const auto& entry : std::filesystem::directory_iterator(shared + "/corpora")) {
            const std::string extension = entry.path().extension().string();
            if (extension == ".md" || extension == ".bib" || extension == ".csv") argv.push_back(entry.path().string());
        }
        // Five records of the lists are bad (a year "20189", BibTeX entries without a key):
        // --keep-going skips them.
        const CommandResult built = run_command(argv);
        ASSERT_EQ(built.exit_code, 0) << built.err;
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static std::string db() { return *dir_ / "all"; }

    static Json search(const std::string& text) {
        const CommandResult result =
            run_command({query_binary(), "--db", db(), "--format", "json", "--no-facets", "--limit", "1", text});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }

    static inline std::unique_ptr<ScratchDir> dir_;
};

TEST_F(AllListsSpelling, ThirtyNamesAndTopicWordsOfTheIndexAreNeverCorrected) {
    for (const char* word :
         {"orca", "tvm", "ray", "alpa", "Tux²", "stoica", "gandiva", "tiresias", "pipedream", "clipper",
          "pytorch", "tensorflow", "megatron", "vllm", "deepspeed", "zero", "flashattention", "sglang", "zaharia",
          "llama", "quantization", "speculative", "pagedattention", "allreduce", "rdma", "nccl", "checkpointing",
          "straggler", "sparsity", "kubernetes"}) {
        const Json response = search(word);
        EXPECT_TRUE(response["corrected"].is_null()) << word << " → " << response["corrected"];
        EXPECT_GT(response["total"].get<int>(), 0) << word;
    }
}

TEST_F(AllListsSpelling, ThirtyTyposAreCorrectedToTheWordMeant) {
    const std::vector<std::pair<std::string, std::string>> typos{
        {"schedulng", "scheduling"},     {"distribted", "distributed"},   {"trainng", "training"},
        {"transformr", "transformer"},   {"infrence", "inference"},       {"paralelism", "parallelism"},
        {"gradeint", "gradient"},        {"compresion", "compression"},   {"quantizaton", "quantization"},
        {"speculativ", "speculative"},   {"memroy", "memory"},            {"clustr", "cluster"},
        {"serivng", "serving"},          {"pipline", "pipeline"},         {"federatd", "federated"},
        {"recomendation", "recommendation"}, {"acelerator", "accelerator"}, {"throughtput", "throughput"},
        {"latncy", "latency"},           {"optimzation", "optimization"}, {"tensorflw", "tensorflow"},
        {"pytorh", "pytorch"},           {"gandvia", "gandiva"},          {"megatorn", "megatron"},
        {"stoika", "stoica"},            {"zahria", "zaharia"},           {"attenton", "attention"},
        {"sparsty", "sparsity"},         {"kernal", "kernel"},            {"clipepr", "clipper"}};
    for (const auto& [typo, meant] : typos) {
        const Json response = search(typo);
        EXPECT_EQ(response["corrected"], meant) << typo;
        // Nothing holds the typo, so the results are the correction's.
        EXPECT_EQ(response["showing_corrected"], true) << typo;
        EXPECT_GT(response["total"].get<int>(), 0) << typo;
    }
}

TEST_F(AllListsSpelling, AStopwordIsNeverRewrittenAndAloneSearchesItself) {
    EXPECT_EQ(search("mixtrue of experts")["corrected"], "mixture of experts");
    for (const char* text : {"the", "a", "of"}) {
        const Json response = search(text);
        EXPECT_TRUE(response["corrected"].is_null()) << text;
        EXPECT_GT(response["total"].get<int>(), 0) << text;
    }
}

}  // namespace
}  // namespace mlsys::testing
