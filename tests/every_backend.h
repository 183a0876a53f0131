// Suites whose every test runs once per backend (a single index, a two-shard stub), as
// Xapian's own tests run on every backend: a test named T runs as T/Single and T/TwoShardStub.
#pragma once

#include "test_support.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <tuple>

namespace mlsys::testing {

// Test names and failure messages show "Single", "TwoShardStub" rather than the enum's bytes.
inline void PrintTo(Backend backend, std::ostream* out) {
    *out << backend_name(backend);
}

inline Backend backend_of(Backend backend) {
    return backend;
}

// A suite with a parameter of its own runs over (parameter, backend) pairs.
template <typename Own>
Backend backend_of(const std::tuple<Own, Backend>& param) {
    return std::get<1>(param);
}

// The base of such a suite: `Param` is Backend, or std::tuple<the suite's own parameter, Backend>.
template <typename Param = Backend>
class OnEveryBackend : public ::testing::TestWithParam<Param> {
  protected:
    Backend backend() const { return backend_of(this->GetParam()); }
};

inline auto every_backend() {
    return ::testing::Values(Backend::Single, Backend::TwoShardStub);
}

inline std::string backend_test_name(const ::testing::TestParamInfo<Backend>& info) {
    return backend_name(info.param);
}

}  // namespace mlsys::testing

// Runs every TEST_P of `suite` (an OnEveryBackend<>) once per backend.
#define MLSYS_ON_EVERY_BACKEND(suite) \
    INSTANTIATE_TEST_SUITE_P(Backends, suite, ::mlsys::testing::every_backend(), ::mlsys::testing::backend_test_name)
