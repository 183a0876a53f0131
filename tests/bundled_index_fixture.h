// A test suite over an index of a corpus (the bundled list by default), built with the real
// mlsys-index and queried with the real mlsys-query, on every backend: each index is built
// once per test program, when a test first needs it.
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

// data/papers.jsonl: a record a line.
struct BundledList {
    static constexpr const char* kName = "papers";
    static constexpr const char* kExtension = ".jsonl";

    static std::vector<std::string> records() {
        std::vector<std::string> lines;
        std::istringstream papers(read_file(bundled_papers()));
        for (std::string line; std::getline(papers, line);) lines.push_back(line + "\n");
        return lines;
    }

    static std::string file_of(const std::vector<std::string>& records) {
        std::string jsonl;
        for (const std::string& record : records) jsonl += record;
        return jsonl;
    }

    static std::vector<std::string> index_arguments() { return {}; }
};

// `Corpus` names the index (kName) and its input files (kExtension), splits its file into
// records (records()), writes some of them back as a file (file_of()) and gives the
// mlsys-index arguments that read such a file.
template <typename Corpus, typename Param = Backend>
class CorpusIndexSuite : public OnEveryBackend<Param> {
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
    // Each database is mlsys-index run on a file of its records.
    static std::string build(Backend backend) {
        return build_index(backend, *dir_, Corpus::kName, Corpus::records(),
                           [](const std::string& path, const std::vector<std::string>& some) {
                               const std::string file = path + Corpus::kExtension;
                               std::ofstream(file, std::ios::binary) << Corpus::file_of(some);
                               std::vector<std::string> argv{index_binary(), "--db", path, "--quiet"};
                               const std::vector<std::string> more = Corpus::index_arguments();
                               argv.insert(argv.end(), more.begin(), more.end());
                               argv.push_back(file);
                               const CommandResult built = run_command(argv);
                               ASSERT_EQ(built.exit_code, 0) << built.err;
                           });
    }

    static inline std::unique_ptr<ScratchDir> dir_;
    static inline std::map<Backend, std::string> dbs_;
};

template <typename Param = Backend>
using BundledIndexSuite = CorpusIndexSuite<BundledList, Param>;

// openmlsys's BibTeX file: 80 papers, journal papers among them.
struct OpenMlsysBib {
    static std::vector<std::string> files() { return {"corpora/openmlsys-mlsys.bib"}; }
};

// A suite over one index of real lists from ../shared (`Lists::files()`, paths below
// ../shared), built once for the suite with the real mlsys-index --keep-going (the lists hold a
// few bad records), and queried with the real mlsys-query.
template <typename Lists>
class SharedListsSuite : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = std::make_unique<ScratchDir>();
        std::vector<std::string> argv{index_binary(), "--db", db(), "--quiet", "--keep-going"};
        for (const std::string& file : Lists::files()) argv.push_back(source_dir() + "/../shared/" + file);
        const CommandResult built = run_command(argv);
        ASSERT_EQ(built.exit_code, 0) << built.err;
    }
    static void TearDownTestSuite() { dir_.reset(); }

    static std::string db() { return *dir_ / "lists"; }

    // mlsys-query on the index, with `args`.
    static CommandResult query(std::vector<std::string> args) {
        args.insert(args.begin(), {query_binary(), "--db", db()});
        return run_command(args);
    }

  private:
    static inline std::unique_ptr<ScratchDir> dir_;
};

}  // namespace mlsys::testing
