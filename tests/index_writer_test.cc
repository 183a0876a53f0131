// write_index: update in place, prune, rebuild beside and swap, and the spelling dictionary.
#include "mlsys/indexer/index_writer.h"

#include "mlsys/indexer/collection.h"

#include "mlsys/schema/document.h"
#include "mlsys/schema/schema.h"

#include "test_support.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mlsys::indexer {
namespace {

namespace fs = std::filesystem;
using mlsys::testing::ScratchDir;

Paper paper(const std::string& id, const std::string& title, int year = 2018) {
    Paper p;
    p.id = id;
    p.title = title;
    p.venue = "OSDI";
    p.year = year;
    p.abstract = "About " + title + ".";
    p.sources = {"/lists/papers.jsonl:1"};
    return p;
}

std::vector<Paper> three_papers() {
    return {paper("a", "Alpha systems"), paper("b", "Beta learning"), paper("c", "Gamma storage")};
}

std::set<std::string> ids_in(const std::string& db_path) {
    const Xapian::Database db(db_path);
    std::set<std::string> ids;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        ids.insert(paper_from_document(db.get_document(*it)).id);
    }
    return ids;
}

std::string title_in(const std::string& db_path, const std::string& id) {
    const Xapian::Database db(db_path);
    const std::string term = schema::id_term(id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return "<none>";
    return paper_from_document(db.get_document(*it)).title;
}

std::string summary_text(const WriteSummary& s) {
    return "added=" + std::to_string(s.added) + " updated=" + std::to_string(s.updated) +
           " removed=" + std::to_string(s.removed) + " unchanged=" + std::to_string(s.unchanged) +
           " total=" + std::to_string(s.total);
}

// Names in the index's folder that look like a rebuild left behind.
std::vector<std::string> leftovers_beside(const std::string& db_path) {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(fs::path(db_path).parent_path())) {
        const std::string name = entry.path().filename().string();
        if (name.find(".building-") != std::string::npos) found.push_back(name);
    }
    return found;
}

WriteOptions options_for(WriteMode mode, bool prune) {
    WriteOptions options;
    options.mode = mode;
    options.prune = prune;
    options.input_files = {"/lists/papers.jsonl"};  // every paper's source: prunable
    return options;
}

const WriteOptions kUpdate = options_for(WriteMode::Update, false);
const WriteOptions kPrune = options_for(WriteMode::Update, true);
const WriteOptions kRebuild = options_for(WriteMode::Rebuild, false);

TEST(WriteIndex, AddsPapersToANewIndex) {
    const ScratchDir dir;
    const std::string db = dir / "index/papers";  // parent folders are created
    EXPECT_EQ(summary_text(write_index(db, three_papers(), kUpdate)),
              "added=3 updated=0 removed=0 unchanged=0 total=3");
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "b", "c"}));
}

TEST(WriteIndex, SamePapersAgainAreUnchanged) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    EXPECT_EQ(summary_text(write_index(db, three_papers(), kUpdate)),
              "added=0 updated=0 removed=0 unchanged=3 total=3");
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "b", "c"}));
}

// Readers keep their open database, and the update time stays that of the last change.
TEST(WriteIndex, AnUpdateThatChangesNothingCommitsNoRevision) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    const Xapian::rev written = Xapian::Database(db).get_revision();
    const std::string updated = Xapian::Database(db).get_metadata("mlsys:updated");
    write_index(db, three_papers(), kUpdate);
    EXPECT_EQ(Xapian::Database(db).get_revision(), written);
    EXPECT_EQ(Xapian::Database(db).get_metadata("mlsys:updated"), updated);
    std::vector<Paper> changed = three_papers();
    changed[0].title = "Alpha systems, revised";
    write_index(db, changed, kUpdate);
    EXPECT_EQ(Xapian::Database(db).get_revision(), written + 1);
}

TEST(WriteIndex, AChangedPaperIsUpdated) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    std::vector<Paper> changed = three_papers();
    changed[1].title = "Beta learning, revised";
    EXPECT_EQ(summary_text(write_index(db, changed, kUpdate)), "added=0 updated=1 removed=0 unchanged=2 total=3");
    EXPECT_EQ(title_in(db, "b"), "Beta learning, revised");
    EXPECT_EQ(Xapian::Database(db).get_doccount(), 3u);  // replaced, not added beside
}

// Prune removes only what was read again: a paper of another file, or one indexed before
// sources were kept (its lists are unknown), stays.
TEST(WriteIndex, PruneKeepsPapersOfOtherFilesAndPapersWithoutSources) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    std::vector<Paper> papers = three_papers();
    papers[1].sources = {"/lists/other.md:7"};
    papers[2].sources.clear();
    write_index(db, papers, kUpdate);
    EXPECT_EQ(summary_text(write_index(db, {papers[0]}, kPrune)), "added=0 updated=0 removed=0 unchanged=1 total=3");
}

TEST(WriteIndex, PruneRemovesPapersNotInTheInput) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    const std::vector<Paper> two{paper("a", "Alpha systems"), paper("c", "Gamma storage")};
    EXPECT_EQ(summary_text(write_index(db, two, kPrune)), "added=0 updated=0 removed=1 unchanged=2 total=2");
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "c"}));
}

TEST(WriteIndex, UpdateWithoutPruneKeepsTheOthers) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    const std::vector<Paper> one_new_one_changed{paper("d", "Delta"), paper("a", "Alpha systems", 2019)};
    EXPECT_EQ(summary_text(write_index(db, one_new_one_changed, kUpdate)),
              "added=1 updated=1 removed=0 unchanged=0 total=4");
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "b", "c", "d"}));
}

TEST(WriteIndex, RebuildComparesWithTheOldIndexAndHoldsExactlyTheNewSet) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    const std::vector<Paper> next{paper("b", "Beta learning, revised"), paper("c", "Gamma storage"),
                                  paper("d", "Delta")};
    EXPECT_EQ(summary_text(write_index(db, next, kRebuild)), "added=1 updated=1 removed=1 unchanged=1 total=3");
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"b", "c", "d"}));
    EXPECT_EQ(title_in(db, "b"), "Beta learning, revised");
    EXPECT_EQ(leftovers_beside(db), std::vector<std::string>{});
    EXPECT_EQ(Xapian::Database(db).get_metadata(std::string(schema::kSchemaVersionKey)), schema::kSchemaVersion);
}

TEST(WriteIndex, RebuildWithoutAnOldIndexAddsEverything) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    EXPECT_EQ(summary_text(write_index(db, three_papers(), kRebuild)),
              "added=3 updated=0 removed=0 unchanged=0 total=3");
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "b", "c"}));
    EXPECT_EQ(leftovers_beside(db), std::vector<std::string>{});
}

TEST(WriteIndex, RebuildOfAPathWithATrailingSlash) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    EXPECT_EQ(summary_text(write_index(db + "/", {paper("d", "Delta")}, kRebuild)),
              "added=1 updated=0 removed=3 unchanged=0 total=1");
    EXPECT_EQ(ids_in(db), std::set<std::string>{"d"});
}

TEST(WriteIndex, SetsTheSchemaVersion) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    EXPECT_EQ(Xapian::Database(db).get_metadata(std::string(schema::kSchemaVersionKey)), "5");
}

// An index from before version 2 has no citation-link terms; its records can be byte-identical
// to today's, and the update must still rewrite their documents.
TEST(WriteIndex, AnUpdateOfAnOlderSchemaRewritesUnchangedRecords) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    std::vector<Paper> papers = three_papers();
    papers[0].references = {"ext-1"};
    write_index(db, papers, kUpdate);
    const std::string link = schema::boolean_term(schema::FieldId::References, "ext-1");
    {
        Xapian::WritableDatabase older(db);
        const Xapian::docid doc = *older.postlist_begin(link);
        Xapian::Document without_links = older.get_document(doc);
        without_links.remove_term(link);
        older.replace_document(doc, without_links);
        older.set_metadata(std::string(schema::kSchemaVersionKey), "1");
    }
    ASSERT_EQ(Xapian::Database(db).get_termfreq(link), 0u);
    EXPECT_EQ(summary_text(write_index(db, papers, kUpdate)), "added=0 updated=0 removed=0 unchanged=3 total=3");
    EXPECT_EQ(Xapian::Database(db).get_termfreq(link), 1u);
    EXPECT_EQ(Xapian::Database(db).get_metadata(std::string(schema::kSchemaVersionKey)), schema::kSchemaVersion);
}

TEST(WriteIndex, SpellingDictionaryForgetsTheWordsOfAReplacedPaper) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    std::vector<Paper> papers = three_papers();
    papers[0].title = "Zebrafish imaging";
    papers[0].abstract = "";
    write_index(db, papers, kUpdate);
    EXPECT_EQ(Xapian::Database(db).get_spelling_suggestion("zebrafis"), "zebrafish");
    papers[0].title = "Fish imaging";
    write_index(db, papers, kUpdate);
    EXPECT_EQ(Xapian::Database(db).get_spelling_suggestion("zebrafis"), "");
    EXPECT_EQ(Xapian::Database(db).get_spelling_suggestion("fisk"), "fish");
}

TEST(WriteIndex, SpellingDictionaryCountsEveryPaperThatHasAWord) {
    // Two papers have the word: replacing one of them must not forget it.
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, {paper("a", "Zebrafish imaging"), paper("b", "Zebrafish genomes")}, kUpdate);
    write_index(db, {paper("a", "Fish imaging"), paper("b", "Zebrafish genomes")}, kUpdate);
    EXPECT_EQ(Xapian::Database(db).get_spelling_suggestion("zebrafis"), "zebrafish");
    write_index(db, {paper("a", "Fish imaging")}, kPrune);  // b goes: so does its word
    EXPECT_EQ(Xapian::Database(db).get_spelling_suggestion("zebrafis"), "");
}

// The dictionary's changes are summed and handed over at each flush: every word and count must
// come out as with no flush at all.
TEST(WriteIndex, SpellingDictionaryIsTheSameWhateverTheFlushes) {
    const ScratchDir dir;
    std::vector<Paper> papers;
    const std::vector<std::string> words_in_turn{"alpha", "beta", "gamma"};
    for (int i = 0; i < 7; ++i) papers.push_back(paper("p" + std::to_string(i), "Zebrafish " + words_in_turn[i % 3]));
    WriteOptions once;
    once.mode = WriteMode::Rebuild;
    once.flush_every = 0;
    WriteOptions every_two = once;
    every_two.flush_every = 2;
    write_index(dir / "once", papers, once);
    write_index(dir / "every-two", papers, every_two);
    const auto dictionary = [](const std::string& db) {
        std::map<std::string, Xapian::doccount> words;
        const Xapian::Database opened(db);
        for (auto word = opened.spellings_begin(); word != opened.spellings_end(); ++word)
            words[*word] = word.get_termfreq();
        return words;
    };
    const auto words = dictionary(dir / "every-two");
    EXPECT_EQ(words, dictionary(dir / "once"));
    EXPECT_EQ(words.at("zebrafish"), 14u);  // title and abstract of seven papers
    EXPECT_EQ(words.at("alpha"), 6u);       // papers 0, 3 and 6, title and abstract
}

TEST(WriteIndex, RebuildHasOnlyTheNewPapersWords) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, {paper("a", "Zebrafish imaging")}, kUpdate);
    write_index(db, {paper("a", "Fish imaging")}, kRebuild);
    EXPECT_EQ(Xapian::Database(db).get_spelling_suggestion("zebrafis"), "");
    EXPECT_EQ(Xapian::Database(db).get_spelling_suggestion("imagin"), "imaging");
}

TEST(WriteIndex, AFailedUpdateLeavesTheIndexAsItWas) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    const std::string before = mlsys::testing::fingerprint(db);
    // Xapian refuses terms longer than 245 bytes: the second paper fails after the first was put.
    const std::vector<Paper> next{paper("d", "Delta"), paper(std::string(300, 'x'), "Too long an id")};
    EXPECT_ANY_THROW(write_index(db, next, kUpdate));
    EXPECT_EQ(mlsys::testing::fingerprint(db), before);
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "b", "c"}));
}

TEST(WriteIndex, AFailedRebuildLeavesTheIndexAsItWasAndNothingBeside) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    const std::string before = mlsys::testing::fingerprint(db);
    const std::vector<Paper> next{paper("d", "Delta"), paper(std::string(300, 'x'), "Too long an id")};
    EXPECT_ANY_THROW(write_index(db, next, kRebuild));
    EXPECT_EQ(mlsys::testing::fingerprint(db), before);
    EXPECT_EQ(leftovers_beside(db), std::vector<std::string>{});
}

TEST(WriteIndex, AShardedBuildMatchesASingleOne) {
    ScratchDir dir;
    std::vector<Paper> papers;
    for (int i = 0; i < 7; ++i)
        papers.push_back(paper("p" + std::to_string(i), "Title " + std::to_string(i) + " zebrafish"));
    WriteOptions single;
    single.mode = WriteMode::Rebuild;
    WriteOptions sharded = single;
    sharded.jobs = 3;
    sharded.min_papers_per_shard = 2;
    EXPECT_EQ(summary_text(write_index(dir / "single", papers, single)),
              "added=7 updated=0 removed=0 unchanged=0 total=7");
    EXPECT_EQ(summary_text(write_index(dir / "sharded", papers, sharded)),
              "added=7 updated=0 removed=0 unchanged=0 total=7");
    EXPECT_EQ(ids_in(dir / "sharded"), ids_in(dir / "single"));
    // The shards' spelling tables are merged: seven papers say "zebrafish" in title and abstract.
    const Xapian::Database merged(dir / "sharded");
    auto spelling = merged.spellings_begin();
    spelling.skip_to("zebrafish");
    ASSERT_NE(spelling, merged.spellings_end());
    EXPECT_EQ(*spelling, "zebrafish");
    EXPECT_EQ(spelling.get_termfreq(), 14u);
    EXPECT_EQ(Xapian::Database(dir / "sharded").get_metadata(std::string(schema::kSchemaVersionKey)),
              std::string(schema::kSchemaVersion));
    std::vector<std::string> left;
    for (const auto& entry : fs::directory_iterator(dir.path())) left.push_back(entry.path().filename().string());
    std::sort(left.begin(), left.end());
    EXPECT_EQ(left, (std::vector<std::string>{"sharded", "single"}));

    papers.pop_back();
    papers[0].title = "Changed";
    EXPECT_EQ(summary_text(write_index(dir / "sharded", papers, sharded)),
              "added=0 updated=1 removed=1 unchanged=5 total=6");
}

// A collection's papers are made in the shards' threads: merged records, stored papers'
// other sources and links all come out as in a build of one thread.
TEST(WriteIndex, ACollectionBuildsInShardsAsInOne) {
    ScratchDir dir;
    std::vector<Paper> before;
    for (int i = 0; i < 10; ++i) {
        Paper p = paper("old" + std::to_string(i), "Title " + std::to_string(i) + " zebrafish");
        p.sources = {"/lists/other.jsonl:" + std::to_string(i + 1)};
        p.keywords = {"kept from the other list"};
        before.push_back(p);
    }
    write_index(dir / "before", before, kRebuild);
    std::vector<ReadRecord> records;
    for (std::size_t i = 0; i < 40; ++i) {
        Paper p = paper("p" + std::to_string(i % 30), "Title " + std::to_string(i % 30) + " zebrafish");
        if (i >= 30) p.id = "repeat" + std::to_string(i);  // the same title: one paper with p(i-30)
        p.sources.clear();
        // Links by the ids the records had: p3 cites p2 and itself under its other record's id.
        if (i > 0 && i < 30) p.references = {"p" + std::to_string(i - 1), "repeat" + std::to_string(i + 30)};
        records.push_back({p, {"/lists/papers.jsonl", i + 1}, i >= 30 ? IdOrigin::SourceKey : IdOrigin::Chosen, {}});
    }
    const Xapian::Database index(dir / "before");
    CollectOptions collect;
    collect.index = &index;
    collect.input_files = {"/lists/papers.jsonl"};
    const Collection collection = collect_papers(records, collect);
    ASSERT_EQ(collection.papers->size(), 30u);
    EXPECT_EQ(collection.merged_records, 10u);
    WriteOptions single = kRebuild;
    WriteOptions sharded = single;
    sharded.jobs = 3;
    sharded.min_papers_per_shard = 2;
    write_index(dir / "single", *collection.papers, single);
    write_index(dir / "sharded", *collection.papers, sharded);
    const auto records_of_one = mlsys::testing::records_in(dir / "single");
    EXPECT_EQ(mlsys::testing::records_in(dir / "sharded"), records_of_one);
    const Paper p3 = paper_from_json(Json::parse(records_of_one.at("old3")));
    EXPECT_EQ(p3.keywords, std::vector<std::string>{"kept from the other list"});
    EXPECT_EQ(p3.aliases, (std::vector<std::string>{"p3", "repeat33"}));
    EXPECT_EQ(p3.references, std::vector<std::string>{"old2"});
    EXPECT_EQ(p3.sources,
              (std::vector<std::string>{"/lists/papers.jsonl:4", "/lists/papers.jsonl:34", "/lists/other.jsonl:4"}));
}

// A scratch folder whose maker died (a killed rebuild) goes with the next write; what is not
// provably one stays: another name, a live maker, a link, a file, another index's folder.
TEST(WriteIndex, RemovesTheScratchFoldersOfDeadRunsAndNothingElse) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    const pid_t dead = fork();
    if (dead == 0) _exit(0);
    waitpid(dead, nullptr, 0);
    const std::string pid = std::to_string(dead);
    const fs::path abandoned = dir.path() / ("db.building-" + pid + "-a1B2c3");
    fs::create_directories(abandoned / "index");
    std::ofstream(abandoned / "index" / "postlist.glass") << "half an index";
    std::ofstream(abandoned / "owner") << "";  // its lock went with its maker
    // A folder whose maker's pid is gone here but whose owner lock is held: a live run in
    // another pid namespace.
    const fs::path live_elsewhere = dir.path() / ("db.building-" + pid + "-lockd1");
    fs::create_directory(live_elsewhere);
    const int owner = ::open((live_elsewhere / "owner").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    ASSERT_EQ(::flock(owner, LOCK_EX | LOCK_NB), 0);
    const std::vector<std::string> folders{"db.building-1-a1B2c3",  // pid 1 is alive
                                           "db.building-" + std::to_string(getpid()) + "-a1B2c3",
                                           "db.building-" + pid + "-a1B2c",
                                           "db.building-" + pid,
                                           "db.building-x" + pid + "-a1B2c3",
                                           "other.building-" + pid + "-a1B2c3",
                                           "target"};
    for (const std::string& folder : folders) fs::create_directory(dir.path() / folder);
    fs::create_directory_symlink(dir.path() / "target", dir.path() / ("db.building-" + pid + "-link01"));
    std::ofstream(dir.path() / ("db.building-" + pid + "-file01")) << "a file";

    write_index(db, {paper("d", "Delta")}, kUpdate);
    EXPECT_FALSE(fs::exists(abandoned));
    EXPECT_TRUE(fs::is_directory(live_elsewhere));
    ::close(owner);
    for (const std::string& folder : folders) EXPECT_TRUE(fs::is_directory(dir.path() / folder)) << folder;
    EXPECT_TRUE(fs::is_symlink(dir.path() / ("db.building-" + pid + "-link01")));
    EXPECT_TRUE(fs::is_regular_file(dir.path() / ("db.building-" + pid + "-file01")));
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "b", "c", "d"}));
}

// Papers collected against one commit are not written over another writer's later commit.
TEST(WriteIndex, RefusesToWriteOverACommitItDidNotRead) {
    const ScratchDir dir;
    const std::string db = dir / "db";
    write_index(db, three_papers(), kUpdate);
    WriteOptions stale = kUpdate;
    stale.read_state = index_state(Xapian::Database(db));
    write_index(db, {paper("d", "Delta")}, kUpdate);  // the other writer
    const std::string before = mlsys::testing::fingerprint(db);
    EXPECT_THROW(write_index(db, {paper("e", "Epsilon")}, stale), IndexChanged);
    stale.mode = WriteMode::Rebuild;
    EXPECT_THROW(write_index(db, {paper("e", "Epsilon")}, stale), IndexChanged);
    EXPECT_EQ(mlsys::testing::fingerprint(db), before);
    EXPECT_EQ(leftovers_beside(db), std::vector<std::string>{});

    WriteOptions current = kUpdate;
    current.read_state = index_state(Xapian::Database(db));
    write_index(db, {paper("e", "Epsilon")}, current);
    EXPECT_EQ(ids_in(db), (std::set<std::string>{"a", "b", "c", "d", "e"}));
}

}  // namespace
}  // namespace mlsys::indexer
