#include "test_support.h"

#include "mlsys/indexer/index_writer.h"
#include "mlsys/schema/document.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace mlsys::testing {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
    std::random_device random;
    for (int attempt = 0; attempt < 100; ++attempt) {
        const fs::path candidate = fs::temp_directory_path() / ("mlsys-test-" + std::to_string(random()));
        if (fs::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a scratch directory");
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

std::string ScratchDir::write_file(const std::string& name, const std::string& contents) const {
    const std::string file = (path_ / name).string();
    std::filesystem::create_directories(std::filesystem::path(file).parent_path());
    std::ofstream(file, std::ios::binary) << contents;
    return file;
}

namespace {

std::string drain(int fd) {
    std::string data;
    std::array<char, 65536> buffer{};
    ssize_t got = 0;
    while ((got = read(fd, buffer.data(), buffer.size())) > 0)
        data.append(buffer.data(), static_cast<std::size_t>(got));
    close(fd);
    return data;
}

// The environment of a command a test runs: this process's, with plain output (NO_COLOR) and
// no $MLSYS_DB.
std::vector<std::string> command_environment() {
    std::vector<std::string> env{"NO_COLOR=1"};
    for (char** var = environ; *var != nullptr; ++var) {
        const std::string entry(*var);
        if (entry.rfind("NO_COLOR=", 0) != 0 && entry.rfind("MLSYS_DB=", 0) != 0) env.push_back(entry);
    }
    return env;
}

std::vector<char*> null_terminated(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (std::string& s : strings) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers;
}

// What the child does with its file descriptors before it runs the command.
class FileActions {
  public:
    FileActions() { posix_spawn_file_actions_init(&actions_); }
    ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;

    void dup2(int from, int to) { posix_spawn_file_actions_adddup2(&actions_, from, to); }
    void open(int fd, const std::string& path, int flags) {
        posix_spawn_file_actions_addopen(&actions_, fd, path.c_str(), flags, 0644);
    }
    const posix_spawn_file_actions_t* get() const { return &actions_; }

  private:
    posix_spawn_file_actions_t actions_{};
};

// Starts `argv` as a child. posix_spawn, not fork and exec: tests run commands from several
// threads, and a forked child of a threaded process may deadlock on any allocation before it
// execs (a lock another thread held at the fork), which hung a sanitizer run of
// ReadersDuringWrites for its whole timeout.
pid_t spawn(const std::vector<std::string>& argv, const FileActions& actions) {
    std::vector<std::string> args = argv;
    std::vector<std::string> env = command_environment();
    const std::vector<char*> arg_pointers = null_terminated(args);
    const std::vector<char*> env_pointers = null_terminated(env);
    pid_t child = 0;
    const int error =
        posix_spawn(&child, arg_pointers[0], actions.get(), nullptr, arg_pointers.data(), env_pointers.data());
    if (error != 0) throw std::runtime_error("cannot run " + argv.at(0) + ": " + std::strerror(error));
    return child;
}

// A pipe whose ends no other child inherits (only the dup2 copies in its own child).
std::array<int, 2> private_pipe() {
    std::array<int, 2> ends{};
    if (pipe2(ends.data(), O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    return ends;
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv) {
    const std::array<int, 2> out_pipe = private_pipe();
    const std::array<int, 2> err_pipe = private_pipe();
    FileActions actions;
    actions.dup2(out_pipe[1], STDOUT_FILENO);
    actions.dup2(err_pipe[1], STDERR_FILENO);
    actions.open(STDIN_FILENO, "/dev/null", O_RDONLY);
    const pid_t child = spawn(argv, actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    CommandResult result;
    std::thread err_reader([&] { result.err = drain(err_pipe[0]); });
    result.out = drain(out_pipe[0]);
    err_reader.join();
    int status = 0;
    waitpid(child, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

pid_t start_command(const std::vector<std::string>& argv, const std::string& log) {
    FileActions actions;
    actions.open(STDOUT_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC);
    actions.dup2(STDOUT_FILENO, STDERR_FILENO);
    return spawn(argv, actions);
}

std::string source_dir() {
    return MLSYS_SOURCE_DIR;
}
std::string bundled_papers() {
    return source_dir() + "/data/papers.jsonl";
}
std::string index_binary() {
    return MLSYS_INDEX_BINARY;
}
std::string query_binary() {
    return MLSYS_QUERY_BINARY;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::vector<std::string> messages(const std::vector<Problem>& problems) {
    std::vector<std::string> out;
    for (const Problem& p : problems) out.push_back(p.describe());
    return out;
}

Ids ids_matching(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    Ids ids;
    for (const Xapian::docid doc : enquire.get_mset(0, db.get_doccount()))
        ids.insert(paper_from_document(db.get_document(doc)).id);
    return ids;
}

std::string fingerprint(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).string()] = read_file(entry.path().string());
    }
    std::string print;
    for (const auto& [name, content] : files) {
        print += name + ":" + std::to_string(content.size()) + ":" + std::to_string(std::hash<std::string>{}(content)) +
                 "\n";
    }
    return print;
}

std::string backend_name(Backend backend) {
    return backend == Backend::Single ? "Single" : "TwoShardStub";
}

std::string stub_listing(const std::vector<std::string>& databases) {
    std::string stub;
    for (const std::string& database : databases) stub += "auto " + database + "\n";
    return stub;
}

std::map<std::string, std::string> records_in(const std::string& db_path) {
    const Xapian::Database db(db_path);
    std::map<std::string, std::string> records;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document document = db.get_document(*it);
        records[paper_from_document(document).id] = document.get_data();
    }
    return records;
}

Paper text_paper(const std::string& id, const std::string& title, const std::string& abstract, int year) {
    Paper p;
    p.id = id;
    p.title = title;
    p.abstract = abstract;
    p.venue = "OSDI";
    p.year = year;
    return p;
}

std::string write_papers(Backend backend, const ScratchDir& dir, const std::string& name,
                         const std::vector<Paper>& papers) {
    return build_index(backend, dir, name, papers, [](const std::string& path, const std::vector<Paper>& some) {
        indexer::write_index(path, some, {});
    });
}

}  // namespace mlsys::testing
