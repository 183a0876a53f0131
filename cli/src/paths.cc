#include "mlsys/cli/paths.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace mlsys::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSourceTreeIndex = "index/papers";
constexpr const char* kSourceTreeList = "data/papers.jsonl";

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? value : "";
}

bool path_exists(const fs::path& path) {
    std::error_code error;
    return fs::exists(path, error);
}

bool in_source_tree() {
    return path_exists(kSourceTreeList) || path_exists(kSourceTreeIndex);
}

// XDG Base Directory: a relative XDG_DATA_HOME is invalid and must be ignored.
fs::path user_data_dir() {
    const fs::path xdg = environment("XDG_DATA_HOME");
    if (xdg.is_absolute()) return xdg;
    const std::string home = environment("HOME");
    return fs::path(home.empty() ? "." : home) / ".local" / "share";
}

}  // namespace

std::string default_index_path() {
    const std::string db = environment("MLSYS_DB");
    if (!db.empty()) return db;
    if (in_source_tree()) return kSourceTreeIndex;
    return (user_data_dir() / "mlsys-search" / "papers").string();
}

std::string default_index_help() {
    return "$MLSYS_DB, else index/papers in a source tree, else $XDG_DATA_HOME/mlsys-search/papers";
}

std::string installed_data_dir() {
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (error) return "";
    return (executable.parent_path().parent_path() / "share" / "mlsys-search").string();
}

std::string default_input_path() {
    if (path_exists(kSourceTreeList)) return kSourceTreeList;
    const std::string installed = installed_data_dir();
    if (!installed.empty() && path_exists(fs::path(installed) / "papers.jsonl")) {
        return (fs::path(installed) / "papers.jsonl").string();
    }
    return kSourceTreeList;  // missing: the reader's error names the path users expect
}

}  // namespace mlsys::cli
