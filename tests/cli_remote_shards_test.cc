// A sharded deployment end to end: mlsys-index --shards 2 writes the bundled list as two shards
// and a stub; two stock xapian-tcpsrv processes on 127.0.0.1 serve one shard each; mlsys-query
// searches through a stub of `remote` lines, and through the local stub, and must answer every
// kind of search (words, filters, facets and their exact counts, sorting, paging, related work)
// exactly as it does on the same papers in one database.
#include "test_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

namespace mlsys::testing {
namespace {

using Json = nlohmann::ordered_json;

// A port no one listens on now: the system picks it for a socket bound to port 0.
int unused_port() {
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool bound = ::bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                       ::getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(socket_fd);
    if (!bound) throw std::runtime_error("cannot bind a socket on 127.0.0.1");
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool connected = ::connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(socket_fd);
    return connected;
}

// The stock xapian-tcpsrv serving one database on 127.0.0.1, on a port that was free; stopped
// (SIGTERM, then waited for) on destruction, and killed with the test process should it die first.
class TcpServer {
  public:
    TcpServer(const std::string& database, const std::string& log) {
        // Another process may take the free port before the server binds it: then try another.
        for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) start(database, log, unused_port());
        if (port_ == 0) throw std::runtime_error("xapian-tcpsrv did not start: " + read_file(log));
    }
    ~TcpServer() { stop(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    int port() const { return port_; }

  private:
    void start(const std::string& database, const std::string& log, int port) {
        const std::string port_text = std::to_string(port);
        pid_ = fork();
        if (pid_ == 0) {
            // Its own process group: on SIGTERM xapian-tcpsrv signals its whole group (its
            // connections' processes), which would otherwise be this test and its runner.
            ::setpgid(0, 0);
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
            ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port_text.c_str(),
                     database.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        for (int tries = 0; tries < 200; ++tries) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: the port was taken, or no server
                pid_ = -1;
                return;
            }
            if (accepts_connections(port)) {
                port_ = port;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        stop();
    }

    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }

    pid_t pid_ = -1;
    int port_ = 0;
};

enum class Stub { Local, Remote };

// One index of the bundled list, the same papers as two shards with their stub (mlsys-index
// --shards 2), and a stub listing the shards as served by xapian-tcpsrv; built once.
class ShardedDeployment : public ::testing::TestWithParam<Stub> {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<ScratchDir>();
        index({"--db", *dir_ / "single", bundled_papers()});
        index({"--db", sharded(), "--shards", "2", bundled_papers()});
        for (const std::string shard : {"shard-0", "shard-1"}) {
            servers_.push_back(std::make_unique<TcpServer>(sharded() + "/" + shard, *dir_ / (shard + ".log")));
        }
        dir_->write_file("remote.stub", "remote 127.0.0.1:" + std::to_string(servers_[0]->port()) +
                                            "\nremote 127.0.0.1:" + std::to_string(servers_[1]->port()) + "\n");
    }
    static void TearDownTestSuite() {
        servers_.clear();
        dir_.reset();
    }

    static void index(std::vector<std::string> args) {
        args.insert(args.begin(), {index_binary(), "--quiet"});
        const CommandResult built = run_command(args);
        ASSERT_EQ(built.exit_code, 0) << built.err;
    }
    static std::string sharded() { return *dir_ / "sharded"; }
    // The local stub is the sharded index itself: a folder whose XAPIANDB lists its shards.
    std::string stub() const { return GetParam() == Stub::Local ? sharded() : *dir_ / "remote.stub"; }

    // mlsys-query's JSON answer on `db`, without scores: what must be the same is the ids, their
    // order and every count. A score can differ with the layout: the lift that puts the papers
    // holding all of a short query's words first is the query's weight bound, which Xapian works
    // out shard by shard, and over remote shards a filtered phrase is weighed without the
    // phrase bug's decider (README, "Sharding").
    static Json answer(const std::string& db, std::vector<std::string> args) {
        args.insert(args.begin(), {query_binary(), "--db", db, "--format", "json"});
        const CommandResult result = run_command(args);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        Json json = Json::parse(result.out.empty() ? "null" : result.out);
        if (json.is_object() && json.contains("results")) {
            for (Json& hit : json["results"]) hit.erase("score");
        }
        return json;
    }

    void expect_same_answer(const std::vector<std::string>& args) const {
        const Json single = answer(*dir_ / "single", args);
        const Json sharded = answer(stub(), args);
        ASSERT_TRUE(single.is_object());
        EXPECT_GT(single["total"].get<int>(), 0) << "a comparison of empty answers proves little";
        EXPECT_TRUE(sharded == single) << "mlsys-query " << ::testing::PrintToString(args)
                                       << ": what the sharded answer changes (JSON patch): "
                                       << Json::diff(single, sharded).dump();
    }

    static inline std::unique_ptr<ScratchDir> dir_;
    static inline std::vector<std::unique_ptr<TcpServer>> servers_;
};

TEST_P(ShardedDeployment, TheShardsHoldHalfThePapersEach) {
    EXPECT_EQ(read_file(sharded() + "/XAPIANDB"), "auto shard-0\nauto shard-1\n");
    EXPECT_EQ(Xapian::Database(sharded() + "/shard-0").get_doccount(), 16u);
    EXPECT_EQ(Xapian::Database(sharded() + "/shard-1").get_doccount(), 16u);
    EXPECT_EQ(Xapian::Database(stub()).get_doccount(), 32u);
}

TEST_P(ShardedDeployment, WordsGiveTheSameRankingAndFacets) {
    expect_same_answer({"scheduling"});
    expect_same_answer({"gpu cluster"});  // a short keyword query: papers holding all its words
    expect_same_answer({"distributed deep learning training with parameter servers"});
}

TEST_P(ShardedDeployment, FiltersAndDisjunctiveFacetsCountTheSame) {
    expect_same_answer({"--venue", "OSDI", "--venue", "NSDI", "learning"});
    expect_same_answer({"--year", "2018", "--category", "training", "--facets", "venue,year,category", "model"});
    expect_same_answer({"--venue", "EuroSys", "--facet-values", "all"});
}

TEST_P(ShardedDeployment, SortingByYearListsTheSameOrder) {
    expect_same_answer({"--sort", "year", "learning"});
    expect_same_answer({"--sort", "-year", "learning"});
    // No words: every paper, by year then id (18 papers share 2018).
    expect_same_answer({"--sort", "year", "--limit", "32"});
    expect_same_answer({"--limit", "32"});
}

TEST_P(ShardedDeployment, PagesAreTheSame) {
    expect_same_answer({"--limit", "3", "--offset", "3", "learning"});
    expect_same_answer({"--limit", "5", "--offset", "10", "--year", "2018"});
}

TEST_P(ShardedDeployment, RelatedWorkIsTheSame) {
    expect_same_answer({"--related", "osdi18-gandiva"});
    expect_same_answer({"--related", "osdi18-gandiva", "--explain", "--venue", "NSDI"});
    expect_same_answer({"--like", "Scheduling GPU clusters\nA scheduler for deep learning training jobs"});
}

// --stats counts the whole index: a stub's database would give its first shard's metadata alone.
TEST_P(ShardedDeployment, StatsCountEveryShard) {
    const auto stats = [](const std::string& db) {
        const CommandResult result = run_command({query_binary(), "--db", db, "--stats", "--format", "json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return Json::parse(result.out.empty() ? "null" : result.out);
    };
    const Json single = stats(*dir_ / "single");
    const Json whole = stats(stub());
    EXPECT_EQ(whole["papers"], 32);
    EXPECT_EQ(whole["terms"], single["terms"]);
    EXPECT_EQ(whole["facets"], single["facets"]);
    EXPECT_EQ(whole["sources"], Json::parse(R"([{"file": ")" + std::filesystem::canonical(bundled_papers()).string() +
                                            R"(", "papers": 32}])"));
    std::string latest;
    for (const std::string shard : {"shard-0", "shard-1"})
        latest = std::max(latest, Xapian::Database(sharded() + "/" + shard).get_metadata("mlsys:updated"));
    EXPECT_FALSE(latest.empty());
    EXPECT_EQ(whole["updated"], latest);
}

// Xapian 1.4 writes one database at a time: an update of a sharded index rewrites it whole, in
// as many shards, and keeps the papers its inputs do not hold, each record as it was.
TEST(ShardedIndex, AnUpdateKeepsTheShardsAndEveryOtherPaper) {
    const ScratchDir dir;
    std::vector<std::string> lines;
    std::istringstream papers(read_file(bundled_papers()));
    for (std::string line; std::getline(papers, line);) lines.push_back(line + "\n");
    std::string first, last;
    for (std::size_t i = 0; i < lines.size(); ++i) (i + 2 < lines.size() ? first : last) += lines[i];
    const std::string db = dir / "sharded";
    const auto index = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {index_binary(), "--db", db});
        return run_command(args);
    };
    ASSERT_EQ(index({"--shards", "2", "--quiet", dir.write_file("first.jsonl", first)}).exit_code, 0);
    const std::map<std::string, std::string> before = records_in(db);
    ASSERT_EQ(before.size(), 30u);
    const CommandResult update = index({dir.write_file("last.jsonl", last)});
    ASSERT_EQ(update.exit_code, 0) << update.err;
    const std::map<std::string, std::string> after = records_in(db);
    EXPECT_EQ(after.size(), 32u);
    for (const auto& [id, record] : before) EXPECT_EQ(after.count(id) ? after.at(id) : "<gone>", record) << id;
    EXPECT_NE(update.out.find("2 added, 0 updated, 0 removed, 0 unchanged"), std::string::npos) << update.out;
    EXPECT_EQ(read_file(db + "/XAPIANDB"), "auto shard-0\nauto shard-1\n");
    const std::string all_ids = dir / "all";
    ASSERT_EQ(run_command({index_binary(), "--db", all_ids, "--quiet", bundled_papers()}).exit_code, 0);
    EXPECT_EQ(ids_matching(Xapian::Database(db), Xapian::Query::MatchAll),
              ids_matching(Xapian::Database(all_ids), Xapian::Query::MatchAll));

    // --shards 1 merges the shards back into one database.
    ASSERT_EQ(index({"--shards", "1", "--rebuild", "--quiet", bundled_papers()}).exit_code, 0);
    EXPECT_FALSE(std::filesystem::exists(db + "/XAPIANDB"));
    EXPECT_EQ(Xapian::Database(db).get_doccount(), 32u);
}

INSTANTIATE_TEST_SUITE_P(Stubs, ShardedDeployment, ::testing::Values(Stub::Local, Stub::Remote),
                         [](const ::testing::TestParamInfo<Stub>& info) {
                             return std::string(info.param == Stub::Local ? "Local" : "Remote");
                         });

}  // namespace
}  // namespace mlsys::testing
