#include "mlsys/cli/progress.h"

#include <unistd.h>
#include <cmath>
#include <cstdio>
#include <map>

namespace mlsys::cli {

namespace {

constexpr std::size_t kBarWidth = 16;
constexpr std::size_t kMaxColumns = 79;  // a line as wide as the terminal would wrap, and \r not reach back

std::string fixed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
}

// "[####------------]" for `done` of `total`.
std::string bar(std::size_t done, std::size_t total) {
    const std::size_t filled = total == 0 ? kBarWidth : kBarWidth * std::min(done, total) / total;
    return "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '-') + "]";
}

std::string percent(std::size_t done, std::size_t total) {
    const std::string digits = std::to_string(total == 0 ? 100 : 100 * std::min(done, total) / total);
    return std::string(3 - digits.size(), ' ') + digits + "%";
}

}  // namespace

std::string clock_time(double seconds) {
    const long whole = seconds > 0 ? std::lround(seconds) : 0;
    char text[32];
    if (whole >= 3600) {
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", whole / 3600, whole / 60 % 60, whole % 60);
    } else {
        std::snprintf(text, sizeof text, "%ld:%02ld", whole / 60, whole % 60);
    }
    return text;
}

std::string progress_line(const ProgressState& state) {
    const bool rate_known = state.done > 0 && state.seconds > 0;
    const double rate = rate_known ? state.done / state.seconds : 0;
    std::string line = state.stage;
    if (state.total) {
        const std::size_t total = *state.total;
        line += " " + std::to_string(state.done) + "/" + std::to_string(total) + " papers " +
                percent(state.done, total) + " " + bar(state.done, total);
        if (rate_known) {
            const std::size_t left = total > state.done ? total - state.done : 0;
            line += " " + fixed(rate) + " papers/s, ETA " + clock_time(left / rate);
        }
    } else if (state.done > 0) {
        line += " " + std::to_string(state.done) + " papers";
        if (rate_known) line += ", " + fixed(rate) + " papers/s";
    }
    return line.substr(0, kMaxColumns);
}

ProgressBar::ProgressBar(ProgressMode mode)
    : drawing_(mode == ProgressMode::Always || (mode == ProgressMode::Auto && isatty(STDERR_FILENO))) {}

ProgressBar::~ProgressBar() {
    clear();
}

void ProgressBar::stage(const std::string& name, std::optional<std::size_t> total) {
    if (!drawing_) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    stage_ = name;
    total_ = total;
    stage_start_ = Clock::now();
    draw(ProgressState{stage_, 0, total_, 0});
}

void ProgressBar::update(std::size_t done) {
    if (!drawing_) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    const Clock::time_point now = Clock::now();
    const bool last = total_ && done >= *total_;
    if (!last && last_draw_ && std::chrono::duration<double>(now - *last_draw_).count() < kRedrawSeconds) return;
    draw(ProgressState{stage_, done, total_, std::chrono::duration<double>(now - stage_start_).count()});
}

void ProgressBar::clear() {
    if (!drawing_) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    erase();
}

void ProgressBar::draw(const ProgressState& state) {
    const std::string line = progress_line(state);
    // Spaces over what is left of a longer line drawn before.
    const std::size_t padding = shown_width_ > line.size() ? shown_width_ - line.size() : 0;
    std::fprintf(stderr, "\r%s%s", line.c_str(), std::string(padding, ' ').c_str());
    std::fflush(stderr);
    shown_width_ = line.size() + padding;
    last_draw_ = Clock::now();
}

void ProgressBar::erase() {
    if (shown_width_ == 0) return;
    std::fprintf(stderr, "\r%s\r", std::string(shown_width_, ' ').c_str());
    std::fflush(stderr);
    shown_width_ = 0;
}

void add_progress_option(CLI::App& app, ProgressMode& mode) {
    const std::map<std::string, ProgressMode> modes{
        {"auto", ProgressMode::Auto}, {"always", ProgressMode::Always}, {"never", ProgressMode::Never}};
    app.add_option("--progress", mode,
                   "a progress line on standard error: auto (when it is a terminal, unless --quiet), always or "
                   "never")
        ->transform(CLI::CheckedTransformer(modes))
        ->envname("MLSYS_PROGRESS")
        ->default_str("auto");
}

}  // namespace mlsys::cli
