// Readers during writes, and two writers: queries run in a loop (through the search API and
// through mlsys-query) while mlsys-index updates, rebuilds and prunes the same index; each
// answer must be the answer of one whole commit. A second mlsys-index waits for the first with
// --wait, or says that another one is writing. Labelled "concurrency": the ThreadSanitizer
// stage of scripts/test.sh runs these.
#include "test_support.h"

#include "mlsys/query/search.h"
#include "mlsys/schema/document.h"
#include "mlsys/schema/schema.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>

namespace mlsys::testing {
namespace {

namespace fs = std::filesystem;
using query::HitDetail;
using query::QueryText;
using query::Searcher;
using query::SearchRequest;

std::string shared(const std::string& file) {
    return source_dir() + "/../shared/" + file;
}

// The ids of every paper matching "learning", as one answer of the search API.
Ids answer(Searcher& searcher) {
    SearchRequest request;
    request.match = QueryText{"learning"};
    request.facets.clear();
    request.limit = 100000;
    Ids ids;
    for (const query::Hit& hit : searcher.search(request, HitDetail::IdsOnly).hits) ids.insert(hit.paper.id);
    return ids;
}

Ids answer_now(const std::string& db) {
    Searcher searcher(db);
    return answer(searcher);
}

// What a reader saw: the answer, and how many writes had finished before and after it.
struct Seen {
    std::size_t done_before = 0;
    std::size_t done_after = 0;
    Ids ids;
};

class ReadersDuringWrites : public ::testing::Test {
  protected:
    ReadersDuringWrites() : db_(dir_ / "db"), list_(dir_ / "list.md") {
        const std::string list = read_file(shared("corpora/byungsoo-oh-ml-systems-papers.md"));
        whole_ = lines_of(list, 0.4);
        shrunk_ = lines_of(list, 0.2);
    }

    // The first `share` of `text`'s bytes, to the end of a line.
    static std::string lines_of(const std::string& text, double share) {
        return text.substr(0, text.find('\n', static_cast<std::size_t>(text.size() * share)) + 1);
    }

    // mlsys-index on the index with `options`; a copy of byungsoo-oh's list, its first 40% (whole)
    // or 20% (--prune then removes the rest: every record of the list reads, so it is read whole).
    void index(std::vector<std::string> options, bool whole_list) {
        std::ofstream(list_, std::ios::binary | std::ios::trunc) << (whole_list ? whole_ : shrunk_);
        std::vector<std::string> argv{index_binary(), "--db", db_, "--quiet", "--keep-going"};
        argv.insert(argv.end(), options.begin(), options.end());
        argv.insert(argv.end(), {shared("seed/mlsys-list.md"), list_, bundled_papers()});
        const CommandResult result = run_command(argv);
        ASSERT_EQ(result.exit_code, 0) << result.err;
    }

    // Readers on the search API (a Searcher per query, as mlsys-query runs, and one kept open
    // throughout, as a server would) and on mlsys-query, until `stop`.
    void read_until_stopped(std::function<Ids()> read, std::vector<Seen>& seen, std::atomic<std::size_t>& failures) {
        while (!stop_) {
            Seen one;
            one.done_before = done_;
            try {
                one.ids = read();
            } catch (const std::exception& e) {
                ++failures;
                ADD_FAILURE() << "a query failed during a write: " << e.what();
                continue;
            }
            one.done_after = done_;
            seen.push_back(std::move(one));
        }
    }

    Ids query_command() const {
        const CommandResult result =
            run_command({query_binary(), "--db", db_, "--format", "ids", "--limit", "100000", "learning"});
        if (result.exit_code != 0) throw std::runtime_error("mlsys-query: " + result.err);
        Ids ids;
        std::istringstream lines(result.out);
        for (std::string id; std::getline(lines, id);) ids.insert(id);
        return ids;
    }

    ScratchDir dir_;
    const std::string db_;
    const std::string list_;
    std::string whole_;
    std::string shrunk_;
    std::atomic<bool> stop_{false};
    std::atomic<std::size_t> done_{0};  // writes finished
};

TEST_F(ReadersDuringWrites, EveryAnswerIsTheAnswerOfOneWholeCommit) {
    index({"--jobs", "1"}, false);
    std::vector<Ids> states{answer_now(db_)};  // states[k]: the answer after k writes
    std::atomic<std::size_t> failures{0};
    std::vector<Seen> fresh, kept, command;
    Searcher long_lived(db_);
    std::thread fresh_reader([&] { read_until_stopped([&] { return answer_now(db_); }, fresh, failures); });
    std::thread kept_reader([&] { read_until_stopped([&] { return answer(long_lived); }, kept, failures); });
    std::thread command_reader([&] { read_until_stopped([&] { return query_command(); }, command, failures); });
    const std::vector<std::pair<std::vector<std::string>, bool>> writes{
        {{}, true},                                                             // an update
        {{"--prune"}, false},                                                   // a prune
        {{"--rebuild", "--jobs", "2", "--min-papers-per-shard", "100"}, true},  // a --jobs rebuild
        {{"--prune"}, false},
        {{}, true},
        {{"--rebuild", "--jobs", "1"}, false}};
    for (const auto& [options, whole] : writes) {
        index(options, whole);
        states.push_back(answer_now(db_));
        ++done_;
    }
    stop_ = true;
    fresh_reader.join();
    kept_reader.join();
    command_reader.join();
    EXPECT_EQ(failures, 0u);
    for (std::size_t k = 1; k < states.size(); ++k)
        EXPECT_NE(states[k], states[k - 1]) << "write " << k << " changed nothing";
    // A reader opening the index per query sees the commit before or after a write running
    // meanwhile; one kept open may lag behind, but never sees half a commit.
    const auto check = [&](const std::vector<Seen>& seen, bool may_lag, const char* reader) {
        EXPECT_GT(seen.size(), 0u) << reader;
        for (const Seen& one : seen) {
            bool whole = false;
            for (std::size_t k = may_lag ? 0 : one.done_before; k <= std::min(one.done_after + 1, states.size() - 1);
                 ++k) {
                whole = whole || one.ids == states[k];
            }
            EXPECT_TRUE(whole) << reader << ": " << one.ids.size() << " papers after " << one.done_before
                               << " writes, the answer of no commit";
        }
    };
    check(fresh, false, "a Searcher per query");
    check(kept, true, "one Searcher kept open");
    check(command, false, "mlsys-query");
}

// A writer holding the index's lock: this test process, through Xapian.
class SecondWriter : public ::testing::Test {
  protected:
    SecondWriter() : db_(dir_ / "db") {
        const CommandResult built = run_command({index_binary(), "--db", db_, "--quiet", shared("seed/mlsys-list.md")});
        EXPECT_EQ(built.exit_code, 0) << built.err;
    }

    std::vector<std::string> update(std::vector<std::string> options) const {
        std::vector<std::string> argv{index_binary(), "--db", db_, "--quiet"};
        argv.insert(argv.end(), options.begin(), options.end());
        argv.push_back(bundled_papers());
        return argv;
    }

    ScratchDir dir_;
    const std::string db_;
};

TEST_F(SecondWriter, WithoutWaitSaysAnotherMlsysIndexIsWriting) {
    const Xapian::WritableDatabase holder(db_, Xapian::DB_OPEN);
    const CommandResult result = run_command(update({}));
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find(db_ + " is being written by another mlsys-index"), std::string::npos) << result.err;
    EXPECT_EQ(result.err, "mlsys-index: " + db_ +
                              " is being written by another mlsys-index; wait for it to finish\n"
                              "mlsys-index: the index is unchanged\n");
}

TEST_F(SecondWriter, WaitGivesUpAfterItsSeconds) {
    const Xapian::WritableDatabase holder(db_, Xapian::DB_OPEN);
    const auto start = std::chrono::steady_clock::now();
    const CommandResult result = run_command(update({"--wait", "1"}));
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_NE(result.err.find("is being written by another mlsys-index"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("wait for it to finish, or give --wait more seconds"), std::string::npos) << result.err;
}

// The first writer commits a paper of the second's input under another id while the second
// waits: the second, finding a commit it did not read, collects again, so the paper is one
// paper, not added twice.
TEST_F(SecondWriter, WaitsForTheFirstAndWritesOnTopOfItsCommit) {
    // The same update with no other writer: the papers the index should end with.
    const std::string alone = dir_ / "alone";
    fs::copy(db_, alone, fs::copy_options::recursive);
    ASSERT_EQ(run_command({index_binary(), "--db", alone, "--quiet", bundled_papers()}).exit_code, 0);
    // A paper of the input that the index does not hold yet (it keeps its own id when added).
    const Xapian::Database alone_index(alone);
    std::istringstream lines(read_file(bundled_papers()));
    Paper paper;
    for (std::string line; std::getline(lines, line);) {
        paper = paper_from_json(Json::parse(line));
        if (alone_index.get_termfreq(schema::id_term(paper.id)) == 1 &&
            Xapian::Database(db_).get_termfreq(schema::id_term(paper.id)) == 0) {
            break;
        }
    }
    const std::string input_id = paper.id;
    paper.id = "held-first";
    const std::string log = dir_ / "second.log";
    pid_t second = 0;
    {
        Xapian::WritableDatabase holder(db_, Xapian::DB_OPEN);
        second = start_command(update({"--wait", "120"}), log);
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        int status = 0;
        ASSERT_EQ(waitpid(second, &status, WNOHANG), 0) << "the second writer did not wait: " << read_file(log);
        holder.add_document(DocumentBuilder().build(paper));
        holder.commit();
    }
    int status = 0;
    ASSERT_EQ(waitpid(second, &status, 0), second);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << read_file(log);
    const Xapian::Database db(db_);
    // Once, under the id its papers JSONL list chose (the first writer's id is retired); had the
    // second writer not collected again, both ids would be there, the paper twice.
    EXPECT_EQ(db.get_termfreq(schema::id_term("held-first")), 0u);
    EXPECT_EQ(db.get_termfreq(schema::id_term(input_id)), 1u);
    ASSERT_EQ(alone_index.get_termfreq(schema::id_term(input_id)), 1u);
    EXPECT_EQ(db.get_doccount(), alone_index.get_doccount());
}

}  // namespace
}  // namespace mlsys::testing
