// Helpers shared by the tests: scratch directories, running the real binaries, bundled data.
#pragma once

#include "mlsys/schema/errors.h"
#include "mlsys/schema/paper.h"

#include <xapian.h>

#include <sys/types.h>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace mlsys::testing {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class ScratchDir {
  public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

    // Writes `contents` to a file named `name` in the directory (its folders made) and returns its path.
    std::string write_file(const std::string& name, const std::string& contents) const;

  private:
    std::filesystem::path path_;
};

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a program with arguments (no shell) and captures its exit code, stdout and stderr.
// NO_COLOR is set so that output is plain.
CommandResult run_command(const std::vector<std::string>& argv);

// Starts a program with arguments (no shell), its stdout and stderr written to the file `log`,
// and returns its pid without waiting for it.
pid_t start_command(const std::vector<std::string>& argv, const std::string& log);

// Paths fixed at build time.
std::string source_dir();      // the project's top folder
std::string bundled_papers();  // data/papers.jsonl
std::string index_binary();    // build/bin/mlsys-index
std::string query_binary();    // build/bin/mlsys-query

std::string read_file(const std::string& path);

using Ids = std::set<std::string>;

// Each problem as "file:line: field: message".
std::vector<std::string> messages(const std::vector<Problem>& problems);

// The ids of every paper in `db` that matches `query`.
Ids ids_matching(const Xapian::Database& db, const Xapian::Query& query);

// Every file below `dir` with its size and content, for "the index is unchanged" checks.
std::string fingerprint(const std::filesystem::path& dir);

// How an index is laid out on disk. As Xapian runs each of its tests on every backend, the
// search suites run on each: a sharded index numbers its documents differently (docids
// interleave the shards) and keeps per-shard statistics, spelling and metadata.
enum class Backend {
    Single,        // one database
    TwoShardStub,  // a stub file ("auto PATH" lines) listing two databases, each half the papers
};

// "Single", "TwoShardStub": the last part of each test's name.
std::string backend_name(Backend backend);

// The text of a Xapian stub file listing `databases` (absolute paths).
std::string stub_listing(const std::vector<std::string>& databases);

// Builds `records` as an index named `name` in `dir`, laid out as `backend`, and returns the
// path to open (the database, or the stub). `write(path, records)` builds one database; the
// stub's shards hold the first and the second half of the records, so their docids interleave
// unlike the single index's.
template <typename Record, typename Write>
std::string build_index(Backend backend, const ScratchDir& dir, const std::string& name,
                        const std::vector<Record>& records, const Write& write) {
    if (backend == Backend::Single) {
        write(dir / name, records);
        return dir / name;
    }
    const auto middle = records.begin() + static_cast<std::ptrdiff_t>(records.size() / 2);
    const std::vector<std::vector<Record>> halves{{records.begin(), middle}, {middle, records.end()}};
    std::vector<std::string> shards;
    for (std::size_t i = 0; i < halves.size(); ++i) {
        shards.push_back(dir / (name + ".shard" + std::to_string(i)));
        write(shards.back(), halves[i]);
    }
    return dir.write_file(name + ".stub", stub_listing(shards));
}

// Every document's stored record in the index at `db_path`, by its paper's id.
std::map<std::string, std::string> records_in(const std::string& db_path);

// A paper with an id, a title and an abstract, at OSDI in `year`: the text suites search.
Paper text_paper(const std::string& id, const std::string& title, const std::string& abstract, int year = 2018);

// `papers` as an index laid out as `backend`, written with the library's index writer.
std::string write_papers(Backend backend, const ScratchDir& dir, const std::string& name,
                         const std::vector<Paper>& papers);

}  // namespace mlsys::testing
