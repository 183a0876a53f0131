// Unit tests of what makes records one paper (schema/identity.h), the short ids, and the
// collection that merges records into papers (indexer/collection/).
#include "mlsys/indexer/collection.h"
#include "collection/short_ids.h"
#include "mlsys/indexer/index_writer.h"
#include "mlsys/schema/identity.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mlsys::indexer {
namespace {

using mlsys::testing::ScratchDir;
using Strings = std::vector<std::string>;

Paper paper(const std::string& id, const std::string& title, const std::string& venue, std::optional<int> year,
            Strings authors = {}) {
    Paper p;
    p.id = id;
    p.title = title;
    p.venue = venue;
    p.year = year;
    p.authors = std::move(authors);
    return p;
}

ReadRecord record(Paper p, const std::string& file, std::size_t line, IdOrigin origin = IdOrigin::Derived) {
    return ReadRecord{std::move(p), SourceLocation{file, line}, origin, {}};
}

Strings ids_of(const Collection& collection) {
    Strings ids;
    for (const Paper& p : all_papers(*collection.papers)) ids.push_back(p.id);
    return ids;
}

// --- identity ------------------------------------------------------------------------------------

TEST(Identity, KeysComeFromTheDoiTheUrlAndSemanticScholarIds) {
    Paper p = paper("0a5ff7336879c99513dca6fce6ef44984ebf3f55", "Clipper", "NSDI", 2017);
    p.doi = "https://doi.org/10.5555/3154630.3154681";
    p.url = "https://arxiv.org/abs/1612.03079v2";
    p.aliases = {"crankshaw2017clipper"};
    EXPECT_EQ(schema::identity_keys(p), (Strings{"arxiv:1612.03079", "doi:10.5555/3154630.3154681",
                                                 "s2:0a5ff7336879c99513dca6fce6ef44984ebf3f55"}));
    Paper acm = paper("x", "T", "", std::nullopt);
    acm.url = "https://dl.acm.org/doi/abs/10.1145/3341301.3359646?download=true";
    EXPECT_EQ(schema::identity_keys(acm), Strings{"doi:10.1145/3341301.3359646"});
    Paper old_arxiv = paper("y", "T", "", std::nullopt);
    old_arxiv.url = "https://arxiv.org/pdf/cs/0112017.pdf";
    EXPECT_EQ(schema::identity_keys(old_arxiv), Strings{"arxiv:cs/0112017"});
    Paper s2_page = paper("z", "T", "", std::nullopt);
    s2_page.url = "https://www.semanticscholar.org/paper/Some-Title/2adcdc9e9e81147499e1372f992d25ac6265fb29";
    EXPECT_EQ(schema::identity_keys(s2_page), Strings{"s2:2adcdc9e9e81147499e1372f992d25ac6265fb29"});
    EXPECT_TRUE(schema::identity_keys(paper("plain", "T", "", std::nullopt)).empty());
}

TEST(Identity, TitlesCompareWithoutCaseAccentsPunctuationOrQuotes) {
    EXPECT_EQ(schema::title_key("“I Like the Way You Think!” — Inspecting RNNs"),
              schema::title_key("\"I like the way you think!\" - inspecting RNNs"));
    EXPECT_EQ(schema::title_key("Tux²: Distributed Graph Computation"), "tux2 distributed graph computation");
    EXPECT_EQ(schema::title_key("Pólya's {U}rn"), "polya s urn");  // LaTeX's braces keep case only
    EXPECT_EQ(schema::title_key("?!"), "");
}

TEST(Identity, ATitleIsOnePaperWithCloseYearsAndACommonAuthor) {
    const Paper conference = paper("a", "PipeMare", "MLSys", 2021, {"Bowen Yang", "Jian Zhang"});
    EXPECT_TRUE(schema::same_paper_by_title(conference, paper("b", "pipemare", "arXiv", 2019, {"B. Yang"})));
    EXPECT_FALSE(schema::same_paper_by_title(conference, paper("c", "PipeMare", "arXiv", 2018, {"B. Yang"})));
    EXPECT_TRUE(schema::same_paper_by_title(conference, paper("c", "PipeMare", "mlsys", 2016, {"B. Yang"})));
    // Without authors to compare, the years may be one apart.
    EXPECT_TRUE(schema::same_paper_by_title(conference, paper("d", "PipeMare", "arXiv", 2020)));
    EXPECT_FALSE(schema::same_paper_by_title(conference, paper("e", "PipeMare", "arXiv", 2019)));
    EXPECT_TRUE(schema::same_paper_by_title(conference, paper("e", "PipeMare", "MLSys", 2019)));  // one venue
    EXPECT_FALSE(schema::same_paper_by_title(conference, paper("e", "PipeMare", "MLSys", 2018)));
    // The same title by other people is another paper.
    EXPECT_FALSE(schema::same_paper_by_title(conference, paper("f", "PipeMare", "ICML", 2021, {"Ann Other"})));
    // A year on both sides, or a title alone says too little (BEIR corpora have no years).
    EXPECT_FALSE(schema::same_paper_by_title(paper("g", "PipeMare", "", std::nullopt), conference));
}

// --- short ids -----------------------------------------------------------------------------------

TEST(ShortIds, VenueYearAndTheShortNameOrFirstWord) {
    const auto none = [](const std::string&) { return false; };
    EXPECT_EQ(short_paper_id(paper("", "Gandiva: Introspective Cluster Scheduling", "OSDI", 2018), none),
              "osdi18-gandiva");
    EXPECT_EQ(short_paper_id(paper("", "Parameter Hub: a Rack-Scale Parameter Server", "SoCC", 2018), none),
              "socc18-parameter-hub");
    EXPECT_EQ(short_paper_id(paper("", "The Case for Learned Index Structures", "SIGMOD", 2018), none),
              "sigmod18-case");
    EXPECT_EQ(short_paper_id(paper("", "Tux²: Distributed Graph Computation", "NSDI", 2017), none), "nsdi17-tux2");
    EXPECT_EQ(short_paper_id(paper("", "Attention Is All You Need", "", 2017), none), "2017-attention");
    EXPECT_EQ(short_paper_id(paper("", "中文", "", std::nullopt), none), "paper");
}

TEST(ShortIds, AClashAddsTitleWordsThenANumberAndNeverPassesThirtyTwo) {
    const Paper p = paper("", "Optimizing CNNs on Multicores for Scalability", "ASPLOS", 2017);
    Strings taken{"asplos17-optimizing"};
    const auto is_taken = [&](const std::string& id) {
        return std::find(taken.begin(), taken.end(), id) != taken.end();
    };
    EXPECT_EQ(short_paper_id(p, is_taken), "asplos17-optimizing-cnns");
    taken = {"asplos17-optimizing", "asplos17-optimizing-cnns"};
    // "asplos17-optimizing-cnns-multicores" would pass 32 characters: a number instead.
    EXPECT_EQ(short_paper_id(p, is_taken), "asplos17-optimizing-cnns-2");
    const Paper one_word = paper("", "Ray", "OSDI", 2018);
    const auto ray_taken = [](const std::string& id) { return id == "osdi18-ray" || id == "osdi18-ray-2"; };
    EXPECT_EQ(short_paper_id(one_word, ray_taken), "osdi18-ray-3");
    EXPECT_TRUE(is_typeable_id("osdi18-ray"));
    EXPECT_FALSE(is_typeable_id("2adcdc9e9e81147499e1372f992d25ac6265fb29"));
    EXPECT_FALSE(is_typeable_id("osdi18-gandiva-introspective-cluster-scheduling-for-64250bbb"));
}

// --- the collection ------------------------------------------------------------------------------

TEST(Collection, RecordsOfOnePaperMergeIntoTheBestOfEach) {
    Paper preprint = paper("arxiv19-pipemare-asynchronous", "PipeMare: Asynchronous Pipeline Parallel DNN Training",
                           "arXiv", 2019, {"B. Yang"});
    preprint.url = "https://arxiv.org/abs/1910.05124";
    Paper conference = paper("mlsys21-pipemare-asynchronous", "PipeMare: asynchronous pipeline parallel DNN training",
                             "MLSys", 2021, {"Bowen Yang", "Jian Zhang", "Jonathan Li"});
    conference.abstract = "Pipeline parallelism without stalls.";
    std::vector<ReadRecord> records;
    records.push_back(record(preprint, "/lists/a.md", 3));
    records.push_back(record(paper("arxiv19-other", "Another Paper", "arXiv", 2019), "/lists/a.md", 4));
    records.push_back(record(conference, "/lists/b.md", 9));
    const Collection collection = collect_papers(std::move(records), {});
    ASSERT_EQ(ids_of(collection), (Strings{"mlsys21-pipemare", "arxiv19-another"}));
    const Paper merged = collection.papers->paper(0);
    EXPECT_EQ(merged.title, "PipeMare: Asynchronous Pipeline Parallel DNN Training");  // the first
    EXPECT_EQ(merged.venue, "MLSys");
    EXPECT_EQ(merged.year, 2021);
    EXPECT_EQ(merged.authors.size(), 3u);
    EXPECT_EQ(merged.abstract, "Pipeline parallelism without stalls.");
    EXPECT_EQ(merged.url, "https://arxiv.org/abs/1910.05124");
    EXPECT_EQ(merged.sources, (Strings{"/lists/a.md:3", "/lists/b.md:9"}));
    EXPECT_TRUE(merged.aliases.empty());  // made-up ids are not kept
    EXPECT_EQ(collection.merged_records, 1u);
    ASSERT_EQ(collection.merges.size(), 1u);
    EXPECT_EQ(collection.merges[0].matched_by, Strings{"title"});
}

TEST(Collection, KeysMergeAcrossTitlesAndChosenIdsAndKeysSurvive) {
    Paper csv = paper("2adcdc9e9e81147499e1372f992d25ac6265fb29", "Pollux", "OSDI", 2020);
    csv.references = {"0606676f16d581fa453f6b7b8a14fc7c4af8d025", "ffff"};
    Paper bib = paper("qiao2021pollux", "Pollux: Co-adaptive Cluster Scheduling", "OSDI", 2021);
    bib.url = "https://www.semanticscholar.org/paper/2adcdc9e9e81147499e1372f992d25ac6265fb29";
    Paper gandiva = paper("0606676f16d581fa453f6b7b8a14fc7c4af8d025", "Gandiva", "OSDI", 2018);
    Paper chosen = paper("my-gandiva", "Gandiva", "OSDI", 2018);
    std::vector<ReadRecord> records;
    records.push_back(record(csv, "/x.csv", 2, IdOrigin::SourceKey));
    records.push_back(record(gandiva, "/x.csv", 3, IdOrigin::SourceKey));
    records.push_back(record(bib, "/y.bib", 10, IdOrigin::SourceKey));
    records.push_back(record(chosen, "/z.jsonl", 1, IdOrigin::Chosen));
    const Collection collection = collect_papers(std::move(records), {});
    ASSERT_EQ(ids_of(collection), (Strings{"osdi20-pollux", "my-gandiva"}));
    const Paper pollux = collection.papers->paper(0);
    EXPECT_EQ(pollux.aliases, (Strings{"2adcdc9e9e81147499e1372f992d25ac6265fb29", "qiao2021pollux"}));
    EXPECT_EQ(pollux.references, (Strings{"my-gandiva", "ffff"}));  // links follow the new ids
    EXPECT_EQ(collection.merges[0].matched_by, Strings{"s2:2adcdc9e9e81147499e1372f992d25ac6265fb29"});
    EXPECT_EQ(collection.papers->paper(1).aliases, Strings{"0606676f16d581fa453f6b7b8a14fc7c4af8d025"});
}

TEST(Collection, SameTitleByOtherAuthorsStaysApart) {
    std::vector<ReadRecord> records;
    records.push_back(record(paper("a", "Deep Learning", "Nature", 2015, {"Yann LeCun"}), "/a.bib", 1));
    records.push_back(record(paper("b", "Deep Learning", "Nature", 2015, {"Ann Other"}), "/a.bib", 9));
    const Collection collection = collect_papers(std::move(records), {});
    EXPECT_EQ(ids_of(collection), (Strings{"nature15-deep", "nature15-deep-learning"}));
    EXPECT_EQ(collection.merged_records, 0u);
}

TEST(Collection, AChosenIdOfAnotherPaperIsAProblem) {
    std::vector<ReadRecord> records;
    records.push_back(record(paper("p1", "One", "OSDI", 2018), "/a.jsonl", 1, IdOrigin::Chosen));
    records.push_back(record(paper("p1", "Two", "OSDI", 2018), "/b.jsonl", 4, IdOrigin::Chosen));
    const Collection collection = collect_papers(std::move(records), {});
    EXPECT_EQ(ids_of(collection), Strings{"p1"});
    EXPECT_EQ(mlsys::testing::messages(collection.problems),
              Strings{"/b.jsonl:4: id: duplicate id \"p1\": /a.jsonl:1 has it for another paper"});
}

// A paper the index holds keeps its id, even when its year changed by one, and a new paper
// whose short id the index holds for another paper gets the next one.
TEST(Collection, PapersOfTheIndexKeepTheirIds) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    Paper stored = paper("osdi18-ray", "Ray: A Distributed Framework", "OSDI", 2018);
    stored.sources = {"/lists/a.md:3"};
    write_index(db, {stored}, WriteOptions{});
    const Xapian::Database index(db);

    std::vector<ReadRecord> records;
    records.push_back(record(paper("osdi19-ray-a-distributed-framework", "Ray: a distributed framework", "OSDI", 2019),
                             "/lists/a.md", 5));
    records.push_back(record(paper("osdi18-ray-tune", "Ray", "OSDI", 2018), "/lists/a.md", 6));
    CollectOptions options;
    options.index = &index;
    options.input_files = {"/lists/a.md"};
    const Collection collection = collect_papers(std::move(records), options);
    EXPECT_EQ(ids_of(collection), (Strings{"osdi18-ray", "osdi18-ray-2"}));
    EXPECT_EQ(collection.papers->paper(0).year, 2019);
    EXPECT_TRUE(collection.retired_ids.empty());
}

}  // namespace
}  // namespace mlsys::indexer
