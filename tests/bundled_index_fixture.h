// A test suite over an index of the bundled list, built with the real mlsys-index and queried
// with the real mlsys-query, on every backend: each index is built once per test program, when
// a test first needs it.
#pragma once

#include "every_backend.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace mlsys::testing {

template <typename Param = Backend>
class BundledIndexSuite : public OnEveryBackend<Param> {
  protected:
    static void TearDownTestSuite() {
        dbs_.clear();
        dir_.reset();
    }

    void SetUp() override {
        if (!dir_) dir_ = std::make_unique<ScratchDir>();
        if (dbs_.count(this->backend()) == 0) dbs_[this->backend()] = build(this->backend());
    }

    std::string db() const { return dbs_.at(this->backend()); }
    static const ScratchDir& dir() { return *dir_; }

    // mlsys-query on the index, with `args`.
    CommandResult query(std::vector<std::string> args) const {
        std::vector<std::string> argv{query_binary(), "--db", db()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_command(argv);
    }

  private:
    // Each database is mlsys-index run on its lines of the bundled list.
    static std::string build(Backend backend) {
        std::vector<std::string> lines;
        std::istringstream papers(read_file(bundled_papers()));
        for (std::string line; std::getline(papers, line);) lines.push_back(line);
        return build_index(backend, *dir_, "papers", lines, [](const std::string& path, const std::vector<std::string>& some) {
            std::ofstream jsonl(path + ".jsonl");
            for (const std::string& line : some) jsonl << line << '\n';
            jsonl.close();
            const CommandResult built = run_command({index_binary(), "--db", path, "--quiet", path + ".jsonl"});
            ASSERT_EQ(built.exit_code, 0) << built.err;
        });
    }

    static inline std::unique_ptr<ScratchDir> dir_;
    static inline std::map<Backend, std::string> dbs_;
};

}  // namespace mlsys::testing
