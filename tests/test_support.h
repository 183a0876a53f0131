// Helpers shared by the tests: scratch directories, running the real binaries, bundled data.
#pragma once

#include "mlsys/schema/errors.h"

#include <xapian.h>

#include <filesystem>
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

    // Writes `contents` to a file named `name` in the directory and returns its path.
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

// Paths fixed at build time.
std::string source_dir();        // the project's top folder
std::string bundled_papers();    // data/papers.jsonl
std::string index_binary();      // build/bin/mlsys-index
std::string query_binary();      // build/bin/mlsys-query

std::string read_file(const std::string& path);

using Ids = std::set<std::string>;

// Each problem as "file:line: field: message".
std::vector<std::string> messages(const std::vector<Problem>& problems);

// The ids of every paper in `db` that matches `query`.
Ids ids_matching(const Xapian::Database& db, const Xapian::Query& query);

// Every file below `dir` with its size and content, for "the index is unchanged" checks.
std::string fingerprint(const std::filesystem::path& dir);

}  // namespace mlsys::testing
