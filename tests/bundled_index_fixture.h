// A test suite over one index of the bundled list, built once with the real mlsys-index and
// queried with the real mlsys-query.
#pragma once

#include "test_support.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace mlsys::testing {

class BundledIndexSuite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<ScratchDir>();
        const CommandResult built = run_command({index_binary(), "--db", db(), "--quiet", bundled_papers()});
        ASSERT_EQ(built.exit_code, 0) << built.err;
    }
    static void TearDownTestSuite() { dir_.reset(); }
    static std::string db() { return *dir_ / "papers"; }
    static const ScratchDir& dir() { return *dir_; }

    // mlsys-query on the index, with `args`.
    static CommandResult query(std::vector<std::string> args) {
        std::vector<std::string> argv{query_binary(), "--db", db()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_command(argv);
    }

  private:
    static inline std::unique_ptr<ScratchDir> dir_;
};

}  // namespace mlsys::testing
