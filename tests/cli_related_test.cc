// End-to-end tests of mlsys-query --related / --like / --explain: the real binary on an index of
// the bundled list.
#include "bundled_index_fixture.h"

#include "mlsys/schema/schema.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

namespace mlsys::testing {
namespace {

using Json = nlohmann::ordered_json;

class RelatedCommand : public BundledIndexSuite<> {
  protected:
    std::vector<std::string> ids(std::vector<std::string> args) const {
        args.insert(args.end(), {"--format", "ids"});
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        std::vector<std::string> lines;
        std::istringstream in(result.out);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        return lines;
    }

    Json json(std::vector<std::string> args) const {
        args.insert(args.end(), {"--format", "json"});
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }

    // The papers of `expected` missing from the first `n` results related to `id`.
    std::set<std::string> missing_from_top(const std::string& id, std::size_t n, std::set<std::string> expected) const {
        for (const std::string& found : ids({"--related", id, "--limit", std::to_string(n)})) expected.erase(found);
        return expected;
    }
};

MLSYS_ON_EVERY_BACKEND(RelatedCommand);

using Ids = std::set<std::string>;

// The neighbours a researcher expects. Gandiva schedules deep-learning jobs on a GPU cluster: so
// do Optimus, SLAQ and Tiresias (the fourth "Cluster management" paper, Model Governance, is
// about governing models, not scheduling them).
TEST_P(RelatedCommand, GandivasNeighboursAreTheOtherClusterSchedulers) {
    EXPECT_EQ(missing_from_top("osdi18-gandiva", 4, {"eurosys18-optimus", "socc17-slaq", "nsdi19-tiresias"}), Ids{});
}

// Names are indexed as free text, but a surname is no topic: Tux² shares "xiao" and "zhou" with
// Gandiva only through its authors, so those words are never expansion words; the authors the
// two papers share count whole, as a signal of their own, and --related-authors 0 drops them.
TEST_P(RelatedCommand, AuthorNamesCountOnlyAsWholeSharedAuthors) {
    const std::set<std::string> name_words{"xiao", "wencong", "lidong", "zhou", "wu", "miao"};
    const Json with_authors = json({"--related", "nsdi17-tux2", "--explain", "--limit", "10"});
    std::set<std::string> shared_with_gandiva;
    for (const Json& result : with_authors["results"]) {
        for (const Json& reason : result["explain"]) {
            const std::string value = reason["value"];
            if (reason["signal"] == "author") {
                if (result["id"] == "osdi18-gandiva") shared_with_gandiva.insert(value);
                continue;
            }
            EXPECT_EQ(name_words.count(value), 0u) << result["id"] << ": " << reason.dump();
        }
    }
    EXPECT_EQ(shared_with_gandiva, (std::set<std::string>{"Wencong Xiao", "Lidong Zhou"}));
    const Json without = json({"--related", "nsdi17-tux2", "--explain", "--limit", "10", "--related-authors", "0"});
    for (const Json& result : without["results"]) {
        for (const Json& reason : result["explain"]) {
            EXPECT_NE(reason["signal"], "author") << result["id"];
            EXPECT_EQ(name_words.count(reason["value"].get<std::string>()), 0u)
                << result["id"] << ": " << reason.dump();
        }
    }
}

// Clipper serves predictions: so do Cellular Batching, DeepCPU and PRETZEL, and Neurosurgeon
// splits inference between the cloud and the edge. (Continuum and Ray, which serve models too,
// may stand among them.)
TEST_P(RelatedCommand, ClippersNeighboursAreTheServingSystems) {
    EXPECT_EQ(
        missing_from_top("nsdi17-clipper", 6,
                         {"eurosys18-cellular-batching", "atc18-deepcpu", "osdi18-pretzel", "asplos17-neurosurgeon"}),
        Ids{});
}

// Poseidon is about communication in distributed training: Parameter Hub (a parameter server),
// BML (gradient synchronisation) and Orpheus (sufficient-factor broadcasting, as Poseidon uses).
TEST_P(RelatedCommand, PoseidonsNeighboursIncludeTheCommunicationPapers) {
    EXPECT_EQ(missing_from_top("atc17-poseidon", 6, {"socc18-parameter-hub", "neurips18-bml", "socc18-orpheus"}),
              Ids{});
}

TEST_P(RelatedCommand, ADraftAbstractFindsTheSchedulers) {
    const std::vector<std::string> found =
        ids({"--like",
             "Scheduling deep learning training jobs on shared GPU clusters\n"
             "We schedule many deep learning training jobs on a shared GPU cluster, placing and preempting "
             "them to cut job completion time.",
             "--limit", "4"});
    const Ids top(found.begin(), found.end());
    for (const std::string id : {"eurosys18-optimus", "nsdi19-tiresias", "osdi18-gandiva"})
        EXPECT_EQ(top.count(id), 1u) << id;
}

TEST_P(RelatedCommand, LikeReadsTheDraftFromAFile) {
    const std::string draft = dir().write_file(
        "draft.txt", "Low-latency prediction serving\nA system that serves model predictions with low latency.\n");
    EXPECT_EQ(
        ids({"--like", "@" + draft, "--limit", "3"}),
        ids({"--like", "Low-latency prediction serving\nA system that serves model predictions with low latency.\n",
             "--limit", "3"}));
    const CommandResult missing = query({"--like", "@" + (dir() / "no-such-draft.txt")});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("no-such-draft.txt"), std::string::npos) << missing.err;
}

TEST_P(RelatedCommand, UnknownIdExitsTwoNamingIt) {
    const CommandResult result = query({"--related", "osdi18-nope"});
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find("osdi18-nope"), std::string::npos) << result.err;
    EXPECT_EQ(result.out, "");
}

// As git takes a short hash: the start of one id will do, and says which paper it took.
TEST_P(RelatedCommand, AUniquePrefixOfAnIdNamesThePaper) {
    EXPECT_EQ(ids({"--related", "osdi18-gand", "--limit", "4"}), ids({"--related", "osdi18-gandiva", "--limit", "4"}));
    const CommandResult result = query({"--related", "osdi18-r", "--limit", "1", "--no-facets"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out.rfind("Related to osdi18-ray: Ray: A Distributed Framework for Emerging AI Applications\n", 0),
              0u)
        << result.out;
}

TEST_P(RelatedCommand, AnAmbiguousPrefixExitsTwoListingTheIdsItBegins) {
    const CommandResult four = query({"--related", "eurosys18"});
    EXPECT_EQ(four.exit_code, 2);
    EXPECT_EQ(four.err,
              "mlsys-query: --related: ambiguous id \"eurosys18\": eurosys18-cellular-batching, "
              "eurosys18-dynamic-control-flow, eurosys18-optimus, eurosys18-recursion\n");
    EXPECT_EQ(four.out, "");
    const CommandResult six = query({"--related", "nsdi1"});
    EXPECT_EQ(six.exit_code, 2);
    EXPECT_EQ(six.err,
              "mlsys-query: --related: ambiguous id \"nsdi1\": nsdi17-clipper, nsdi17-gaia, nsdi17-tux2, "
              "nsdi19-blas-on-flash, nsdi19-janus (and 1 more)\n");
}

TEST_P(RelatedCommand, AnUnknownIdExitsTwoSuggestingTheClosestIds) {
    const CommandResult year = query({"--related", "osdi17-gandiva"});
    EXPECT_EQ(year.exit_code, 2);
    EXPECT_EQ(year.err, "mlsys-query: --related: no paper with id \"osdi17-gandiva\"; closest: osdi18-gandiva\n");
    const CommandResult name = query({"--related", "clipper"});
    EXPECT_EQ(name.exit_code, 2);
    EXPECT_EQ(name.err, "mlsys-query: --related: no paper with id \"clipper\"; closest: nsdi17-clipper\n");
    const CommandResult nothing_close = query({"--related", "vldb21-xyzzy"});
    EXPECT_EQ(nothing_close.exit_code, 2);
    EXPECT_EQ(nothing_close.err,
              "mlsys-query: --related: no paper with id \"vldb21-xyzzy\", and no id is close to it\n");
}

TEST_P(RelatedCommand, ConflictingSourcesAreUsageErrors) {
    const std::string batch = dir().write_file("queries.tsv", "q1\tserving\n");
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--related", "osdi18-gandiva", "scheduling"},
                                                 {"--related", "osdi18-gandiva", "--like", "GPU scheduling"},
                                                 {"--like", "GPU scheduling", "--batch", batch},
                                                 {"--related", "osdi18-gandiva", "--batch", batch},
                                                 {"--explain", "scheduling"}}) {
        const CommandResult result = query(args);
        EXPECT_EQ(result.exit_code, 1) << args.front() << " " << args.back() << ": " << result.err;
        EXPECT_FALSE(result.err.empty());
    }
}

TEST_P(RelatedCommand, JsonNamesTheSourceAndExplainsEachResult) {
    const Json plain = json({"--related", "osdi18-gandiva", "--limit", "3"});
    EXPECT_EQ(plain["related"]["id"], "osdi18-gandiva");
    EXPECT_EQ(plain["related"]["title"], "Gandiva: Introspective Cluster Scheduling for Deep Learning");
    for (const Json& result : plain["results"]) EXPECT_FALSE(result.contains("explain"));

    const Json explained = json({"--related", "osdi18-gandiva", "--limit", "3", "--explain"});
    ASSERT_EQ(explained["results"].size(), 3u);
    for (const Json& result : explained["results"]) {
        ASSERT_TRUE(result["explain"].is_array()) << result.dump();
        double sum = 0;
        for (const Json& reason : result["explain"]) {
            EXPECT_TRUE(reason["signal"].is_string());
            EXPECT_TRUE(reason["value"].is_string());
            sum += reason["weight"].get<double>();
        }
        EXPECT_NEAR(sum, result["score"].get<double>(), 1e-6);
    }
    // Optimus shares Gandiva's subject: cluster, job and scheduling words explain it.
    const Json& optimus = *std::find_if(explained["results"].begin(), explained["results"].end(),
                                        [](const Json& r) { return r["id"] == "eurosys18-optimus"; });
    std::set<std::string> words;
    for (const Json& reason : optimus["explain"]) words.insert(reason["value"].get<std::string>());
    EXPECT_TRUE(words.count("cluster") || words.count("clusters"));
    EXPECT_TRUE(words.count("job") || words.count("jobs"));

    const Json draft = json({"--like", "GPU cluster scheduling", "--limit", "1"});
    EXPECT_EQ(draft["like"]["title"], "GPU cluster scheduling");
    EXPECT_FALSE(draft.contains("related"));
}

TEST_P(RelatedCommand, TextShowsTheSourceAndWhyUnderEachResult) {
    const CommandResult result = query({"--related", "osdi18-gandiva", "--limit", "2", "--explain", "--no-facets"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(
        result.out.rfind("Related to osdi18-gandiva: Gandiva: Introspective Cluster Scheduling for Deep Learning\n", 0),
        0u)
        << result.out;
    std::size_t why_lines = 0;
    for (std::size_t at = result.out.find("\n   why: "); at != std::string::npos;
         at = result.out.find("\n   why: ", at + 1)) {
        ++why_lines;
    }
    EXPECT_EQ(why_lines, 2u) << result.out;
}

TEST_P(RelatedCommand, FiltersFacetsAndPagingWork) {
    const Json nsdi = json({"--related", "osdi18-gandiva", "--venue", "NSDI"});
    ASSERT_FALSE(nsdi["results"].empty());
    for (const Json& result : nsdi["results"]) EXPECT_EQ(result["venue"], "NSDI");
    Json::size_type venue_total = 0;
    const Json all = json({"--related", "osdi18-gandiva", "--limit", "0"});
    for (const Json& value : all["facets"]["venue"]) venue_total += value["count"].get<Json::size_type>();
    EXPECT_EQ(venue_total, all["total"].get<Json::size_type>());  // the source is not counted
    EXPECT_LT(all["total"].get<int>(), 32);

    const std::vector<std::string> first_six = ids({"--related", "nsdi17-clipper", "--limit", "6"});
    const std::vector<std::string> next_three = ids({"--related", "nsdi17-clipper", "--offset", "3", "--limit", "3"});
    EXPECT_EQ(next_three, std::vector<std::string>(first_six.begin() + 3, first_six.end()));
}

TEST_P(RelatedCommand, EveryFormatWritesTheRelatedPapers) {
    const std::vector<std::string> expected = ids({"--related", "nsdi17-clipper", "--limit", "5"});
    ASSERT_EQ(expected.size(), 5u);

    const CommandResult trec = query({"--related", "nsdi17-clipper", "--limit", "5", "--format", "trec"});
    ASSERT_EQ(trec.exit_code, 0) << trec.err;
    std::istringstream lines(trec.out);
    std::vector<std::string> trec_ids;
    for (std::string qid, q0, id, rank, score, tag; lines >> qid >> q0 >> id >> rank >> score >> tag;)
        trec_ids.push_back(id);
    EXPECT_EQ(trec_ids, expected);

    const CommandResult bibtex = query({"--related", "nsdi17-clipper", "--limit", "5", "--format", "bibtex"});
    ASSERT_EQ(bibtex.exit_code, 0) << bibtex.err;
    for (const std::string& id : expected) EXPECT_NE(bibtex.out.find("{" + id + ",\n"), std::string::npos) << id;

    const CommandResult text = query({"--related", "nsdi17-clipper", "--limit", "5", "--format", "text"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("Related to nsdi17-clipper: Clipper"), std::string::npos);
}

// The real Semantic Scholar export (../shared/corpora), whose papers carry their citation links.
struct SemanticScholarExport {
    static constexpr const char* kName = "s2";
    static constexpr const char* kExtension = ".csv";

    static std::string csv() { return read_file(source_dir() + "/../shared/corpora/mlsys-seed-papers-s2.csv"); }

    // The rows after the header; a quoted field may hold line breaks.
    static std::vector<std::string> records() {
        const std::string text = csv();
        std::vector<std::string> rows;
        bool quoted = false;
        std::size_t start = text.find('\n') + 1;
        for (std::size_t i = start; i < text.size(); ++i) {
            if (text[i] == '"') quoted = !quoted;  // an escaped quote ("") toggles twice
            if (text[i] != '\n' || quoted) continue;
            rows.push_back(text.substr(start, i + 1 - start));
            start = i + 1;
        }
        if (start < text.size()) rows.push_back(text.substr(start));
        return rows;
    }

    static std::string file_of(const std::vector<std::string>& rows) {
        const std::string text = csv();
        std::string file = text.substr(0, text.find('\n') + 1);
        for (const std::string& row : rows) file += row;
        return file;
    }

    static std::vector<std::string> index_arguments() { return {"--format", "csv"}; }
};

class RelatedOnSemanticScholar : public CorpusIndexSuite<SemanticScholarExport> {
  protected:
    Json related(const std::string& id, const std::string& links, const std::string& limit) const {
        const CommandResult result = query(
            {"--related", id, "--related-citation-links", links, "--limit", limit, "--explain", "--format", "json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out);
    }

    // Short ids the indexer gives the export's papers; their Semantic Scholar ids are aliases.
    static constexpr const char* kPollux = "osdi20-pollux";
    static constexpr const char* kGandiva = "osdi18-gandiva";
    static constexpr const char* kTiresias = "nsdi19-tiresias";
    static constexpr const char* kOptimus = "eurosys18-optimus";
};

MLSYS_ON_EVERY_BACKEND(RelatedOnSemanticScholar);

// Pollux schedules deep-learning jobs on a GPU cluster. Even with every link between two papers
// of the index hidden (bench/related's setting), the three schedulers it cites come first.
TEST_P(RelatedOnSemanticScholar, PolluxsNeighboursAreTheClusterSchedulersItCites) {
    const Json held_out = related(kPollux, "outside-index", "3");
    std::vector<std::string> first;
    for (const Json& result : held_out["results"]) first.push_back(result["id"]);
    // Tiresias and Optimus score within 1% of each other, and an index of two shards, each
    // written by its own mlsys-index run, weighs them a little apart: either may come second.
    ASSERT_EQ(first.size(), 3u);
    EXPECT_EQ(first[0], kGandiva);
    EXPECT_EQ(std::set<std::string>(first.begin() + 1, first.end()), (std::set<std::string>{kTiresias, kOptimus}));
    // Nothing in the explanation names a paper of the index or a direct link.
    const Xapian::Database index(db());
    for (const Json& result : held_out["results"]) {
        for (const Json& reason : result["explain"]) {
            EXPECT_NE(reason["signal"], "citation") << reason.dump();
            const std::string value = reason["value"];
            if (reason["signal"] == "shared reference" || reason["signal"] == "shared citation") {
                EXPECT_FALSE(index.term_exists(schema::id_term(value))) << value;
            }
        }
    }
}

TEST_P(RelatedOnSemanticScholar, EveryLinkCountsByDefaultIncludingDirectCitations) {
    const Json all = related(kPollux, "all", "1");
    ASSERT_EQ(all["results"].size(), 1u);
    const Json& gandiva = all["results"][0];
    EXPECT_EQ(gandiva["id"], kGandiva);
    bool cited = false;
    for (const Json& reason : gandiva["explain"]) cited |= reason["value"] == "cited by the source";
    EXPECT_TRUE(cited) << gandiva["explain"].dump();
}

}  // namespace
}  // namespace mlsys::testing
