// mlsys-serve end to end: the real server on a free port, over indexes built by the real
// mlsys-index, asked over HTTP; each search answer compared with mlsys-query's on the same index.
#include "test_support.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace mlsys::testing {
namespace {

using nlohmann::json;

std::string serve_binary() {
    return MLSYS_SERVE_BINARY;
}

std::string index_of(const ScratchDir& dir, const std::string& name, const std::vector<std::string>& inputs) {
    std::vector<std::string> argv{index_binary(), "--db", dir / name, "--quiet"};
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    const CommandResult built = run_command(argv);
    EXPECT_EQ(built.exit_code, 0) << built.err;
    return dir / name;
}

// mlsys-serve on `db` and a free port, its standard error in a file; stopped with SIGTERM.
class Server {
  public:
    Server(const std::string& db, const std::string& log) : log_(log) {
        const std::string binary = serve_binary();  // made before the fork: the child only execs
        pid_ = fork();
        if (pid_ == 0) {
            const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, STDERR_FILENO);
            execl(binary.c_str(), binary.c_str(), "--db", db.c_str(), "--port", "0", "--threads", "2",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        const std::regex listening(R"(serving .* on http://127\.0\.0\.1:(\d+)/)");
        for (int tries = 0; tries < 600 && port_ == 0; ++tries) {
            std::smatch match;
            const std::string text = read_file(log_);
            if (std::regex_search(text, match, listening)) port_ = std::stoi(match[1]);
            if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (port_ == 0) ADD_FAILURE() << "mlsys-serve did not start: " << read_file(log_);
    }
    ~Server() {
        if (pid_ > 0 && exit_status_ < 0) stop();
    }

    // SIGTERM, then the exit status.
    int stop() {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_status_;
    }

    httplib::Client client() const {
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(std::chrono::seconds(30));
        client.set_url_encode(false);  // send each URL as written, as a browser's form does ('+' a space)
        return client;
    }
    std::string log() const { return read_file(log_); }

  private:
    std::string log_;
    pid_t pid_ = -1;
    int port_ = 0;
    int exit_status_ = -1;
};

// What an error answer must be: the status, and the JSON body naming it.
void expect_error(const httplib::Result& result, int status, const std::string& message) {
    ASSERT_TRUE(result) << httplib::to_string(result.error());
    EXPECT_EQ(result->status, status) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(json::parse(result->body), (json{{"error", message}, {"status", status}})) << result->body;
}

class ServeApiTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<ScratchDir>();
        db_ = index_of(*dir_, "papers", {bundled_papers()});
        server_ = std::make_unique<Server>(db_, *dir_ / "serve.log");
    }
    static void TearDownTestSuite() {
        server_.reset();
        dir_.reset();
    }

    static httplib::Result get(const std::string& path) { return server_->client().Get(path.c_str()); }

    // mlsys-query's standard output on the same index.
    static std::string query(std::vector<std::string> args) {
        std::vector<std::string> argv{query_binary(), "--db", db_};
        argv.insert(argv.end(), args.begin(), args.end());
        const CommandResult result = run_command(argv);
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return result.out;
    }

    // The answer to GET `path`: 200 with `content_type`, its body.
    static std::string body_of(const std::string& path,
                               const std::string& content_type = "application/json; charset=utf-8") {
        const httplib::Result result = get(path);
        if (!result) {
            ADD_FAILURE() << path << ": " << httplib::to_string(result.error());
            return "";
        }
        EXPECT_EQ(result->status, 200) << path << ": " << result->body;
        EXPECT_EQ(result->get_header_value("Content-Type"), content_type) << path;
        return result->body;
    }

    static std::unique_ptr<ScratchDir> dir_;
    static std::string db_;
    static std::unique_ptr<Server> server_;
};

std::unique_ptr<ScratchDir> ServeApiTest::dir_;
std::string ServeApiTest::db_;
std::unique_ptr<Server> ServeApiTest::server_;

TEST_F(ServeApiTest, SearchIsWhatMlsysQueryWritesAsJson) {
    const std::string served = body_of("/api/search?q=parameter+server");
    EXPECT_EQ(served, query({"--format", "json", "parameter", "server"}));
    EXPECT_GT(json::parse(served)["total"].get<int>(), 0);
}

TEST_F(ServeApiTest, FiltersSortAndPagingMapAsTheOptionsDo) {
    const std::string served =
        body_of("/api/search?q=training&venue=OSDI&venue=nsdi&year=2016..2019&sort=-year&limit=3&offset=1");
    EXPECT_EQ(served, query({"--format", "json", "--venue", "OSDI", "--venue", "nsdi", "--year", "2016..2019", "--sort",
                             "-year", "--limit", "3", "--offset", "1", "training"}));
    const json response = json::parse(served);
    EXPECT_EQ(response["limit"], 3);
    EXPECT_EQ(response["offset"], 1);
    const std::string by_author =
        body_of("/api/search?q=gpu+communication&category=Deep+learning%2FTraining&author=Eric+P.+Xing&match=any");
    EXPECT_EQ(by_author, query({"--format", "json", "--category", "Deep learning/Training", "--author", "Eric P. Xing",
                                "--match", "any", "gpu", "communication"}));
    EXPECT_EQ(json::parse(by_author)["results"][0]["id"], "atc17-poseidon");
    // %2B is a plus sign, kept: c++ is one word with its pluses, not "c" and spaces.
    EXPECT_EQ(json::parse(body_of("/api/search?q=c%2B%2B"))["query"], "c++");
}

TEST_F(ServeApiTest, AnEmptyQueryListsEveryPaper) {
    const std::string served = body_of("/api/search");
    EXPECT_EQ(served, query({"--format", "json"}));
    EXPECT_EQ(json::parse(served)["total"], 32);
}

TEST_F(ServeApiTest, RelatedWorkIsWhatRelatedAndLikeWrite) {
    EXPECT_EQ(body_of("/api/related?id=osdi18-gandiva&limit=5"),
              query({"--format", "json", "--related", "osdi18-gandiva", "--limit", "5"}));
    const std::string draft = "Scheduling deep learning jobs on GPU clusters\nWe time-slice GPUs among training jobs.";
    const httplib::Result posted = server_->client().Post("/api/related?venue=OSDI", draft, "text/plain");
    ASSERT_TRUE(posted);
    EXPECT_EQ(posted->status, 200) << posted->body;
    EXPECT_EQ(posted->body, query({"--format", "json", "--venue", "OSDI", "--like", draft}));
    const json as_json = {{"title", "Scheduling deep learning jobs on GPU clusters"},
                          {"abstract", "We time-slice GPUs among training jobs."}};
    const httplib::Result posted_json =
        server_->client().Post("/api/related?venue=OSDI", as_json.dump(), "application/json");
    ASSERT_TRUE(posted_json);
    EXPECT_EQ(posted_json->body, posted->body);
}

TEST_F(ServeApiTest, APaperIsWhatShowWrites) {
    EXPECT_EQ(body_of("/api/papers/osdi18-gandiva"), query({"--show", "osdi18-gandiva", "--format", "json"}));
    EXPECT_EQ(body_of("/api/papers/osdi18-gand"), query({"--show", "osdi18-gandiva", "--format", "json"}));
    EXPECT_EQ(body_of("/api/papers/osdi18-gandiva.bib", "text/plain; charset=utf-8"),
              query({"--show", "osdi18-gandiva", "--format", "bibtex"}));
    EXPECT_EQ(body_of("/api/search.bib?q=gandiva", "text/plain; charset=utf-8"),
              query({"--format", "bibtex", "gandiva"}));
}

TEST_F(ServeApiTest, StatsAndHealth) {
    EXPECT_EQ(json::parse(body_of("/healthz")), (json{{"status", "ok"}}));
    const json stats = json::parse(body_of("/api/stats"));
    EXPECT_EQ(stats["papers"], 32);
    EXPECT_EQ(stats["db"], db_);
    const json all = json::parse(query({"--format", "json", "--facet-values", "all", "--limit", "0"}));
    EXPECT_EQ(stats["values"]["venue"], all["facets"]["venue"].size());
    EXPECT_EQ(stats["values"]["year"], all["facets"]["year"].size());
}

TEST_F(ServeApiTest, BadParametersAre400) {
    expect_error(get("/api/search?q=gpu&limt=5"), 400, "unknown parameter \"limt\"");
    expect_error(get("/api/search?limit=101"), 400,
                 "parameter \"limit\" takes a whole number from 0 to 100, not \"101\"");
    expect_error(get("/api/search?offset=-1"), 400,
                 "parameter \"offset\" takes a whole number from 0 to 10000, not \"-1\"");
    expect_error(get("/api/search?sort=sideways"), 400,
                 "parameter \"sort\" takes one of -year, relevance, year, not \"sideways\"");
    expect_error(get("/api/search?q=a&q=b"), 400, "parameter \"q\" given 2 times; give it once");
    expect_error(get("/api/related"), 400, "parameter \"id\" names the paper; give it");
    const httplib::Result empty_draft = server_->client().Post("/api/related", " \n", "text/plain");
    expect_error(empty_draft, 400, "the draft is empty: POST its title, a newline and its abstract");
    // The library's own error for an empty year range, as mlsys-query reports it.
    const CommandResult cli = run_command({query_binary(), "--db", db_, "--year", "2019..2017"});
    EXPECT_EQ(cli.exit_code, 2);
    expect_error(get("/api/search?year=2019..2017"), 400,
                 cli.err.substr(std::string("mlsys-query: ").size(), cli.err.size() - 14));
}

TEST_F(ServeApiTest, UnknownIdsAndPathsAre404) {
    const CommandResult cli = run_command({query_binary(), "--db", db_, "--show", "nosuchpaper"});
    EXPECT_EQ(cli.exit_code, 2);
    const std::string message = cli.err.substr(std::string("mlsys-query: --show: ").size());
    expect_error(get("/api/papers/nosuchpaper"), 404, message.substr(0, message.size() - 1));
    const httplib::Result related = get("/api/related?id=nosuchpaper");
    ASSERT_TRUE(related);
    EXPECT_EQ(related->status, 404) << related->body;
    expect_error(get("/nowhere"), 404, "no such page: /nowhere");
    expect_error(get("/../../etc/passwd"), 404, "no such page: /../../etc/passwd");
    expect_error(get("/api/nothing"), 404, "no such page: /api/nothing");
}

TEST_F(ServeApiTest, TooLargeIs413) {
    expect_error(get("/api/search?q=" + std::string(1001, 'a')), 413, "parameter \"q\" is 1001 bytes; at most 1000");
    const httplib::Result big = server_->client().Post("/api/related", std::string(70 * 1024, 'a'), "text/plain");
    expect_error(big, 413, "request body over 65536 bytes");
    std::string many = "/api/search?";
    for (int i = 0; i < 21; ++i) many += "venue=v" + std::to_string(i) + "&";
    expect_error(get(many), 413, "parameter \"venue\" given 21 times; at most 20");
}

TEST_F(ServeApiTest, ThePageIsTheEmbeddedFilesWithSecurityHeaders) {
    const httplib::Result page = get("/");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 200);
    EXPECT_EQ(page->body, read_file(source_dir() + "/serve/assets/index.html"));
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    const std::string policy = page->get_header_value("Content-Security-Policy");
    EXPECT_NE(policy.find("script-src 'self';"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
    EXPECT_EQ(page->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(page->body.find("<script>"), std::string::npos) << "no inline script";
    EXPECT_EQ(body_of("/app.js", "text/javascript; charset=utf-8"), read_file(source_dir() + "/serve/assets/app.js"));
    EXPECT_EQ(body_of("/app.css", "text/css; charset=utf-8"), read_file(source_dir() + "/serve/assets/app.css"));
    EXPECT_EQ(get("/api/search")->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServeApiTest, EachRequestLogsOneLine) {
    ASSERT_TRUE(get("/healthz?probe=1"));
    ASSERT_TRUE(get("/api/papers/nosuchpaper"));
    const std::regex health(R"(\n\S+Z GET /healthz 400 [0-9.]+ms\n)");
    const std::regex paper(R"(\n\S+Z GET /api/papers/nosuchpaper 404 [0-9.]+ms\n)");
    // The server logs a request once its answer is sent: give the line a moment to follow.
    std::string log = server_->log();
    for (int tries = 0; tries < 100 && !std::regex_search(log, paper); ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        log = server_->log();
    }
    EXPECT_TRUE(std::regex_search(log, health)) << log;
    EXPECT_TRUE(std::regex_search(log, paper)) << log;
}

TEST(ServeStartTest, AMissingIndexIsExitCode3) {
    const ScratchDir dir;
    const CommandResult result = run_command({serve_binary(), "--db", dir / "missing", "--port", "0"});
    EXPECT_EQ(result.exit_code, 3);
    EXPECT_EQ(result.err, "mlsys-serve: no index at " + dir / "missing" + ": build it with `mlsys-index --db " +
                              dir / "missing" + " data/papers.jsonl`\n");
}

// A title holding markup comes back as data: JSON, never sniffed as HTML.
TEST(ServeMarkupTest, MarkupInTheIndexComesBackAsJsonText) {
    const ScratchDir dir;
    const std::string db = index_of(dir, "xss", {source_dir() + "/tests/browser/xss-papers.jsonl"});
    Server server(db, dir / "serve.log");
    const httplib::Result result = server.client().Get("/api/search?q=scheduling");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json; charset=utf-8");
    EXPECT_EQ(result->get_header_value("X-Content-Type-Options"), "nosniff");
    const json response = json::parse(result->body);
    std::vector<std::string> titles;
    for (const json& hit : response["results"]) titles.push_back(hit["title"]);
    EXPECT_NE(
        std::find(titles.begin(), titles.end(),
                  "<script>window.__xss = 1</script> Scheduling <img src=x onerror=\"window.__xss = 2\"> on GPUs"),
        titles.end());
    const httplib::Result page = server.client().Get("/<script>alert(1)</script>");
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 404);
    EXPECT_EQ(page->get_header_value("Content-Type"), "application/json; charset=utf-8");
}

// A re-index shows without a restart; an index gone is 503 until it is back; SIGTERM stops cleanly.
TEST(ServeReopenTest, ReindexShowsWithoutRestartAndAMissingIndexIs503) {
    const ScratchDir dir;
    const std::string db = index_of(dir, "papers", {source_dir() + "/tests/browser/xss-papers.jsonl"});
    Server server(db, dir / "serve.log");
    const auto total = [&server](const std::string& path) {
        const httplib::Result result = server.client().Get(path.c_str());
        return result && result->status == 200 ? json::parse(result->body)["total"].get<int>() : -result.value().status;
    };
    EXPECT_EQ(total("/api/search"), 2);
    index_of(dir, "papers", {bundled_papers()});  // an update: the list's 32 papers join the 2
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (total("/api/search") != 34 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(total("/api/search"), 34);

    std::filesystem::rename(db, dir / "moved");
    std::this_thread::sleep_for(std::chrono::milliseconds(700));  // past the server's check interval
    const httplib::Result gone = server.client().Get("/api/search");
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->status, 503) << gone->body;
    EXPECT_EQ(json::parse(gone->body)["status"], 503);
    std::filesystem::rename(dir / "moved", db);
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    EXPECT_EQ(total("/api/search"), 34);

    EXPECT_EQ(server.stop(), 0);
    EXPECT_NE(server.log().find("mlsys-serve: stopping\n"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace mlsys::testing
