// A progress line on standard error for a long run (mlsys-index on a large list): what stage it
// is in, how many papers of how many, papers a second and the time left, redrawn in place.
#pragma once

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace mlsys::cli {

// One stage as the line shows it.
struct ProgressState {
    std::string stage;                 // "indexing", "merging 2 shards"
    std::size_t done = 0;              // papers done in this stage
    std::optional<std::size_t> total;  // papers the stage will do, when known
    double seconds = 0;                // since the stage began
};

// The line for `state`, under 80 columns:
//   "indexing 1200/10000 papers  12% [#---------------] 850 papers/s, ETA 0:10"
//   "reading 1200 papers, 850 papers/s" (no total), "merging 2 shards" (nothing counted yet).
std::string progress_line(const ProgressState& state);

// "0:07", "12:05", "1:02:03".
std::string clock_time(double seconds);

enum class ProgressMode {
    Auto,    // only when standard error is a terminal
    Always,  // even through a pipe (for tests)
    Never,
};

// The progress line of one run, on standard error. Safe to call from several threads (a --jobs
// build reports from each shard's thread). Cleared when destroyed, so an error message that
// follows starts on a clean line.
class ProgressBar {
  public:
    explicit ProgressBar(ProgressMode mode);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    bool drawing() const { return drawing_; }
    // Starts a stage and draws it at once.
    void stage(const std::string& name, std::optional<std::size_t> total = std::nullopt);
    // `done` papers of the stage are done. Redraws at most every kRedrawSeconds, and always for
    // the last paper of a known total, so the line ends on what was done.
    void update(std::size_t done);
    // Erases the line (before a summary or a warning on the same terminal).
    void clear();

    static constexpr double kRedrawSeconds = 0.2;

  private:
    using Clock = std::chrono::steady_clock;
    void draw(const ProgressState& state);  // with mutex_ held
    void erase();                           // with mutex_ held

    const bool drawing_;
    std::mutex mutex_;
    std::string stage_;
    std::optional<std::size_t> total_;
    Clock::time_point stage_start_;
    std::optional<Clock::time_point> last_draw_;
    std::size_t shown_width_ = 0;  // columns of the line on screen, 0 when none
};

// --progress auto|always|never (environment MLSYS_PROGRESS) into `mode`.
void add_progress_option(CLI::App& app, ProgressMode& mode);

}  // namespace mlsys::cli
