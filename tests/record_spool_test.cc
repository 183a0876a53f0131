// Unit tests of the temporary file that holds a run's records (indexer/record_spool).
#include "mlsys/indexer/record_spool.h"

#include "mlsys/schema/schema.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace mlsys::indexer {
namespace {

using Strings = std::vector<std::string>;

// A record with every field of the table set, unknown keys and repeats.
ReadRecord full_record() {
    ReadRecord record;
    Paper& p = record.paper;
    p.id = "osdi18-gandiva";
    p.title = "Gandiva: Introspective Cluster Scheduling for Deep Learning";
    p.venue = "OSDI";
    p.year = 2018;
    p.categories = {"Training/Scheduling", "Systems"};
    p.authors = {"Wencong Xiao", "Romil Bhardwaj"};
    p.abstract = std::string(3000, 'a') + " é ünïcode";
    p.url = "https://www.usenix.org/conference/osdi18/presentation/xiao";
    p.doi = "10.5555/3291168.3291212";
    p.keywords = {"gpu", "scheduling"};
    p.references = {"nsdi17-clipper"};
    p.citations = {"sosp19-pipedream", "eurosys19-ray"};
    p.aliases = {"xiao2018gandiva"};
    p.sources = {"/lists/a.md:12"};
    p.extra = Json::parse(R"({"note": "kept", "nested": {"list": [1, "two", null]}})");
    record.where = {"/lists/a.md", 12};
    record.id_origin = IdOrigin::SourceKey;
    record.repeats = {{"/lists/a.md", 40}, {"/lists/b.md", 3}};
    return record;
}

void expect_same(const ReadRecord& back, const ReadRecord& given) {
    EXPECT_EQ(to_json(back.paper), to_json(given.paper));
    EXPECT_EQ(back.paper.year, given.paper.year);
    EXPECT_EQ(back.where.file, given.where.file);
    EXPECT_EQ(back.where.line, given.where.line);
    EXPECT_EQ(back.id_origin, given.id_origin);
    ASSERT_EQ(back.repeats.size(), given.repeats.size());
    for (std::size_t i = 0; i < given.repeats.size(); ++i) {
        EXPECT_EQ(back.repeats[i].file, given.repeats[i].file);
        EXPECT_EQ(back.repeats[i].line, given.repeats[i].line);
    }
}

ReadRecord numbered(std::size_t i) {
    ReadRecord record;
    record.paper.id = "p" + std::to_string(i);
    record.paper.title = "Paper " + std::to_string(i);
    record.paper.abstract = std::string(1000 + i % 7, static_cast<char>('a' + i % 26));
    if (i % 3 != 0) record.paper.year = 2000 + static_cast<int>(i % 20);
    record.where = {i % 2 ? "/lists/odd.jsonl" : "/lists/even.jsonl", i + 1};
    record.id_origin = i % 2 ? IdOrigin::Chosen : IdOrigin::Derived;
    return record;
}

TEST(RecordSpool, EveryFieldComesBackAsGiven) {
    RecordSpool spool;
    const ReadRecord given = full_record();
    spool.add(given);
    ASSERT_EQ(spool.size(), 1u);
    expect_same(spool.record(0), given);
}

TEST(RecordSpool, EmptyFieldsStayEmpty) {
    RecordSpool spool;
    ReadRecord given;
    given.paper.id = "bare";
    given.where = {"x.jsonl", 1};
    spool.add(given);
    const ReadRecord back = spool.record(0);
    EXPECT_FALSE(back.paper.year.has_value());
    EXPECT_TRUE(back.paper.extra.is_object());
    EXPECT_TRUE(back.paper.extra.empty());
    EXPECT_TRUE(back.paper.authors.empty());
    EXPECT_TRUE(back.repeats.empty());
    expect_same(back, given);
}

// What no reader gives but a record may hold: a year before year 1, unknown fields that are
// not an object.
TEST(RecordSpool, OddYearsAndExtrasComeBackAsGiven) {
    RecordSpool spool;
    for (const int year : {-1, 0, -2026, 2026}) {
        ReadRecord given;
        given.paper.id = "y" + std::to_string(year);
        given.paper.year = year;
        given.paper.extra = year < 0 ? Json() : Json::array({1, 2});
        given.where = {"x.jsonl", 1};
        spool.add(given);
        const ReadRecord back = spool.record(spool.size() - 1);
        EXPECT_EQ(back.paper.year, year);
        EXPECT_EQ(back.paper.extra, given.paper.extra);
    }
}

// 3,000 records of about 1 KB: most are read back from the file, the last from what is not
// yet written to it.
TEST(RecordSpool, RecordsWrittenOutAndRecordsStillBufferedReadBackAlike) {
    RecordSpool spool;
    constexpr std::size_t kCount = 3000;
    for (std::size_t i = 0; i < kCount; ++i) spool.add(numbered(i));
    ASSERT_EQ(spool.size(), kCount);
    for (std::size_t i = 0; i < kCount; ++i) expect_same(spool.record(i), numbered(i));
    const std::vector<ReadRecord> all = spool.records();
    ASSERT_EQ(all.size(), kCount);
    EXPECT_EQ(all[2999].paper.id, "p2999");
}

TEST(RecordSpool, ThreadsReadTheSameRecords) {
    RecordSpool spool;
    constexpr std::size_t kCount = 2000;
    for (std::size_t i = 0; i < kCount; ++i) spool.add(numbered(i));
    std::vector<Strings> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t i = 0; i < kCount; ++i) seen[t].push_back(spool.record(i).paper.abstract);
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (const Strings& abstracts : seen) {
        ASSERT_EQ(abstracts.size(), kCount);
        for (std::size_t i = 0; i < kCount; ++i) ASSERT_EQ(abstracts[i], numbered(i).paper.abstract) << i;
    }
}

// TMPDIR set for one test, then as it was.
class TemporaryFolder {
  public:
    explicit TemporaryFolder(const std::string& folder) {
        if (const char* before = std::getenv("TMPDIR")) before_ = before;
        ::setenv("TMPDIR", folder.c_str(), 1);
    }
    ~TemporaryFolder() {
        if (before_) {
            ::setenv("TMPDIR", before_->c_str(), 1);
        } else {
            ::unsetenv("TMPDIR");
        }
    }

  private:
    std::optional<std::string> before_;
};

TEST(RecordSpool, ItsFileGoesWhereTmpdirSays) {
    const testing::ScratchDir dir;
    const TemporaryFolder tmpdir(dir.path().string());
    RecordSpool spool;
    spool.add(full_record());
    expect_same(spool.record(0), full_record());
}

TEST(RecordSpool, AMissingTemporaryFolderIsNamed) {
    const testing::ScratchDir dir;
    const std::string missing = (dir.path() / "no-such-folder").string();
    const TemporaryFolder tmpdir(missing);
    try {
        RecordSpool spool;
        FAIL() << "a spool in a missing folder";
    } catch (const IndexError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot make the temporary file of records read in " + missing +
                                             ": No such file or directory (TMPDIR names another folder)");
    }
}

}  // namespace
}  // namespace mlsys::indexer
