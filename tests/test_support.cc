#include "test_support.h"

#include "mlsys/indexer/index_writer.h"
#include "mlsys/schema/document.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
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

// In a forked child, its output already redirected: plain output (NO_COLOR), no $MLSYS_DB,
// then `argv` in place of the child.
[[noreturn]] void exec_command(const std::vector<std::string>& argv) {
    setenv("NO_COLOR", "1", 1);
    unsetenv("MLSYS_DB");
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv) {
    int out_pipe[2];
    int err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    const pid_t child = fork();
    if (child == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        close(out_pipe[0]), close(out_pipe[1]), close(err_pipe[0]), close(err_pipe[1]);
        const int null_in = open("/dev/null", O_RDONLY);
        dup2(null_in, STDIN_FILENO);
        exec_command(argv);
    }
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
    const pid_t child = fork();
    if (child == 0) {
        const int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        dup2(out, STDOUT_FILENO);
        dup2(out, STDERR_FILENO);
        exec_command(argv);
    }
    if (child < 0) throw std::runtime_error("fork failed");
    return child;
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

std::string write_papers(Backend backend, const ScratchDir& dir, const std::string& name,
                         const std::vector<Paper>& papers) {
    return build_index(backend, dir, name, papers, [](const std::string& path, const std::vector<Paper>& some) {
        indexer::write_index(path, some, {});
    });
}

}  // namespace mlsys::testing
