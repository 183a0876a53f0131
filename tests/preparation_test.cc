// Query preparation: the tokenizer of query text and each named pass over its tokens.
#include "preparation.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mlsys::query {
namespace {

std::string tokenized(const std::string& text) {
    return described(tokens_of(text));
}

std::string hyphens_split(const std::string& text) {
    return text_of(split_hyphenated_words(tokens_of(text)));
}

std::string folded(const std::string& text) {
    return text_of(fold_words(tokens_of(text)));
}

TEST(Tokenizer, KnowsWordsOperatorsPhrasesAndFieldValues) {
    EXPECT_EQ(tokenized("\"deep learning\" AND title:serving data-parallel"),
              "phrase[\"deep learning\"] operator[AND] field[title:serving] word[data-parallel]");
    EXPECT_EQ(tokenized("gpu and optim* year:2017..2018"), "word[gpu] word[and] word[optim*] field[year:2017..2018]");
}

TEST(Tokenizer, BracketsAndPrefixesJoinTheTokensTheyTouch) {
    EXPECT_EQ(tokenized("-(gpu OR +tpu)"), "prefix[-]open[(]word[gpu] operator[OR] prefix[+]word[tpu]close[)]");
    EXPECT_EQ(tokenized("category:\"deep learning\""), "field[category:]phrase[\"deep learning\"]");
}

TEST(Tokenizer, APrefixedOperatorIsAWordAndALoneDashIsNoPrefix) {
    EXPECT_EQ(tokenized("-AND"), "prefix[-]word[AND]");
    EXPECT_EQ(tokenized("gpu - tpu"), "word[gpu] word[-] word[tpu]");
}

TEST(Tokenizer, AnUnclosedQuoteRunsToTheEnd) {
    EXPECT_EQ(tokenized("gpu \"deep (learning "), "word[gpu] phrase[\"deep (learning ]");
}

TEST(Tokenizer, TextOfTheTokensHasOneSpaceWhereWhiteSpaceWas) {
    EXPECT_EQ(text_of(tokens_of("  gpu\t (tpu)\n ")), "gpu (tpu)");
    EXPECT_EQ(text_of(tokens_of("\"deep\tlearning\"   serving")), "\"deep\tlearning\" serving");
    EXPECT_TRUE(tokens_of(" \t ").empty());
}

TEST(Tokenizer, AWordStandsAloneOnlyBetweenWhiteSpace) {
    const Tokens tokens = tokens_of("RDMA (RDMA RDMA) -RDMA");
    ASSERT_EQ(tokens.size(), 7u);
    EXPECT_TRUE(stands_alone(tokens, 0));
    EXPECT_FALSE(stands_alone(tokens, 2));  // after "("
    EXPECT_FALSE(stands_alone(tokens, 3));  // before ")"
    EXPECT_FALSE(stands_alone(tokens, 6));  // after "-"
}

TEST(Tokenizer, OperatorsAreTheQueryParsersInCapitals) {
    for (const char* word : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) EXPECT_TRUE(is_query_operator(word)) << word;
    for (const char* word : {"and", "Or", "ANDY", ""}) EXPECT_FALSE(is_query_operator(word)) << word;
}

TEST(PlainWords, EverythingButWordsBecomesASpaceInPlace) {
    EXPECT_EQ(word_bytes_of("\"deep\" title:x-y (é)"), " deep  title x y  é ");
}

TEST(PlainWords, FieldNamesAndBooleanValuesAreNoWords) {
    // "author:martin" that finds nothing is retried as "martin", never as the word "author".
    EXPECT_EQ(plain_words_of("author:martin"), "       martin");
    EXPECT_EQ(plain_words_of("gpu venue:icfp id:osdi18-tvm"), "gpu                         ");
    EXPECT_EQ(plain_words_of("category:\"deep learning\" x"), "                         x");
    EXPECT_EQ(plain_words_of("title:x-y nofield:z"), "      x y nofield z");
}

TEST(HyphensPass, SplitsHyphenatedAndSlashedWords) {
    EXPECT_EQ(hyphens_split("data-parallel ischaemia/reperfusion"), "data parallel ischaemia reperfusion");
    // The pieces are tokens like any other: the first keeps a field prefix, an operator is one.
    EXPECT_EQ(described(split_hyphenated_words(tokens_of("title:log-cabin gpu-AND"))),
              "field[title:log] word[cabin] word[gpu] operator[AND]");
}

TEST(HyphensPass, KeepsPrefixesPhrasesAndBooleanFieldValues) {
    for (const char* text : {"-gpu", "\"cross-link\"", "id:osdi18-tvm", "id:(osdi18-tvm)", "x--y", "gpu- -tpu", "/usr",
                             "-data-parallel", "+cross-link"}) {
        EXPECT_EQ(hyphens_split(text), text);
    }
    // A boolean value ends at white space or ')'.
    EXPECT_EQ(hyphens_split("(id:a-b)c-d id:e f-g"), "(id:a-b)c d id:e f g");
}

TEST(FoldPass, LowercasesWordsAndPhrasesButNotOperatorsOrBooleanFieldValues) {
    EXPECT_EQ(folded("Antibiotics AND \"Deep Learning\" title:GPU -RDMA ÉCOLE"),
              "antibiotics AND \"deep learning\" title:gpu -rdma ecole");
    EXPECT_EQ(folded("\"Serving AND Models\" -AND"), "\"serving AND models\" -and");
}

TEST(FoldPass, FoldsAccentsAndLookAlikesAsTheIndexerDoes) {
    EXPECT_EQ(folded("Martín \"Martín Abadi\" author:Martín"), "martin \"martin abadi\" author:martin");
    EXPECT_EQ(folded("\uFB01ne-tuning \uFF38\uFF41\uFF50\uFF49\uFF41\uFF4E TUX²"), "fine-tuning xapian tux2");
    EXPECT_EQ(folded("I\u2215O 深度学习"), "i/o 深度学习");
}

TEST(FoldPass, KeepsIdsAsWrittenAndLeavesOtherBooleanValuesToTheirFieldProcessor) {
    for (const char* text :
         {"id:osdi18-TVM", "id:\"osdi18-TVM\"", "references:OSDI18-Ray", "venue:Ｏｓｄｉ", "category:Déploiement"}) {
        EXPECT_EQ(folded(text), text);
    }
}

TEST(NegationPass, ExcludedTermsAloneBecomeNots) {
    const auto negated = [](const char* text) { return text_of(negate_exclusions_alone(tokens_of(text))); };
    EXPECT_EQ(negated("-gpu -\"parameter server\" -venue:osdi"), "NOT gpu NOT \"parameter server\" NOT venue:osdi");
    // Anything else to exclude them from leaves the query as the QueryParser reads it.
    for (const char* text : {"gpu -tpu", "-gpu +tpu", "-(gpu)", "- gpu", "NOT gpu", "-gpu tpu", ""}) {
        EXPECT_EQ(negated(text), text) << text;
    }
}

TEST(Passes, ApplyInOrderAcronymsFoldHyphensNegation) {
    std::vector<std::string> names;
    for (const PreparationPass& pass : preparation_passes()) names.emplace_back(pass.name);
    EXPECT_EQ(names, (std::vector<std::string>{"acronyms", "fold", "hyphens", "negation"}));
}

TEST(Passes, PrepareRecordsTheTextAfterEachPass) {
    const PreparedText prepared = prepare("RDMA parameter-server");
    EXPECT_EQ(described(prepared.tokens), "word[RDMA] word[parameter-server]");
    ASSERT_EQ(prepared.passes.size(), 4u);
    EXPECT_EQ(prepared.passes[0].text, "(RDMA OR \"remote direct memory access\") parameter-server");
    EXPECT_EQ(prepared.passes[1].text, "(rdma OR \"remote direct memory access\") parameter-server");
    EXPECT_EQ(prepared.passes[2].text, "(rdma OR \"remote direct memory access\") parameter server");
    EXPECT_EQ(prepared.passes[3].text, prepared.passes[2].text);
    EXPECT_EQ(prepared.text, prepared.passes[3].text);
}

TEST(Passes, ALookAlikeDashOrSlashSplitsAWordOnceFolded) {
    EXPECT_EQ(prepare("data\u2010parallel I\u2215O").text, "data parallel i o");
}

TEST(Passes, ASpelledOutFormIsExpandedBeforeHyphensSplitIt) {
    // "parameter server" is PS spelled out, but "parameter-server" is one word until the hyphens pass.
    EXPECT_EQ(prepare("Parameter Server").text, "(\"parameter server\" OR ps)");
    EXPECT_EQ(prepare("Parameter-Server").text, "parameter server");
}

}  // namespace
}  // namespace mlsys::query
